import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BenefitKind } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';
import { BASIS_POINTS } from './compute';

/** Rates are kept in basis points (1 = 0.01 %), so that the ledger's arithmetic stays in integers. */
export const fromBasisPoints = (bp: number): number => bp / BASIS_POINTS;

@ObjectType({ description: 'The share of a kind of benefit that work makes unnecessary, as the programme counts it.' })
export class AvoidanceRate {
  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field(() => Float, { description: 'From 0 to 1: 1 when work replaces the whole support, 0 when it does not change it.' })
  rate: number;
}

@Entity('programme_unit_costs')
@ObjectType({
  description:
    "One version of a programme's unit costs and savings-ledger settings. Versions are never changed: a new one supersedes the last from its validFrom.",
})
export class ProgrammeUnitCosts {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('int')
  @Field(() => Int, { description: '1 for the first version set for the programme, then 2, 3, …' })
  version: number;

  @Column('date', { name: 'valid_from' })
  @Field(() => LocalDate, { description: 'The day from which this version is the one in force.' })
  validFrom: string;

  @Column('int', { name: 'training_hour_cents' })
  @Field(() => Int, { description: 'Cost of an hour of training attended, in euro cents.' })
  trainingHourCents: number;

  @Column('int', { name: 'tutoring_hour_cents' })
  @Field(() => Int, { description: 'Cost of an hour of internship tutoring (company and promoter tutors), in euro cents.' })
  tutoringHourCents: number;

  @Column('int', { name: 'case_management_month_cents' })
  @Field(() => Int, { description: 'Cost of a month of case management by social services, in euro cents.' })
  caseManagementMonthCents: number;

  @Column('int', { name: 'fiscal_rate_bp' })
  fiscalRateBp: number;

  @Column('int', { name: 'deadweight_bp' })
  deadweightBp: number;

  @Column('int', { name: 'horizon_months' })
  @Field(() => Int, { description: 'Months from the hire over which savings are counted.' })
  horizonMonths: number;

  /** By benefit kind, in basis points; a kind not named avoids nothing. */
  @Column('jsonb', { name: 'avoidance_rates_bp' })
  avoidanceRatesBp: Partial<Record<BenefitKind, number>>;

  @Column('varchar', { name: 'set_by_subject', length: 300 })
  @Field(() => String, { nullable: true, description: "Who set this version (their token's subject); for the organisation that set it." })
  setBy: string;

  @Column('uuid', { name: 'set_by_organisation_id' })
  setByOrganisationId: string;

  @CreateDateColumn({ name: 'set_at', type: 'timestamptz' })
  @Field(() => DateTime)
  setAt: Date;
}

@Entity('programme_outcome')
@ObjectType({
  description:
    'An outcome the programme pays for (impact finance): employed at least minWeeksEmployed weeks within withinMonthsOfPlanStart months of the personal plan’s start. Never changed once defined.',
})
export class OutcomeDefinition {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('varchar', { length: 40 })
  @Field(() => String, { description: 'Short code, unique in the programme, e.g. EMPLOYED_26W_12M.' })
  code: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  name: string;

  @Column('int', { name: 'min_weeks_employed' })
  @Field(() => Int)
  minWeeksEmployed: number;

  @Column('int', { name: 'within_months_of_plan_start' })
  @Field(() => Int)
  withinMonthsOfPlanStart: number;

  @Column('int', { name: 'price_cents' })
  @Field(() => Int, { description: 'What the programme pays for each person who achieves the outcome, in euro cents.' })
  priceCents: number;

  @Column('varchar', { name: 'defined_by_subject', length: 300 })
  @Field(() => String, { nullable: true, description: "Who defined it (their token's subject); for the organisation that defined it." })
  definedBy: string;

  @Column('uuid', { name: 'defined_by_organisation_id' })
  definedByOrganisationId: string;

  @CreateDateColumn({ name: 'defined_at', type: 'timestamptz' })
  @Field(() => DateTime)
  definedAt: Date;
}
