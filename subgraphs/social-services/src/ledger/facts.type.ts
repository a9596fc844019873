import { Directive, Field, ObjectType } from 'type-graphql';

/*
 * The partners' facts for the savings ledger, as social services receive them: each partner resolves
 * its own `Programme.ledger…Facts` (internal, @inaccessible); here they are only declared, for
 * `@requires` (every field `@external`). No descriptions: the owners give them.
 */

@ObjectType('LedgerEmploymentFacts')
export class LedgerEmploymentFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => String)
  @Directive('@external')
  hires: string;
}

@ObjectType('LedgerTrainingFacts')
export class LedgerTrainingFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => String)
  @Directive('@external')
  people: string;
}

@ObjectType('LedgerCompanyFacts')
export class LedgerCompanyFactsRef {
  @Field(() => String)
  @Directive('@external')
  seal: string;

  @Field(() => String)
  @Directive('@external')
  people: string;
}

/** What `@requires` selects of each partner's facts. */
export const LEDGER_FACTS = 'ledgerEmploymentFacts { seal hires } ledgerTrainingFacts { seal people } ledgerCompanyFacts { seal people }';

/** A programme as the gateway hands it with the partners' facts (`@requires`). */
export interface ProgrammeFacts {
  ledgerEmploymentFacts?: { seal?: unknown; hires?: unknown } | null;
  ledgerTrainingFacts?: { seal?: unknown; people?: unknown } | null;
  ledgerCompanyFacts?: { seal?: unknown; people?: unknown } | null;
}
