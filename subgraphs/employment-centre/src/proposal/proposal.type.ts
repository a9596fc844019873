import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ProposalStatus } from '../common/enums';
import { DateTime } from '../common/scalars';
import type { MatchSnapshot } from '../matching/scoring';

@Entity('vacancy_proposal')
@ObjectType({
  description:
    'A job seeker the employment centre proposed to a vacancy, and what came of it; with the match score and explanation as they were when the candidate was proposed.',
})
export class VacancyProposal {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'vacancy_id' })
  vacancyId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The employment centre that proposed the candidate, and holds the record. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** The vacancy's company, kept with the proposal: the company may see its proposals, pseudonymised. */
  @Column('uuid', { name: 'company_id' })
  companyId: string;

  /** The programme of the registration the candidate was proposed from. */
  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('varchar', { length: 20 })
  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Column('double precision')
  @Field(() => Float, { description: 'The match score, from 0 to 1, when the candidate was proposed.' })
  score: number;

  @Column('jsonb')
  explanation: MatchSnapshot;

  @Column('text', { default: '' })
  @Field(() => String, { nullable: true, description: "The centre's note to the company about the candidate; not shown to host companies." })
  note: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the proposal was rejected or withdrawn; not shown to host companies.' })
  reason: string | null;

  @Column('uuid', { name: 'hire_id', nullable: true })
  hireId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  proposedAt: Date;

  @Column('timestamptz', { name: 'status_changed_at' })
  @Field(() => DateTime, { description: 'When the proposal reached its current status.' })
  statusChangedAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  @Field(() => DateTime, { nullable: true, description: 'When the proposal reached a final status (REJECTED, WITHDRAWN or HIRED); null while it is live.' })
  endedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
