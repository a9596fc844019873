import { Notifications1765100000000, type SubgraphDefinition } from '@intreccio/shared';
import { FollowUpCheck, Hire } from './hire/hire.type';
import { JobSeekerProfile } from './job-seeker/job-seeker.type';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { AccessControl1764600000000 } from './migrations/1764600000000-access-control';
import { VacancyProposals1764900000000 } from './migrations/1764900000000-vacancy-proposals';
import { FunnelIndexes1765300000000 } from './migrations/1765300000000-funnel-indexes';
import { onPartnerEvent } from './events/events';
import { OrientationSession } from './orientation/orientation-session.type';
import { VacancyProposal } from './proposal/proposal.type';
import { buildEmploymentCentreSchema } from './schema';
import { SkillRecord } from './skill-record/skill-record.type';
import { SkillsAssessment } from './skills-assessment/skills-assessment.type';
import { Vacancy } from './vacancy/vacancy.type';
import { WorkExperience } from './work-history/work-experience.type';

export const entities = [JobSeekerProfile, SkillRecord, WorkExperience, OrientationSession, SkillsAssessment, Vacancy, Hire, FollowUpCheck, VacancyProposal];

export const employmentCentre: SubgraphDefinition = {
  name: 'employment-centre',
  defaultPort: 4002,
  entities,
  migrations: [InitialSchema1764100000000, AccessControl1764600000000, VacancyProposals1764900000000, Notifications1765100000000, FunnelIndexes1765300000000],
  buildSchema: buildEmploymentCentreSchema,
  // Social services vouch for the case team and for data-subject requests; the company network for its companies' users.
  trustsGrants: {
    person: ['social-services'], 'data-subject': ['social-services'], erasure: ['social-services'], company: ['companies'], aggregate: ['social-services'],
  },
  // Its candidate tickets go to social services, who add the first name; so do the seals of its savings-ledger facts.
  grantAudience: ['social-services'],
  // Its hires go to the case team through social services, who pass on certificates to add their skills.
  events: { sendsTo: ['social-services'], receivesFrom: ['social-services'], relayers: ['social-services'], handle: onPartnerEvent },
};

export { buildEmploymentCentreSchema };
export { WEIGHTS as MATCH_WEIGHTS } from './matching/scoring';
export { CEFR_LEVELS } from './common/languages';
export * from './common/enums';
