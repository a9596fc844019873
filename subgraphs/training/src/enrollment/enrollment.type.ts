import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { EnrollmentStatus } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('enrollment')
@ObjectType({ description: "A person's place in a course edition, with the hours attended." })
@Directive('@key(fields: "id")')
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The training body holding the record: the provider's organisation in the registry. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'edition_id' })
  editionId: string;

  @Column('varchar', { length: 20 })
  @Field(() => EnrollmentStatus)
  status: EnrollmentStatus;

  @Column('date', { name: 'enrolled_on' })
  @Field(() => LocalDate)
  enrolledOn: string;

  @Column('int', { name: 'attended_hours', default: 0 })
  @Field(() => Int, { description: 'Hours attended so far; never more than the course hours.' })
  attendedHours: number;

  @Column('date', { name: 'completed_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  completedOn: string | null;

  @Column('date', { name: 'withdrawn_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  withdrawnOn: string | null;

  @Column('text', { name: 'withdrawal_reason', nullable: true })
  @Field(() => String, { nullable: true })
  withdrawalReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
