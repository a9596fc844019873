import {
  always, authenticated, byId, deny, inherit, ofTheRecord, onlyIf, partnerDataSubjectPolicy, partnersWithPeople, PSEUDONYMISED, roles,
  unseenPersonReason, worksWithPeople, type RequestContext, type SubgraphPolicy, type TypePolicy, type Visibility, type VisibilityRule,
} from '@intreccio/shared';
import { Case } from '../case/case.type';
import { ledgerMutations, ledgerPolicy, ledgerProgrammeFields } from '../ledger/ledger.policy';
import type { Person } from '../person/person.type';
import type { Referral } from '../referral/referral.type';
import { mayActForDataSubject, personVisibility } from './standing';
import { funnelProgramme, mayReadFunnel } from '../funnel/funnel.resolver';
import type { FunnelSource } from '../funnel/funnel.type';
import type { Programme } from '../programme/programme.type';
import { mayMap } from '../network-map/network-map.resolver';
import type { NetworkMapSource } from '../network-map/network-map.type';

/**
 * What each caller sees of the lead body's records (README, "Access"). People and everything about
 * them follow the person's standing: the case managers of the social services that hold them see all;
 * partners on the case team with the person's consent see the pathway but not target groups, evaluation
 * notes or benefits; host companies see the first name only; coordinators and officers see no one.
 */

type PersonCondition = (ctx: RequestContext, visibility: Visibility) => boolean;

const NOT_IN_CARE = "the person is not in your organisation's care";
const SOCIAL_SERVICES_ONLY = "visible to the case managers of the person's own social services only";

/** A field of a person, seen as the person's standing allows, when `condition` holds (else refused for `reason`). */
const ofPerson = (condition: PersonCondition = () => true, reason = PSEUDONYMISED): VisibilityRule<Person> => async (ctx, person) => {
  const visibility = await personVisibility(ctx, person.id);
  if (!visibility) return deny(unseenPersonReason(ctx, NOT_IN_CARE));
  return condition(ctx, visibility) ? visibility : deny(reason);
};

const partnersOnly: PersonCondition = (ctx) => !ctx.access.pseudonymised;
const ownCaseManager: PersonCondition = (ctx, visibility) => visibility === 'own' && ctx.access.hasRole('case_manager');

const identity = ofPerson(partnersOnly);

const person: TypePolicy<Person> = {
  visible: async (ctx, p) => (await personVisibility(ctx, p.id)) ?? deny(unseenPersonReason(ctx, NOT_IN_CARE)),
  // A reference from another partner resolves, so that its own fields (the access grant) can be read;
  // each field below then applies the person's standing.
  entity: always,
  person: (p) => p.id,
  fields: {
    givenName: ofPerson(),
    fiscalCode: identity, familyName: identity, birthDate: identity, sex: identity, birthPlaceCode: identity, birthPlace: identity,
    residenceMunicipalityCode: identity, residenceMunicipality: identity, email: identity, phone: identity,
    createdAt: identity, updatedAt: identity, version: identity,
    case: identity, cases: identity, referrals: identity,
    targetGroups: ofPerson(ownCaseManager, SOCIAL_SERVICES_ONLY),
    benefits: ofPerson(ownCaseManager, SOCIAL_SERVICES_ONLY),
    consents: ofPerson((_ctx, visibility) => visibility === 'own', 'visible to the social services that hold the person only'),
    accessGrant: always,
  },
  sensitive: ['targetGroups', 'benefits'],
};

/** Records of a case follow the case's person; host companies see none of them. */
const caseFile: TypePolicy<Case> = {
  visible: async (ctx, c) => {
    if (ctx.access.pseudonymised) return deny(PSEUDONYMISED);
    return (await personVisibility(ctx, c.personId)) ?? deny(unseenPersonReason(ctx, NOT_IN_CARE));
  },
  person: (c) => c.personId,
};

/**
 * A referral is seen by the social services that hold the person, and by the two organisations of
 * the hand-off while the person's data is shared with them (the case team and consent) or, for the
 * organisation asked, while it acts on it on a live case (answers, then records the contact and the
 * outcome): it must read what it is asked.
 */
const referral: TypePolicy<Referral> = {
  visible: async (ctx, r) => {
    if (!ctx.access.worksWithPeople || ctx.access.pseudonymised) return null;
    const visibility = await personVisibility(ctx, r.personId);
    if (visibility === 'own') return 'own';
    const org = ctx.principal.organisationId;
    if (r.fromOrganisationId !== org && r.toOrganisationId !== org) return deny('a referral is visible to the social services that hold the person and to the organisations it passes between');
    if (visibility === 'shared') return 'shared';
    const acting = r.toOrganisationId === org && (r.status === 'SENT' || r.status === 'ACCEPTED');
    const theCase = acting ? await byId(ctx, Case).load(r.caseId) : null;
    return theCase && theCase.status !== 'CLOSED' ? 'shared' : deny(unseenPersonReason(ctx, NOT_IN_CARE));
  },
  person: (r) => r.personId,
};

const publicRecord: TypePolicy = { visible: always };

/**
 * Case managers' writes: each resolver checks that the person or case is the caller's organisation's,
 * so what the write returns (an assessment, a plan) is the caller's own record, notes included.
 */
const caseManagers: VisibilityRule = (ctx, obj, v) => {
  const allowed = roles('case_manager')(ctx, obj, v);
  return allowed === 'public' ? 'own' : allowed;
};
const coordinators = roles('coordinator');

const FUNNEL_READERS = "a programme's funnel is for the coordinators and case managers of its lead body and the operators of its partners";
/** The outcome funnel: aggregates for the programme's lead body and partners (the resolver checks the filter). */
const funnelReaders: VisibilityRule<Programme> = async (ctx, p) => ((await mayReadFunnel(ctx, p)) ? 'public' : deny(FUNNEL_READERS));
const MAPPERS = "a network map is for the coordinators of the programmes' lead body";

export const socialServicesPolicy: SubgraphPolicy = {
  Query: {
    visible: always,
    fields: {
      person: worksWithPeople,
      // Host companies reach their interns through the internships; they do not browse or search people.
      people: partnersWithPeople(),
      case: partnersWithPeople(),
      cases: partnersWithPeople(),
      referral: partnersWithPeople(),
      referrals: partnersWithPeople(),
      programmes: always,
      programme: always,
      organisations: authenticated,
      organisation: authenticated,
      dataSubject: roles('data_protection_officer', 'case_manager'),
      // Aggregates of the lead body's own programmes (the resolver checks the programme).
      networkMap: coordinators,
    },
  },
  Mutation: {
    visible: always,
    fields: {
      createPerson: caseManagers,
      updatePerson: caseManagers,
      openCase: caseManagers,
      changeCaseStatus: caseManagers,
      addCaseTeamMember: caseManagers,
      removeCaseTeamMember: caseManagers,
      grantConsent: caseManagers,
      revokeConsent: caseManagers,
      recordAssessment: caseManagers,
      createPersonalPlan: caseManagers,
      addPlanStep: caseManagers,
      signPersonalPlan: caseManagers,
      changePlanStatus: caseManagers,
      // The partner owning a step records its progress (the resolver checks the step, and vouches its result).
      changePlanStepStatus: partnersWithPeople(),
      createReferral: caseManagers,
      createBenefit: caseManagers,
      updateBenefit: caseManagers,
      // The organisation a referral was sent to answers it (never a host company: see createReferral).
      respondToReferral: partnersWithPeople(),
      recordReferralContact: partnersWithPeople(),
      completeReferral: partnersWithPeople(),
      createOrganisation: roles('coordinator', 'case_manager'),
      updateOrganisation: roles('coordinator', 'case_manager'),
      createProgramme: coordinators,
      updateProgramme: coordinators,
      addProgrammePartner: coordinators,
      eraseSocialServicesData: roles('data_protection_officer'),
      ...ledgerMutations,
    },
  },
  Person: person,
  Case: caseFile,
  CaseTeamMember: ofTheRecord,
  Consent: ofTheRecord,
  Assessment: {
    ...ofTheRecord,
    fields: { notes: onlyIf((ctx, _a, visibility) => visibility === 'own' && ctx.access.hasRole('case_manager'), SOCIAL_SERVICES_ONLY) },
    sensitive: ['notes'],
  },
  DimensionScore: ofTheRecord,
  PersonalPlan: ofTheRecord,
  PlanStep: {
    ...ofTheRecord,
    // Social services' word that an internship may be planned: for the partners who carry out steps,
    // never for host companies (the company network plans the internship), coordinators or officers.
    fields: {
      placementToken: onlyIf(
        (ctx) => ctx.access.worksWithPeople && !ctx.access.pseudonymised,
        'for the partner that carries out the internship step; host companies, coordinators and data protection officers get none',
      ),
    },
  },
  Referral: referral,
  Benefit: ofTheRecord,
  Place: publicRecord,
  Organisation: { visible: always },
  Programme: { ...publicRecord, fields: { ...ledgerProgrammeFields, funnel: funnelReaders } },
  // Reached from Programme.funnel, or from the gateway with the partners' milestones: the caller is checked again.
  OutcomeFunnel: {
    visible: inherit,
    entity: async (ctx, f: FunnelSource) => {
      const programme = f?.key ? await funnelProgramme(ctx, f) : null;
      return programme && (await mayReadFunnel(ctx, programme)) ? 'public' : deny(FUNNEL_READERS);
    },
  },
  FunnelStage: { visible: inherit },
  NetworkMap: {
    visible: inherit,
    entity: async (ctx, m: NetworkMapSource) => (Array.isArray(m?.programmeIds) && (await mayMap(ctx, m.programmeIds)) ? 'public' : deny(MAPPERS)),
  },
  NetworkNode: { visible: inherit },
  NetworkEdge: { visible: inherit },
  ProgrammePartner: publicRecord,
  CaseKpis: publicRecord,
  Candidate: {
    // Resolved only from a ticket the employment centre signed for this caller's organisation.
    visible: inherit,
    entity: (ctx, c: { personId?: string }) => (c.personId ? 'shared' : null),
    person: (c: { personId?: string }) => c.personId,
    explain: { '*': 'the candidate ticket is not valid for your organisation in this request' },
  },
  // Its part of data-subject requests as every partner's, but for who may make them: the lead body decides.
  ...ledgerPolicy,
  ...partnerDataSubjectPolicy,
  DataSubject: {
    visible: inherit,
    entity: async (ctx, d: { personId: string }) => ((await mayActForDataSubject(ctx, d.personId)) ? 'own' : null),
    person: (d: { personId: string }) => d.personId,
  },
};

