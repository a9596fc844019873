import { Notifications1765100000000, type SubgraphDefinition } from '@intreccio/shared';
import { Assessment } from './assessment/assessment.type';
import { Benefit } from './benefit/benefit.type';
import { Case, CaseTeamMember } from './case/case.type';
import { Consent } from './consent/consent.type';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { InternshipRulesToCompanyNetwork1764200000000 } from './migrations/1764200000000-internship-rules-to-company-network';
import { AccessControl1764500000000 } from './migrations/1764500000000-access-control';
import { SavingsLedger1765250000000 } from './migrations/1765250000000-savings-ledger';
import { OutcomeDefinition, ProgrammeUnitCosts } from './ledger/settings.type';
import { FunnelIndexes1765300000000 } from './migrations/1765300000000-funnel-indexes';
import { passOnToTeam } from './events/events';
import { Organisation } from './organisation/organisation.type';
import { Person } from './person/person.type';
import { PersonalPlan, PlanStep } from './plan/plan.type';
import { Programme, ProgrammePartner } from './programme/programme.type';
import { Referral } from './referral/referral.type';
import { buildSocialServicesSchema } from './schema';

export const entities = [
  Organisation, Programme, ProgrammePartner, Person, Case, CaseTeamMember, Consent, Assessment, PersonalPlan, PlanStep, Referral, Benefit,
  ProgrammeUnitCosts, OutcomeDefinition,
];

export const socialServices: SubgraphDefinition = {
  name: 'social-services',
  defaultPort: 4001,
  entities,
  migrations: [
    InitialSchema1764000000000, InternshipRulesToCompanyNetwork1764200000000, AccessControl1764500000000, Notifications1765100000000,
    SavingsLedger1765250000000, FunnelIndexes1765300000000,
  ],
  buildSchema: buildSocialServicesSchema,
  // Candidate tickets: the employment centre vouches that a company may see a candidate's first name.
  // Each partner seals the facts it hands social services for the savings ledger.
  trustsGrants: {
    candidate: ['employment-centre'],
    'ledger-employment': ['employment-centre'], 'ledger-training': ['training'], 'ledger-companies': ['companies'],
  },
  // Its grants on people and data-subject requests go to every other partner.
  grantAudience: ['employment-centre', 'training', 'companies'],
  // The other partners' events about a person reach the rest of the case team through social services.
  events: { receivesFrom: ['employment-centre', 'training', 'companies'], sendsTo: ['employment-centre'], handle: passOnToTeam },
};

export { buildSocialServicesSchema };
export * from './common/enums';
export { standingSql } from './access/standing';
export type { LedgerSettings } from './ledger/compute';
