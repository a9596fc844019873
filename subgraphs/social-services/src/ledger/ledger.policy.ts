import { authenticated, deny, inherit, ofTheRecord, onlyIf, roles, type SubgraphPolicy, type VisibilityRule } from '@intreccio/shared';
import type { Programme } from '../programme/programme.type';
import type { ShownLine } from './ledger.resolver';
import type { OutcomeDefinition, ProgrammeUnitCosts } from './settings.type';

/**
 * Who sees what of the savings ledger (README, "Savings ledger"). The unit costs and outcomes are
 * the programme's settings, for any caller with a token; the totals are for the coordinators of the
 * programme's lead body; a person's line is for the case managers of the social services holding the
 * person, while the partners' records it is built from are shared with them, and for nobody else.
 */

const leadCoordinators: VisibilityRule<Programme> = (ctx, p) =>
  (ctx.access.hasRole('coordinator') && p.leadOrganisationId === ctx.principal.organisationId
    ? 'public'
    : deny("the savings ledger's totals are for the coordinators of the programme's lead body"));

/** Rules for the ledger's fields of `Programme`. */
export const ledgerProgrammeFields: Record<string, VisibilityRule<Programme>> = {
  unitCosts: authenticated,
  unitCostHistory: authenticated,
  outcomeDefinitions: authenticated,
  savings: leadCoordinators,
  savingsLedger: (ctx) => (ctx.access.hasRole('case_manager')
    ? 'public'
    : deny("the savings ledger's lines are for the case managers of the social services holding each person; coordinators see the totals (savings)")),
};

export const ledgerMutations = {
  setProgrammeUnitCosts: roles('coordinator'),
  defineProgrammeOutcome: roles('coordinator'),
};

/** Who set a setting is for the organisation they work for; the organisation itself is shown to all. */
const ownStaff = (organisationOf: (s: any) => string) =>
  onlyIf((ctx, s) => organisationOf(s) === ctx.principal.organisationId, 'who set it is shown to their own organisation only');

export const ledgerPolicy: SubgraphPolicy = {
  ProgrammeUnitCosts: { visible: authenticated, fields: { setBy: ownStaff((v: ProgrammeUnitCosts) => v.setByOrganisationId) } },
  AvoidanceRate: { visible: authenticated },
  OutcomeDefinition: { visible: authenticated, fields: { definedBy: ownStaff((o: OutcomeDefinition) => o.definedByOrganisationId) } },
  ProgrammeSavings: { visible: inherit },
  ProgrammeOutcomeTotal: { visible: inherit },
  SavingsRecordCounts: { visible: inherit },
  SavingsLedger: { visible: inherit },
  SavingsLine: {
    // Each line says how it may be seen: the resolver keeps only the people the caller's social services hold and may see now.
    visible: (_ctx, line: ShownLine) => line.visibility,
    person: (line: ShownLine) => line.personId,
    sensitive: ['benefits', 'avoidedBenefitsCents'],
    explain: { '*': "the person is not in your organisation's care, or their partners' records are not shared with you now" },
  },
  SavingsLineHire: ofTheRecord,
  SavingsLineBenefit: ofTheRecord,
  SavingsLineTraining: ofTheRecord,
  SavingsLineAllowances: ofTheRecord,
  SavingsLineTutoring: ofTheRecord,
  SavingsLineCaseManagement: ofTheRecord,
  SavingsLineOutcome: ofTheRecord,
  // The partners' facts: declared here for @requires only; social services never resolve them.
  LedgerEmploymentFacts: { visible: inherit },
  LedgerTrainingFacts: { visible: inherit },
  LedgerCompanyFacts: { visible: inherit },
};
