import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InternshipTutorKind } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('tutoring_visit')
@ObjectType({ description: 'A tutoring visit to an intern in the host company.' })
export class TutoringVisit {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'internship_id' })
  internshipId: string;

  /** Copied from the internship so programme totals are one grouped read. */
  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('date', { name: 'visited_on' })
  @Field(() => LocalDate)
  visitedOn: string;

  @Column('varchar', { name: 'tutor_kind', length: 20 })
  @Field(() => InternshipTutorKind)
  tutorKind: InternshipTutorKind;

  @Column('numeric', { precision: 4, scale: 2, transformer: { to: (v: number) => v, from: (v: string | null) => (v == null ? v : Number(v)) } })
  @Field(() => Float, { description: 'Hours spent, up to 8; tutoring hours are costed in the savings ledger.' })
  hours: number;

  @Column('text')
  @Field(() => String, { nullable: true, description: "The tutor's notes; a host company reads only those its own tutors wrote." })
  notes: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;
}
