import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { connectionType, WITHHELD_NOTE, type Connection } from '@intreccio/shared';
import { BenefitKind } from '../common/enums';
import { LocalDate } from '../common/scalars';
import type { EmploymentCountEnd } from './compute';
import { OutcomeDefinition, ProgrammeUnitCosts } from './settings.type';

export const EmploymentCountEndEnum: Record<EmploymentCountEnd, EmploymentCountEnd> = {
  NOT_EMPLOYED_AT_FOLLOW_UP: 'NOT_EMPLOYED_AT_FOLLOW_UP',
  NEXT_FOLLOW_UP_DUE: 'NEXT_FOLLOW_UP_DUE',
  CONTRACT_END: 'CONTRACT_END',
  AS_OF: 'AS_OF',
};
registerEnumType(EmploymentCountEndEnum, {
  name: 'EmploymentCountEnd',
  description: 'What ends the months a hire counts for in the savings ledger.',
  valuesConfig: {
    NOT_EMPLOYED_AT_FOLLOW_UP: { description: 'A follow-up check found the person no longer employed: counted through the last check that found them employed.' },
    NEXT_FOLLOW_UP_DUE: { description: 'Counted until the next follow-up check (6 or 12 months after the start) is due; the check confirms or ends it.' },
    CONTRACT_END: { description: 'The planned end of the fixed-term contract.' },
    AS_OF: { description: 'Still running on the day the ledger is computed.' },
  },
});

const MONEY = 'In euro cents.';
const TOTAL = `In euro cents; withheld when built from fewer than 5 people (see \`suppressed\`).`;

// ------------------------------------------------------------------------------------------------
// Programme totals, for the lead body's coordinators.

@ObjectType({ description: 'An outcome the programme pays for, with the people who achieved it. Counts below 5, and payments built from them, are withheld.' })
export class ProgrammeOutcomeTotal {
  @Field(() => OutcomeDefinition)
  outcome: OutcomeDefinition;

  @Field(() => Int, { nullable: true, description: `People who achieved the outcome, as the follow-up checks verify it. ${WITHHELD_NOTE}` })
  verified: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'verified × the outcome’s price, in euro cents; withheld with verified.' })
  paymentsDueCents: number | null;

  @Field(() => [String])
  suppressed: string[];
}

@ObjectType({ description: 'How many records of each kind the totals sum. Counts below 5 are withheld (named in the totals’ `suppressed` as `records.<kind>`).' })
export class SavingsRecordCounts {
  @Field(() => Int, { nullable: true, description: 'Cases (social services) whose months of case management are costed.' })
  cases: number | null;

  @Field(() => Int, { nullable: true, description: 'Benefits (social services) active on a hire date, whose avoided months are counted.' })
  benefits: number | null;

  @Field(() => Int, { nullable: true, description: 'Hires (employment centre).' })
  hires: number | null;

  @Field(() => Int, { nullable: true, description: 'Follow-up checks of those hires (employment centre).' })
  followUps: number | null;

  @Field(() => Int, { nullable: true, description: 'Enrolments (training bodies) whose hours are costed.' })
  enrollments: number | null;

  @Field(() => Int, { nullable: true, description: 'Allowance payments (company network).' })
  allowancePayments: number | null;

  @Field(() => Int, { nullable: true, description: 'Tutoring visits (company network).' })
  tutoringVisits: number | null;
}

@ObjectType({
  description:
    "A programme's savings ledger in total (contabilizzazione del risparmio), summed over its people's lines as social services compute them from the four partners' records. Counts below 5, and sums built from fewer than 5 people, are withheld.",
})
export class ProgrammeSavings {
  @Field(() => LocalDate, { description: 'The day the ledger is computed on (today, UTC): nothing after it counts.' })
  asOf: string;

  @Field(() => Int, { nullable: true, description: 'The version of the unit costs the ledger used; null before any is in force (then no money is computed).' })
  unitCostVersion: number | null;

  @Field(() => ProgrammeUnitCosts, { nullable: true })
  unitCosts: ProgrammeUnitCosts | null;

  @Field(() => Int, { nullable: true, description: `People in the programme: taken in charge under it, or with a partner's record under it. ${WITHHELD_NOTE}` })
  peopleInProgramme: number | null;

  @Field(() => Int, { nullable: true, description: `People with a hire under the programme. ${WITHHELD_NOTE}` })
  peopleHired: number | null;

  @Field(() => Int, { nullable: true, description: 'Months employed within the horizon, summed over the people hired; withheld when fewer than 5 people were employed.' })
  monthsEmployed: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Benefits avoided: active on the hire date, for the months they would have run while the person was employed, times the avoidance rate. ${TOTAL}` })
  avoidedBenefitsCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Fiscal return: gross wage × months employed × the combined rate of contributions and income tax. ${TOTAL}` })
  fiscalReturnCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Avoided benefits plus fiscal return, before deadweight. ${TOTAL}` })
  grossSavingsCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `The share of the gross savings that would have come anyway. ${TOTAL}` })
  deadweightCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Gross savings less deadweight. ${TOTAL}` })
  grossSavingsAfterDeadweightCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Training hours attended × the hour cost, for everyone in the programme. ${TOTAL}` })
  trainingCostCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Internship allowances paid. ${TOTAL}` })
  allowancesCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Tutoring hours × the hour cost. ${TOTAL}` })
  tutoringCostCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Months of case management × the month cost. ${TOTAL}` })
  caseManagementCostCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Training, allowances, tutoring and case management, for everyone in the programme, hired or not. ${TOTAL}` })
  programmeCostCents: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: `Gross savings after deadweight less the programme cost. ${TOTAL}` })
  netSavingsCents: number | null;

  @Field(() => Float, { nullable: true, description: 'Gross savings after deadweight ÷ programme cost, to 2 decimals (half away from zero); withheld with either.' })
  benefitCostRatio: number | null;

  @Field(() => [ProgrammeOutcomeTotal], { description: 'Each outcome the programme defined, with the people who achieved it and the payments due.' })
  outcomes: ProgrammeOutcomeTotal[];

  @Field(() => Int, { nullable: true, description: `Outcomes achieved, over every outcome defined. ${WITHHELD_NOTE}` })
  outcomesVerified: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Outcome payments due, in euro cents, over every outcome defined; withheld with outcomesVerified.' })
  outcomePaymentsDueCents: number | null;

  @Field(() => SavingsRecordCounts)
  records: SavingsRecordCounts;

  @Field(() => [String], { description: 'The figures withheld because they count, or are built from, fewer than 5 people or records.' })
  suppressed: string[];
}

// ------------------------------------------------------------------------------------------------
// One person's line, for the case managers of the social services holding the person.

@ObjectType({ description: 'A hire behind a ledger line (employment centre), and the months it counts for.' })
export class SavingsLineHire {
  @Field(() => ID)
  hireId: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  plannedEndDate: string | null;

  @Field(() => Int, { description: MONEY })
  grossMonthlyWageCents: number;

  @Field(() => [ID], { description: 'The follow-up checks the months are counted from.' })
  followUpIds: string[];

  @Field(() => LocalDate, { nullable: true, description: 'The last day the hire counts as employment; null when none does.' })
  countedThrough: string | null;

  @Field(() => EmploymentCountEndEnum)
  countEndedBy: EmploymentCountEnd;

  @Field(() => Int, { description: 'Months of the horizon this hire covers in full.' })
  monthsCounted: number;

  @Field(() => Int, { description: 'Wage × months counted × fiscal rate, rounded half away from zero. In euro cents.' })
  fiscalReturnCents: number;
}

@ObjectType({ description: 'A benefit behind a ledger line (social services): active on the hire date.' })
export class SavingsLineBenefit {
  @Field(() => ID)
  benefitId: string;

  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field(() => Int, { description: MONEY })
  monthlyAmountCents: number;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'It would have run until then without work; null: through the horizon.' })
  entitlementEndDate: string | null;

  @Field(() => Float)
  avoidanceRate: number;

  @Field(() => Int, { description: 'Months of the horizon in which it would have run and the person was employed.' })
  months: number;

  @Field(() => Int, { description: 'Monthly amount × months × avoidance rate, rounded half away from zero. In euro cents.' })
  avoidedCents: number;
}

@ObjectType({ description: 'Training behind a ledger line (training bodies).' })
export class SavingsLineTraining {
  @Field(() => Int)
  attendedHours: number;

  @Field(() => Int, { description: MONEY })
  hourCostCents: number;

  @Field(() => Int, { description: MONEY })
  costCents: number;

  @Field(() => [ID])
  enrollmentIds: string[];
}

@ObjectType({ description: 'Internship allowances behind a ledger line (company network).' })
export class SavingsLineAllowances {
  @Field(() => Int, { description: MONEY })
  paidCents: number;

  @Field(() => [ID])
  paymentIds: string[];
}

@ObjectType({ description: 'Internship tutoring behind a ledger line (company network).' })
export class SavingsLineTutoring {
  @Field(() => Float)
  hours: number;

  @Field(() => Int, { description: MONEY })
  hourCostCents: number;

  @Field(() => Int, { description: 'Hours × hour cost, rounded half away from zero. In euro cents.' })
  costCents: number;

  @Field(() => [ID])
  visitIds: string[];
}

@ObjectType({ description: 'Case management behind a ledger line (social services).' })
export class SavingsLineCaseManagement {
  @Field(() => Int, { description: "Months begun from each case's opening, up to its closing, the programme's end or the ledger's day." })
  months: number;

  @Field(() => Int, { description: MONEY })
  monthCostCents: number;

  @Field(() => Int, { description: MONEY })
  costCents: number;

  @Field(() => [ID])
  caseIds: string[];
}

@ObjectType({ description: 'Whether the person achieved an outcome the programme pays for.' })
export class SavingsLineOutcome {
  @Field(() => OutcomeDefinition)
  outcome: OutcomeDefinition;

  @Field(() => ID, { nullable: true, description: 'The personal plan whose start the window runs from; null without a signed plan.' })
  planId: string | null;

  @Field(() => LocalDate, { nullable: true })
  planStartDate: string | null;

  @Field(() => Int, { description: 'Whole weeks of employment the follow-up checks verify within the window.' })
  weeksEmployed: number;

  @Field(() => Boolean)
  verified: boolean;

  @Field(() => Int, { description: MONEY })
  paymentDueCents: number;
}

@ObjectType({ description: "One person's line of the savings ledger, with every input and the records it came from." })
export class SavingsLine {
  /** The person the line is about. */
  personId: string;

  @Field(() => Int, { description: 'The unit-cost version used.' })
  unitCostVersion: number;

  @Field(() => Boolean)
  hired: boolean;

  @Field(() => LocalDate, { nullable: true, description: 'The start of the first hire under the programme: the horizon runs from it.' })
  hireDate: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The last day of the horizon.' })
  horizonEnd: string | null;

  @Field(() => Int, { description: 'Months of the horizon the person was employed in full.' })
  monthsEmployed: number;

  @Field(() => [SavingsLineHire])
  hires: SavingsLineHire[];

  @Field(() => [SavingsLineBenefit])
  benefits: SavingsLineBenefit[];

  @Field(() => Int, { description: MONEY })
  avoidedBenefitsCents: number;

  @Field(() => Int, { description: MONEY })
  fiscalReturnCents: number;

  @Field(() => Int, { description: `Avoided benefits plus fiscal return. ${MONEY}` })
  grossSavingsCents: number;

  @Field(() => Int, { description: 'Gross savings × deadweight share, rounded half away from zero. In euro cents.' })
  deadweightCents: number;

  @Field(() => Int, { description: MONEY })
  grossSavingsAfterDeadweightCents: number;

  @Field(() => SavingsLineTraining)
  training: SavingsLineTraining;

  @Field(() => SavingsLineAllowances)
  allowances: SavingsLineAllowances;

  @Field(() => SavingsLineTutoring)
  tutoring: SavingsLineTutoring;

  @Field(() => SavingsLineCaseManagement)
  caseManagement: SavingsLineCaseManagement;

  @Field(() => Int, { description: MONEY })
  programmeCostCents: number;

  @Field(() => Int, { description: MONEY })
  netSavingsCents: number;

  @Field(() => [SavingsLineOutcome])
  outcomes: SavingsLineOutcome[];
}

export const SavingsLineConnection = connectionType(SavingsLine, 'SavingsLine');

@ObjectType({ description: "The lines of the savings ledger for the people of the programme your social services hold and may see now." })
export class SavingsLedger {
  @Field(() => LocalDate)
  asOf: string;

  @Field(() => Int, { nullable: true, description: 'The unit-cost version used; null before any is in force (then there are no lines).' })
  unitCostVersion: number | null;

  @Field(() => ProgrammeUnitCosts, { nullable: true })
  unitCosts: ProgrammeUnitCosts | null;

  @Field(() => SavingsLineConnection, { description: "A page of the lines, in the order of the people's ids; totalCount counts every line." })
  lines: Connection<SavingsLine>;

  @Field(() => Int, {
    description:
      "People of the programme your social services hold whose lines are not shown: their partners' records are not shared with you now (the case is closed, or the person's consent for your organisation is not active).",
  })
  notShared: number;
}
