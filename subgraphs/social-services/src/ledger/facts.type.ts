import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { LedgerCompanyFact, LedgerFollowUpFact, LedgerHireFact, LedgerTrainingFact } from '@intreccio/shared';
import { LocalDate } from '../common/scalars';

/*
 * The partners' facts for the savings ledger, as social services receive them: each partner resolves
 * its own `Programme.ledger…Facts` (internal, @inaccessible); here they are only declared, for
 * `@requires` (every field `@external`). No descriptions: the owners give them.
 */

@ObjectType('LedgerFollowUpFact')
export class LedgerFollowUpFactRef implements LedgerFollowUpFact {
  @Field(() => ID)
  @Directive('@external')
  followUpId: string;

  @Field(() => Int)
  @Directive('@external')
  monthsAfter: number;

  @Field(() => LocalDate)
  @Directive('@external')
  checkedOn: string;

  @Field(() => Boolean)
  @Directive('@external')
  stillEmployed: boolean;
}

@ObjectType('LedgerHireFact')
export class LedgerHireFactRef implements LedgerHireFact {
  @Field(() => ID)
  @Directive('@external')
  hireId: string;

  @Field(() => ID)
  @Directive('@external')
  personId: string;

  @Field(() => LocalDate)
  @Directive('@external')
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @Directive('@external')
  plannedEndDate: string | null;

  @Field(() => Int)
  @Directive('@external')
  grossMonthlyWageCents: number;

  @Field(() => [LedgerFollowUpFactRef])
  @Directive('@external')
  followUps: LedgerFollowUpFact[];
}

@ObjectType('LedgerEmploymentFacts')
export class LedgerEmploymentFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => [LedgerHireFactRef])
  @Directive('@external')
  hires: LedgerHireFact[];
}

@ObjectType('LedgerTrainingFact')
export class LedgerTrainingFactRef implements LedgerTrainingFact {
  @Field(() => ID)
  @Directive('@external')
  personId: string;

  @Field(() => Int)
  @Directive('@external')
  attendedHours: number;

  @Field(() => [ID])
  @Directive('@external')
  enrollmentIds: string[];
}

@ObjectType('LedgerTrainingFacts')
export class LedgerTrainingFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => [LedgerTrainingFactRef])
  @Directive('@external')
  people: LedgerTrainingFact[];
}

@ObjectType('LedgerCompanyFact')
export class LedgerCompanyFactRef implements LedgerCompanyFact {
  @Field(() => ID)
  @Directive('@external')
  personId: string;

  @Field(() => Int)
  @Directive('@external')
  allowancesPaidCents: number;

  @Field(() => [ID])
  @Directive('@external')
  allowancePaymentIds: string[];

  @Field(() => Float)
  @Directive('@external')
  tutoringHours: number;

  @Field(() => [ID])
  @Directive('@external')
  tutoringVisitIds: string[];
}

@ObjectType('LedgerCompanyFacts')
export class LedgerCompanyFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => [LedgerCompanyFactRef])
  @Directive('@external')
  people: LedgerCompanyFact[];
}

/** What `@requires` selects of each partner's facts. */
export const LEDGER_FACTS = [
  'ledgerEmploymentFacts { seal hires { hireId personId startDate plannedEndDate grossMonthlyWageCents followUps { followUpId monthsAfter checkedOn stillEmployed } } }',
  'ledgerTrainingFacts { seal people { personId attendedHours enrollmentIds } }',
  'ledgerCompanyFacts { seal people { personId allowancesPaidCents allowancePaymentIds tutoringHours tutoringVisitIds } }',
].join(' ');

/** A programme as the gateway hands it with the partners' facts (`@requires`). */
export interface ProgrammeFacts {
  ledgerEmploymentFacts?: { seal?: unknown; hires?: unknown } | null;
  ledgerTrainingFacts?: { seal?: unknown; people?: unknown } | null;
  ledgerCompanyFacts?: { seal?: unknown; people?: unknown } | null;
}
