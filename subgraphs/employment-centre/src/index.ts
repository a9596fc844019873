import type { SubgraphDefinition } from '@intreccio/shared';
import { FollowUpCheck, Hire } from './hire/hire.type';
import { JobSeekerProfile } from './job-seeker/job-seeker.type';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { OrientationSession } from './orientation/orientation-session.type';
import { buildEmploymentCentreSchema } from './schema';
import { SkillRecord } from './skill-record/skill-record.type';
import { SkillsAssessment } from './skills-assessment/skills-assessment.type';
import { Vacancy } from './vacancy/vacancy.type';
import { WorkExperience } from './work-history/work-experience.type';

export const entities = [JobSeekerProfile, SkillRecord, WorkExperience, OrientationSession, SkillsAssessment, Vacancy, Hire, FollowUpCheck];

export const employmentCentre: SubgraphDefinition = {
  name: 'employment-centre',
  defaultPort: 4002,
  entities,
  migrations: [InitialSchema1764100000000],
  buildSchema: buildEmploymentCentreSchema,
};

export { buildEmploymentCentreSchema };
export { WEIGHTS as MATCH_WEIGHTS } from './matching/scoring';
export { CEFR_LEVELS } from './common/languages';
export * from './common/enums';
