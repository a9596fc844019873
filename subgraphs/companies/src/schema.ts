import { buildFederatedSchema, byId, funnelReference, personReference, type FederatedSchema, type RequestContext } from '@intreccio/shared';
import { InternshipFunnelResolver, OutcomeFunnelRef } from './funnel/funnel.resolver';
import { NetworkMapLinksResolver, NetworkMapRef, networkMapReference } from './network-map/network-map.resolver';
import { companiesPolicy } from './access/policy';
import { DataSubjectPart } from './extensions/data-subject.resolver';
import { AllowancePaymentResolver } from './allowance/allowance-payment.resolver';
import { isUuid } from './common/rules';
import { CompanyResolver } from './company/company.resolver';
import { Company } from './company/company.type';
import { PersonInternshipsResolver } from './extensions/person.resolver';
import { ProgrammeInternshipsResolver } from './extensions/programme.resolver';
import { InternshipRulesResolver } from './internship/internship-rules.resolver';
import { InternshipResolver } from './internship/internship.resolver';
import { ProgrammeLedgerFactsResolver } from './ledger/ledger-facts';
import { Internship } from './internship/internship.type';
import { OpportunityResolver, ScoutingVisitResolver } from './scouting/scouting.resolver';
import { CompanyTutorResolver } from './tutor/tutor.resolver';
import { TutoringVisitResolver } from './tutoring/tutoring-visit.resolver';

type Reference = { id: string };

/** Entities owned here: each representation is resolved through the request's loader. */
function owned<T extends { id: string }>(entity: new () => T) {
  return {
    __resolveReference: (ref: Reference, ctx: RequestContext) => (isUuid(ref.id) ? byId(ctx, entity).load(ref.id) : null),
  };
}

/** Entities owned elsewhere and extended here: the key is all this subgraph needs, so no read. */
const extended = {
  __resolveReference: (ref: Reference) => (isUuid(ref.id) ? { id: ref.id } : null),
};

export function buildCompaniesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        CompanyResolver, CompanyTutorResolver, ScoutingVisitResolver, OpportunityResolver, InternshipResolver, InternshipRulesResolver,
        AllowancePaymentResolver, TutoringVisitResolver, PersonInternshipsResolver, ProgrammeInternshipsResolver, ProgrammeLedgerFactsResolver,
        InternshipFunnelResolver, NetworkMapLinksResolver,
        ...DataSubjectPart.resolvers,
      ],
      orphanedTypes: [DataSubjectPart.subject, OutcomeFunnelRef, NetworkMapRef],
      validate: { forbidUnknownValues: false },
    },
    {
      Company: owned(Company),
      Internship: owned(Internship),
      Person: personReference,
      Programme: extended,
      OutcomeFunnel: funnelReference,
      NetworkMap: networkMapReference,
      DataSubject: DataSubjectPart.reference,
    },
    companiesPolicy,
  );
}
