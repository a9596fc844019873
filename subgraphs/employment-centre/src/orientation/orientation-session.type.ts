import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrientationSessionKind } from '../common/enums';
import { LocalDate } from '../common/scalars';

@Entity('orientation_session')
@ObjectType({ description: 'An orientation session (orientamento) the person attended.' })
export class OrientationSession {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The employment centre that holds the record. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('date', { name: 'held_on' })
  @Field(() => LocalDate)
  heldOn: string;

  @Column('varchar', { length: 20 })
  @Field(() => OrientationSessionKind)
  kind: OrientationSessionKind;

  @Column('int', { name: 'duration_minutes' })
  @Field(() => Int)
  durationMinutes: number;

  @Column('varchar', { name: 'operator_name', length: 200 })
  @Field(() => String, { description: 'The orientator who led the session.' })
  operatorName: string;

  @Column('text', { default: '' })
  @Field(() => String)
  summary: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
