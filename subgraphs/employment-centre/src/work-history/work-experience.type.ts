import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { LocalDate } from '../common/scalars';

@Entity('work_experience')
@ObjectType({ description: "A past job in the person's work history, as told to the employment centre." })
export class WorkExperience {
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

  @Column('varchar', { name: 'employer_name', length: 200 })
  @Field(() => String)
  employerName: string;

  @Column('text', { name: 'occupation_uri', nullable: true })
  occupationUri: string | null;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  startDate: string;

  @Column('date', { name: 'end_date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'Null while the job goes on.' })
  endDate: string | null;

  @Column('text', { default: '' })
  @Field(() => String)
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
