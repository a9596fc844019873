import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { InternshipOutcome, InternshipStatus } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('internship')
@ObjectType({ description: 'An internship (tirocinio) of a person at a host company, promoted by a partner, with a monthly allowance.' })
@Directive('@key(fields: "id")')
export class Internship {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'promoter_organisation_id' })
  promoterOrganisationId: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('uuid', { name: 'company_tutor_id' })
  companyTutorId: string;

  @Column('varchar', { name: 'promoter_tutor_name', length: 200 })
  @Field(() => String, { description: "The promoter's tutor, who follows the intern and visits the company." })
  promoterTutorName: string;

  @Column('uuid', { name: 'plan_step_id', nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: "The step of the person's personal plan (in social services) the internship carries out; null for internships recorded before plans were checked.",
  })
  planStepId: string | null;

  @Column('uuid', { name: 'opportunity_id', nullable: true })
  opportunityId: string | null;

  @Column('varchar', { name: 'occupation_uri', length: 200, nullable: true })
  occupationUri: string | null;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  startDate: string;

  @Column('date', { name: 'end_date' })
  @Field(() => LocalDate, { description: 'Planned last day; an interrupted internship ended on interruptedOn.' })
  endDate: string;

  @Column('int', { name: 'weekly_hours' })
  @Field(() => Int)
  weeklyHours: number;

  @Column('int', { name: 'monthly_allowance_cents' })
  @Field(() => Int, { nullable: true, description: 'Monthly allowance (indennità di tirocinio) in euro cents.' })
  monthlyAllowanceCents: number;

  @Column('varchar', { length: 20 })
  @Field(() => InternshipStatus)
  status: InternshipStatus;

  @Column('varchar', { length: 20, nullable: true })
  @Field(() => InternshipOutcome, { nullable: true, description: 'Set when the internship is completed or interrupted.' })
  outcome: InternshipOutcome | null;

  @Column('date', { name: 'started_on', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'When it first became ACTIVE; null if it never started.' })
  startedOn: string | null;

  @Column('date', { name: 'interrupted_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  interruptedOn: string | null;

  @Column('text', { name: 'interruption_reason', nullable: true })
  @Field(() => String, { nullable: true })
  interruptionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime)
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}

/** The last day the internship ran, or will run: interrupted internships stop early. */
export function lastDayOf(internship: Pick<Internship, 'endDate' | 'interruptedOn'>): string {
  return internship.interruptedOn && internship.interruptedOn < internship.endDate ? internship.interruptedOn : internship.endDate;
}

@Directive(PUBLIC)
@Entity('internship_rules')
@ObjectType({ description: "A programme's bounds for internships, set by the lead body's coordinator and enforced by the company network." })
export class InternshipRules {
  @PrimaryColumn('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('int', { name: 'allowance_min_cents' })
  @Field(() => Int, { description: 'Lowest monthly allowance, in euro cents.' })
  @Directive(PUBLIC)
  allowanceMinCents: number;

  @Column('int', { name: 'allowance_max_cents' })
  @Field(() => Int, { description: 'Highest monthly allowance, in euro cents.' })
  @Directive(PUBLIC)
  allowanceMaxCents: number;

  @Column('int', { name: 'min_weekly_hours' })
  @Field(() => Int)
  @Directive(PUBLIC)
  minWeeklyHours: number;

  @Column('int', { name: 'max_weekly_hours' })
  @Field(() => Int)
  @Directive(PUBLIC)
  maxWeeklyHours: number;

  @Column('int', { name: 'max_months' })
  @Field(() => Int, { description: 'Longest internship, in calendar months from the start date.' })
  @Directive(PUBLIC)
  maxMonths: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime)
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
