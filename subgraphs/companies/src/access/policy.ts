import {
  always, authenticated, inherit, notForHosts, ofTheRecord, onlyIf, partnerDataSubjectPolicy, partnerFunnelPolicy, partnerPersonPolicy, personFieldRules,
  roles, type SubgraphPolicy, type TypePolicy, type Visibility, type VisibilityRule,
} from '@intreccio/shared';
import type { Company } from '../company/company.type';
import type { Internship } from '../internship/internship.type';
import type { TutoringVisit } from '../tutoring/tutoring-visit.type';
import { internshipVisibility, isCompanyUser, personVisibility } from './holders';
import { networkMapPolicy } from '../network-map/network-map.resolver';

/**
 * What each caller sees of the company network's records (README, "Access"). The company registry is
 * for partners, and its listed companies for the public; an internship is its promoter's record, seen
 * by the host company's users (their own company only, without allowances) and by the intern's case
 * team with their consent.
 */

const forPartners = notForHosts('host companies do not see allowances');
const ownCompanyOrPartner = (companyOf: (obj: any) => string): VisibilityRule => async (ctx, obj) => {
  if (ctx.access.anonymous) return null;
  if (!ctx.access.pseudonymised) return 'public';
  return (await isCompanyUser(ctx, companyOf(obj))) ? 'public' : null;
};

const company: TypePolicy<Company> = {
  // The public sees the companies that chose to be listed in the directory.
  visible: (ctx, c) => (c.listedInDirectory || !ctx.access.anonymous ? 'public' : null),
  fields: {
    tutors: authenticated,
    scoutingVisits: ownCompanyOrPartner((c) => c.id),
    opportunities: ownCompanyOrPartner((c) => c.id),
    internships: authenticated,
    organisation: authenticated,
    accessGrant: always,
  },
  explain: { '*': 'the company is not listed in the public directory' },
};

const internship: TypePolicy<Internship> = {
  visible: (ctx, i) => internshipVisibility(ctx, i),
  person: (i) => i.personId,
  fields: {
    monthlyAllowanceCents: forPartners,
    // The step of the person's personal plan is the pathway's, not the host's.
    planStepId: notForHosts("host companies do not see the person's personal plan"),
    allowancePayments: forPartners,
    // Why an internship was interrupted is the intern's story (illness, violence at home): not the host's to read.
    interruptionReason: notForHosts('host companies do not see why an internship was interrupted'),
  },
  explain: { '*': "the internship is promoted by another organisation, and the intern is not shared with yours" },
};

/** Tutors' contacts are for the company network and the tutor's own company. */
const tutorContact: VisibilityRule<{ companyId: string }> = async (ctx, t): Promise<Visibility> => {
  if (ctx.access.hasRole('company_network_operator')) return 'public';
  return (await isCompanyUser(ctx, t.companyId)) ? 'public' : null;
};

const { ofPerson } = personFieldRules(personVisibility, 'the person has no internship promoted or hosted by your organisation');
const networkOperators = roles('company_network_operator');

export const companiesPolicy: SubgraphPolicy = {
  Query: {
    visible: always,
    fields: {
      company: always,
      companies: always,
      // The promoter and the host company only: other partners reach an internship through the person.
      internship: roles('company_network_operator', 'company_tutor'),
      internships: roles('company_network_operator', 'company_tutor'),
      scoutingVisits: authenticated,
      opportunities: authenticated,
    },
  },
  Mutation: {
    visible: always,
    fields: {
      createCompany: networkOperators,
      updateCompany: networkOperators,
      addCompanyTutor: networkOperators,
      updateCompanyTutor: networkOperators,
      recordScoutingVisit: networkOperators,
      changeOpportunityStatus: networkOperators,
      createInternship: networkOperators,
      updateInternship: networkOperators,
      changeInternshipStatus: networkOperators,
      recordAllowancePayment: networkOperators,
      recordTutoringVisit: roles('company_network_operator', 'company_tutor'),
      setInternshipRules: roles('coordinator'),
      eraseCompanyNetworkData: roles('data_protection_officer'),
    },
  },
  Person: partnerPersonPolicy({ internships: ofPerson() }),
  Company: company,
  CompanyTutor: { visible: authenticated, fields: { email: tutorContact, phone: tutorContact }, explain: { email: "is for the company network and the tutor's company", phone: "is for the company network and the tutor's company" } },
  ScoutingVisit: { visible: ownCompanyOrPartner((v) => v.companyId) },
  Opportunity: { visible: ownCompanyOrPartner((o) => o.companyId) },
  Internship: internship,
  AllowancePayment: ofTheRecord,
  TutoringVisit: {
    ...ofTheRecord,
    // The host company's tutor reads the notes the company's tutors wrote, not the promoter's.
    fields: { notes: onlyIf<TutoringVisit>((ctx, v) => !ctx.access.pseudonymised || v.tutorKind === 'COMPANY_TUTOR', 'host companies read only their own tutors\' notes') },
  },
  InternshipRules: { visible: always },
  InternshipKpis: { visible: always },
  // The allowances and tutoring social services compute the savings ledger from: internal (@inaccessible, so no client
  // selects it); the resolver gives them only for the callers social services may show the ledger (mayReadLedgerFacts).
  Programme: { visible: inherit, entity: always, fields: { ledgerCompanyFacts: authenticated } },
  LedgerCompanyFacts: { visible: inherit },
  // Its part of a programme's outcome funnel, only for a cohort social services vouched for.
  OutcomeFunnel: partnerFunnelPolicy,
  // Its part of a lead body's network map, only for a map social services vouched for.
  NetworkMap: networkMapPolicy,
  Organisation: { visible: inherit },
  Occupation: { visible: inherit },
  ...partnerDataSubjectPolicy,
};
