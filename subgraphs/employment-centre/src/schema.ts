import { buildFederatedSchema, byId, type FederatedSchema, type RequestContext } from '@intreccio/shared';
import { isUuid } from './common/rules';
import { OccupationResolver, SkillResolver } from './esco/esco.resolver';
import { occupationByUri, skillByUri } from './esco/esco.type';
import { CompanyExtensionResolver } from './federation/company.resolver';
import { PersonExtensionResolver } from './federation/person.resolver';
import { HireResolver } from './hire/hire.resolver';
import { Hire } from './hire/hire.type';
import { JobSeekerResolver, LanguageSkillResolver } from './job-seeker/job-seeker.resolver';
import { JobSeekerProfile } from './job-seeker/job-seeker.type';
import { OrientationSessionResolver } from './orientation/orientation-session.resolver';
import { ProgrammeExtensionResolver } from './programme/programme.resolver';
import { SkillRecordResolver } from './skill-record/skill-record.resolver';
import { SkillsAssessmentResolver } from './skills-assessment/skills-assessment.resolver';
import { VacancyResolver } from './vacancy/vacancy.resolver';
import { Vacancy } from './vacancy/vacancy.type';
import { WorkExperienceResolver } from './work-history/work-experience.resolver';

type IdReference = { id: string };
type UriReference = { uri: string };

/** Entities this subgraph owns, resolved through the request's loaders. */
function owned<T extends { id: string }>(entity: new () => T) {
  return {
    __resolveReference: (ref: IdReference, ctx: RequestContext) => (isUuid(ref.id) ? byId(ctx, entity).load(ref.id) : null),
  };
}

/**
 * Entities other partners own and this subgraph extends: nothing to read, the fields added go
 * through loaders keyed by the id. A representation whose id is not a UUID resolves to null rather
 * than reaching SQL.
 */
const extended = {
  __resolveReference: (ref: IdReference) => (isUuid(ref.id) ? { id: ref.id } : null),
};

export function buildEmploymentCentreSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        SkillResolver, OccupationResolver, JobSeekerResolver, LanguageSkillResolver, SkillRecordResolver, WorkExperienceResolver, OrientationSessionResolver,
        SkillsAssessmentResolver, VacancyResolver, HireResolver, PersonExtensionResolver, CompanyExtensionResolver, ProgrammeExtensionResolver,
      ],
      validate: { forbidUnknownValues: false },
    },
    {
      Person: extended,
      Company: extended,
      Programme: extended,
      JobSeekerProfile: owned(JobSeekerProfile),
      Vacancy: owned(Vacancy),
      Hire: owned(Hire),
      Skill: { __resolveReference: (ref: UriReference) => skillByUri(ref.uri) },
      Occupation: { __resolveReference: (ref: UriReference) => occupationByUri(ref.uri) },
    },
  );
}
