import { buildFederatedSchema, byId, funnelReference, personReference, type FederatedSchema, type RequestContext } from '@intreccio/shared';
import { EmploymentFunnelResolver, OutcomeFunnelRef } from './funnel/funnel.resolver';
import { employmentCentrePolicy } from './access/policy';
import { DataSubjectPart } from './federation/data-subject.resolver';
import { MatchResolver } from './matching/candidate';
import { isUuid } from './common/rules';
import { OccupationResolver, SkillResolver } from './esco/esco.resolver';
import { occupationByUri, skillByUri } from './esco/esco.type';
import { CompanyExtensionResolver } from './federation/company.resolver';
import { PersonExtensionResolver } from './federation/person.resolver';
import { HireResolver } from './hire/hire.resolver';
import { Hire } from './hire/hire.type';
import { JobSeekerResolver, LanguageSkillResolver } from './job-seeker/job-seeker.resolver';
import { JobSeekerProfile } from './job-seeker/job-seeker.type';
import { ProgrammeLedgerFactsResolver } from './ledger/ledger-facts';
import { OrientationSessionResolver } from './orientation/orientation-session.resolver';
import { ProgrammeExtensionResolver } from './programme/programme.resolver';
import { VacancyProposalResolver } from './proposal/proposal.resolver';
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

/** A company, with the company network's grant when the caller is its own user. */
const company = {
  __resolveReference: (ref: IdReference & { accessGrant?: string }, ctx: RequestContext) => {
    if (!isUuid(ref.id)) return null;
    ctx.access.verifyGrant('company', ref.id, ref.accessGrant);
    return { id: ref.id };
  },
};

/** A vacancy, with the grant of its company when the gateway brings it for `candidates`. */
const vacancy = {
  __resolveReference: async (ref: IdReference & { company?: { accessGrant?: string } }, ctx: RequestContext) => {
    if (!isUuid(ref.id)) return null;
    const v = await byId(ctx, Vacancy).load(ref.id);
    if (v) ctx.access.verifyGrant('company', v.companyId, ref.company?.accessGrant);
    return v;
  },
};

export function buildEmploymentCentreSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        SkillResolver, OccupationResolver, JobSeekerResolver, LanguageSkillResolver, SkillRecordResolver, WorkExperienceResolver, OrientationSessionResolver,
        SkillsAssessmentResolver, VacancyResolver, HireResolver, PersonExtensionResolver, CompanyExtensionResolver, ProgrammeExtensionResolver,
        MatchResolver, VacancyProposalResolver, ProgrammeLedgerFactsResolver, EmploymentFunnelResolver, ...DataSubjectPart.resolvers,
      ],
      orphanedTypes: [DataSubjectPart.subject, OutcomeFunnelRef],
      validate: { forbidUnknownValues: false },
    },
    {
      Person: personReference,
      Company: company,
      Programme: extended,
      OutcomeFunnel: funnelReference,
      DataSubject: DataSubjectPart.reference,
      JobSeekerProfile: owned(JobSeekerProfile),
      Vacancy: vacancy,
      // A pseudonym cannot be traced back: a candidate is only ever reached through a match.
      Candidate: { __resolveReference: () => null },
      Hire: owned(Hire),
      Skill: { __resolveReference: (ref: UriReference) => skillByUri(ref.uri) },
      Occupation: { __resolveReference: (ref: UriReference) => occupationByUri(ref.uri) },
    },
    employmentCentrePolicy,
  );
}
