import {
  always, authenticated, deny, inherit, ofTheRecord, onlyIf, partnerDataSubjectPolicy, partnerFunnelPolicy, partnerPersonPolicy, personFieldRules, personRecord,
  personRecordPolicy, roles, withoutHosts, type RequestContext, type SubgraphPolicy, type VisibilityRule,
} from '@intreccio/shared';
import type { Hire } from '../hire/hire.type';
import type { JobSeekerProfile } from '../job-seeker/job-seeker.type';
import type { VacancyProposal } from '../proposal/proposal.type';
import type { Vacancy } from '../vacancy/vacancy.type';
import { centreOnly } from '../matching/matching.service';
import { HOLDER_ROLES, personVisibility } from './holders';

/**
 * What each caller sees of the employment centre's records (README, "Access"). A centre sees the
 * records it holds; another partner sees a person's records only with social services' grant (the
 * person's case team and consent); host companies see availability and skills only; the public sees
 * open vacancies and the ESCO taxonomy.
 */

type Held = { personId: string; organisationId: string | null };

const heldRecord = personRecord<Held>((r) => r.organisationId, HOLDER_ROLES);
const registration = personRecord<JobSeekerProfile>((p) => p.employmentCentreId, HOLDER_ROLES);

/** A hire is also its company's own business: the company network's grant says the caller is the company. */
const hire: VisibilityRule<Hire> = (ctx, h, v) => {
  const held = heldRecord(ctx, h, v);
  if (held) return held;
  return ctx.access.hasRole('company_tutor') && ctx.access.isGranted('company', h.companyId) ? 'shared' : null;
};

/**
 * A proposal is held by the centre that made it, and seen by others with the person's grant; it is
 * also the business of the vacancy's company, whose users the company network vouches for: they see
 * it as the vacancy's candidates, pseudonymised (the restricted fields below).
 */
const proposal: VisibilityRule<VacancyProposal> = (ctx, p, v) => {
  const held = heldRecord(ctx, p, v);
  if (held) return held;
  return ctx.access.hasRole('company_tutor') && ctx.access.isGranted('company', p.companyId) ? 'shared' : null;
};

/** A field of a person: the person's visibility here, when `condition` holds. */
const NOT_FOR_HOSTS = 'host companies see the pseudonymised candidate profile only (skills and availability)';
const { ofPerson: personField } = personFieldRules(personVisibility, 'the person is not registered at your employment centre');
const ofPerson = (condition?: (ctx: RequestContext) => boolean) => personField(condition, NOT_FOR_HOSTS);
const partners = (ctx: RequestContext) => !ctx.access.pseudonymised;
const record = (visible: VisibilityRule, restricted: string[] = []) => personRecordPolicy(visible, restricted, NOT_FOR_HOSTS);

/** The candidates of a vacancy: a centre sees its own job seekers; the company network and the vacancy's company see them pseudonymised. */
const candidates: VisibilityRule<Vacancy> = (ctx, v) => {
  // A centre ranks its own job seekers only; anyone else who may look ranks the whole network, pseudonymised.
  if (centreOnly(ctx)) return 'own';
  if (ctx.access.hasRole('company_network_operator', 'cpi_operator')) return 'shared';
  return ctx.access.hasRole('company_tutor') && ctx.access.isGranted('company', v.companyId) ? 'shared' : null;
};

/**
 * The proposals to a vacancy: for the partners who work with people (each proposal then shown as its
 * own rule says: a centre its own); of host companies, to the vacancy's own company only.
 */
const proposals: VisibilityRule<Vacancy> = (ctx, v, visibility) => {
  if (!ctx.access.worksWithPeople) return null;
  if (ctx.access.pseudonymised) return ctx.access.isGranted('company', v.companyId) ? 'shared' : null;
  return visibility;
};

/**
 * Who a match is about, and where they live (the distance, the summary), are for those who may see
 * the person: the centre holding them, or a partner with their grant. The company network and host
 * companies see candidates pseudonymised.
 */
const identified: VisibilityRule = (ctx, obj, v) => {
  if (v === 'own') return v;
  const person = ctx.access.subjectOf.get(obj);
  return person && ctx.access.isGranted('person', person)
    ? v
    : deny('candidates are shown pseudonymised to the company network and host companies (see Match.candidate, VacancyProposal.candidate)');
};

const cpiOperators = roles('cpi_operator');

export const employmentCentrePolicy: SubgraphPolicy = {
  Query: {
    visible: always,
    fields: {
      skill: always,
      skills: always,
      occupation: always,
      occupations: always,
      vacancy: always,
      vacancies: always,
      jobSeeker: cpiOperators,
      jobSeekers: cpiOperators,
      hire: cpiOperators,
      hires: cpiOperators,
      proposal: cpiOperators,
      proposals: cpiOperators,
    },
  },
  Mutation: {
    visible: always,
    fields: {
      registerJobSeeker: cpiOperators,
      updateJobSeekerProfile: cpiOperators,
      recordSkill: cpiOperators,
      recordWorkExperience: cpiOperators,
      recordOrientationSession: cpiOperators,
      startSkillsAssessment: cpiOperators,
      completeSkillsAssessment: cpiOperators,
      createVacancy: cpiOperators,
      updateVacancy: cpiOperators,
      closeVacancy: cpiOperators,
      recordHire: cpiOperators,
      recordFollowUp: cpiOperators,
      proposeCandidate: cpiOperators,
      changeProposalStatus: cpiOperators,
      eraseEmploymentCentreData: roles('data_protection_officer'),
    },
  },
  Person: partnerPersonPolicy({
    jobSeeker: ofPerson(),
    jobSeekerProfiles: ofPerson(),
    skills: ofPerson(),
    workHistory: ofPerson(partners),
    orientationSessions: ofPerson(partners),
    skillsAssessments: ofPerson(partners),
    hires: ofPerson(partners),
    matches: ofPerson(partners),
    proposals: ofPerson(partners),
  }),
  JobSeekerProfile: record(registration, ['registeredOn', 'profilingClass', 'domicileMunicipalityCode', 'createdAt', 'updatedAt', 'version', 'person', 'programme', 'employmentCentre']),
  LanguageSkill: ofTheRecord,
  SkillRecord: record(heldRecord, ['source', 'recordedOn', 'updatedAt', 'version', 'person', 'programme']),
  WorkExperience: record(withoutHosts(heldRecord)),
  OrientationSession: record(withoutHosts(heldRecord)),
  SkillsAssessment: record(withoutHosts(heldRecord)),
  AssessedSkill: ofTheRecord,
  Hire: record(hire, ['person', 'followUps']),
  FollowUpCheck: ofTheRecord,
  VacancyProposal: record(proposal, ['person', 'note', 'reason']),
  Vacancy: {
    visible: (ctx, v: Vacancy) => (v.status === 'OPEN' || !ctx.access.anonymous ? 'public' : null),
    fields: { candidates, proposals, hires: authenticated },
    explain: {
      candidates: "candidates are for the employment centres, the company network and the vacancy's own company",
      proposals: "proposals are for the partners who work with people (each sees its own) and the vacancy's own company; coordinators see aggregates only",
    },
  },
  Match: { visible: inherit, person: (m: { person: { id: string } }) => m.person.id, fields: { person: identified } },
  MatchExplanation: { ...ofTheRecord, fields: { distanceKm: identified, summary: identified } },
  Candidate: { visible: inherit, person: (c: { personId: string }) => c.personId },
  CandidateSkill: ofTheRecord,
  Skill: { visible: always },
  Occupation: { visible: always },
  EmploymentKpis: { visible: always },
  Company: { visible: inherit, entity: always, fields: { hires: onlyIf((ctx) => !ctx.access.anonymous) } },
  // The hires social services compute the savings ledger from: internal (@inaccessible, so no client selects it); the
  // resolver gives them only for the callers social services may show the ledger (mayReadLedgerFacts).
  Programme: { visible: inherit, entity: always, fields: { ledgerEmploymentFacts: authenticated } },
  LedgerEmploymentFacts: { visible: inherit },
  // Its part of a programme's outcome funnel, only for a cohort social services vouched for.
  OutcomeFunnel: partnerFunnelPolicy,
  Organisation: { visible: inherit },
  ...partnerDataSubjectPolicy,
};
