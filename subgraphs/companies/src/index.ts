import { Notifications1765100000000, type SubgraphDefinition } from '@intreccio/shared';
import { AllowancePayment } from './allowance/allowance-payment.type';
import { Company } from './company/company.type';
import { Internship, InternshipRules } from './internship/internship.type';
import { InitialSchema1764400000000 } from './migrations/1764400000000-initial-schema';
import { AccessControl1764800000000 } from './migrations/1764800000000-access-control';
import { InternshipPlanStep1764900000000 } from './migrations/1764900000000-internship-plan-step';
import { FunnelIndexes1765300000000 } from './migrations/1765300000000-funnel-indexes';
import { buildCompaniesSchema } from './schema';
import { Opportunity, ScoutingVisit } from './scouting/scouting.type';
import { CompanyTutor } from './tutor/tutor.type';
import { TutoringVisit } from './tutoring/tutoring-visit.type';

export const entities = [Company, CompanyTutor, ScoutingVisit, Opportunity, InternshipRules, Internship, AllowancePayment, TutoringVisit];

export const companies: SubgraphDefinition = {
  name: 'companies',
  defaultPort: 4004,
  entities,
  migrations: [InitialSchema1764400000000, AccessControl1764800000000, InternshipPlanStep1764900000000, Notifications1765100000000, FunnelIndexes1765300000000],
  buildSchema: buildCompaniesSchema,
  // Social services vouch for the case team, for data-subject requests and for the signed plan an internship carries out.
  trustsGrants: {
    person: ['social-services'], 'data-subject': ['social-services'], erasure: ['social-services'], 'plan-step': ['social-services'], aggregate: ['social-services'],
  },
  // Its grants on companies' own users go to the employment centre (vacancy candidates, hires); the seals of its
  // savings-ledger facts to social services.
  grantAudience: ['employment-centre', 'social-services'],
  // Its internships' changes go to the case team through social services.
  events: { sendsTo: ['social-services'] },
};

export { buildCompaniesSchema };
export { MAX_INTERNS_PER_TUTOR } from './internship/internship.service';
export { MIN_ATECO_LEVEL } from './company/company.service';
export * from './common/enums';
