import { byId, isUuid, type RequestContext } from '@intreccio/shared';
import { Programme } from '../programme/programme.type';
import type { ProgrammeFacts } from './facts.type';

const FACT_FIELDS = ['ledgerEmploymentFacts', 'ledgerTrainingFacts', 'ledgerCompanyFacts'] as const;

/**
 * A programme other subgraphs point at, resolved through the request's loader; when the gateway
 * brings the partners' savings-ledger facts with it (`@requires`), they stay with it for
 * `Programme.savings` and `Programme.savingsLedger`, which check each partner's seal.
 */
export const programmeReference = {
  __resolveReference: async (ref: { id: string } & ProgrammeFacts, ctx: RequestContext): Promise<(Programme & ProgrammeFacts) | null> => {
    if (!isUuid(ref.id)) return null;
    const programme = await byId(ctx, Programme).load(ref.id);
    if (!programme || !FACT_FIELDS.some((f) => f in ref)) return programme;
    const withFacts: Programme & ProgrammeFacts = Object.assign(Object.create(Programme.prototype) as Programme, programme);
    for (const f of FACT_FIELDS) withFacts[f] = (ref[f] ?? null) as never;
    return withFacts;
  },
};
