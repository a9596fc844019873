import { buildFederatedSchema, byId, type FederatedSchema, type RequestContext } from '@intreccio/shared';
import { AssessmentResolver } from './assessment/assessment.resolver';
import { BenefitResolver } from './benefit/benefit.resolver';
import { CaseResolver, CaseTeamMemberResolver } from './case/case.resolver';
import { Case } from './case/case.type';
import { ConsentResolver } from './consent/consent.resolver';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { Organisation } from './organisation/organisation.type';
import { PersonResolver } from './person/person.resolver';
import { Person } from './person/person.type';
import { PersonalPlanResolver, PlanStepResolver } from './plan/plan.resolver';
import { ProgrammePartnerResolver, ProgrammeResolver } from './programme/programme.resolver';
import { ReferralResolver } from './referral/referral.resolver';
import { Referral } from './referral/referral.type';
import { isUuid } from './common/rules';
import { socialServicesPolicy } from './access/policy';
import { CandidateName, candidateReference, CandidateNameResolver } from './candidate/candidate.resolver';
import { DataSubjectResolver, PartnerRecordsResolver } from './data-subject/data-subject.resolver';
import { ProgrammeLedgerResolver, ProgrammeUnitCostsResolver, SavingsLineResolver } from './ledger/ledger.resolver';
import { programmeReference } from './ledger/programme-reference';
import { funnelEntity, OutcomeFunnelResolver, ProgrammeFunnelResolver } from './funnel/funnel.resolver';
import { NetworkMapResolver, NetworkNodeResolver, networkMapEntity } from './network-map/network-map.resolver';

type Reference = { id: string };

/** Entities other subgraphs point at; each representation is resolved through the request's loader. */
function reference<T extends { id: string }>(entity: new () => T) {
  return {
    __resolveReference: (ref: Reference, ctx: RequestContext) => (isUuid(ref.id) ? byId(ctx, entity).load(ref.id) : null),
  };
}

export function buildSocialServicesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        OrganisationResolver, ProgrammeResolver, ProgrammePartnerResolver, PersonResolver, CaseResolver, CaseTeamMemberResolver,
        ConsentResolver, AssessmentResolver, PersonalPlanResolver, PlanStepResolver, ReferralResolver, BenefitResolver,
        CandidateNameResolver, DataSubjectResolver, PartnerRecordsResolver, ProgrammeLedgerResolver, ProgrammeUnitCostsResolver, SavingsLineResolver,
        ProgrammeFunnelResolver, OutcomeFunnelResolver, NetworkMapResolver, NetworkNodeResolver,
      ],
      orphanedTypes: [CandidateName],
      validate: { forbidUnknownValues: false },
    },
    {
      Person: reference(Person),
      Organisation: reference(Organisation),
      Programme: programmeReference,
      Case: reference(Case),
      Referral: reference(Referral),
      Candidate: candidateReference,
      OutcomeFunnel: funnelEntity,
      NetworkMap: networkMapEntity,
    },
    socialServicesPolicy,
  );
}
