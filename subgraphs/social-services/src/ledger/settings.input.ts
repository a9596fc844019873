import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, Length, Matches, Max, Min } from 'class-validator';
import { BenefitKind } from '../common/enums';
import { LocalDate } from '../common/scalars';

/** Largest unit cost accepted, in euro cents (€100,000). */
export const MAX_UNIT_COST_CENTS = 10_000_000;

@InputType()
export class AvoidanceRateInput {
  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field(() => Float, { description: 'From 0 to 1, at most 4 decimals.' })
  rate: number;
}

@InputType()
export class SetProgrammeUnitCostsInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The latest version you read (0 when there was none): refused with CONFLICT if another was set since.',
  })
  expectedVersion?: number | null;

  @Field(() => LocalDate, { description: "The day from which this version is in force; not before the latest version's." })
  validFrom: string;

  @Field(() => Int, { description: 'Cost of an hour of training attended, in euro cents.' })
  @Min(0)
  @Max(MAX_UNIT_COST_CENTS)
  trainingHourCents: number;

  @Field(() => Int, { description: 'Cost of an hour of tutoring, in euro cents.' })
  @Min(0)
  @Max(MAX_UNIT_COST_CENTS)
  tutoringHourCents: number;

  @Field(() => Int, { description: 'Cost of a month of case management, in euro cents.' })
  @Min(0)
  @Max(MAX_UNIT_COST_CENTS)
  caseManagementMonthCents: number;

  @Field(() => Float, { description: 'Combined rate of social contributions and income tax on the gross wage, 0 to 1 (at most 4 decimals).' })
  fiscalRate: number;

  @Field(() => Float, { description: 'Share of the outcomes that would have happened anyway, 0 to 1 (at most 4 decimals).' })
  deadweight: number;

  @Field(() => Int, { defaultValue: 12, description: 'Months from the hire over which savings are counted, 1 to 60.' })
  @Min(1)
  @Max(60)
  horizonMonths: number;

  @Field(() => [AvoidanceRateInput], { description: 'The avoidance rate of each kind of benefit; a kind not named avoids nothing (rate 0).' })
  @ArrayMaxSize(20)
  avoidanceRates: AvoidanceRateInput[];
}

@InputType()
export class DefineProgrammeOutcomeInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => String, { description: 'Unique in the programme: 2 to 40 capital letters, digits, _ or -.' })
  @Matches(/^[A-Z0-9_-]{2,40}$/, { message: 'must be 2 to 40 capital letters, digits, _ or -' })
  code: string;

  @Field(() => String)
  @Length(2, 200)
  name: string;

  @Field(() => Int, { description: 'Weeks of employment, as the follow-up checks verify them, 1 to 520.' })
  @Min(1)
  @Max(520)
  minWeeksEmployed: number;

  @Field(() => Int, { description: 'Within this many months of the start of the person’s personal plan, 1 to 120.' })
  @Min(1)
  @Max(120)
  withinMonthsOfPlanStart: number;

  @Field(() => Int, { description: 'What the programme pays for each person who achieves it, in euro cents.' })
  @Min(0)
  @Max(1_000_000_000)
  priceCents: number;
}
