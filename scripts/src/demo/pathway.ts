import { allMunicipalities, birthPlaceOn, buildFiscalCode, municipalityByCadastralCode, partitaIvaCheckDigit } from '@intreccio/shared';
import type {
  AssessmentDimension, BenefitKind, CaseClosureReason, CaseStatus, CaseTeamRole, ConsentStatus, EmployabilityLevel, PlanStatus,
  PlanStepKind, PlanStepStatus, ReferralStatus, Sex, TargetGroup,
} from '@intreccio/social-services';
import { addYears, isoDate, isoInstant, REFERENCE_DAY, workday, dayNumber } from './dates';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, type DemoOrganisation, type DemoProgramme, type Sector } from './demo-network';
import {
  assessmentId, benefitId, caseId, caseTeamMemberId, consentId, personalPlanId, personId, planStepId, referralId,
} from './ids';
import { BIRTH_COUNTRIES, NAME_POOLS, type BirthCountry, type NameCulture } from './names';
import { hashString, mix32, Random, WeightedTable } from './random';

export const DEFAULT_SEED = 1;

export type FiscalCodeKind = 'STANDARD' | 'PROVISIONAL' | 'NONE';

export interface DemoPerson {
  id: string;
  /** Before the generator resolves collisions with earlier people (omocodia); null when not assigned yet. */
  fiscalCode: string | null;
  fiscalCodeKind: FiscalCodeKind;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: Sex;
  birthPlaceCode: string;
  residenceMunicipalityCode: string;
  email: string | null;
  phone: string | null;
  targetGroups: TargetGroup[];
  createdAt: string;
}

export interface DemoCase {
  id: string;
  programmeId: string;
  ownerOrganisationId: string;
  status: CaseStatus;
  openedOn: string;
  closedOn: string | null;
  closureReason: CaseClosureReason | null;
  caseManagerName: string;
  createdAt: string;
}

export interface DemoTeamMember {
  id: string;
  organisationId: string;
  role: CaseTeamRole;
  operatorName: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface DemoConsent {
  id: string;
  organisationId: string;
  status: ConsentStatus;
  givenOn: string;
  revokedOn: string | null;
}

export interface DemoAssessment {
  id: string;
  assessedOn: string;
  scores: { dimension: AssessmentDimension; score: number }[];
  employabilityLevel: EmployabilityLevel;
  notes: string;
  authorIds: string[];
  createdAt: string;
}

export interface DemoPlanStep {
  id: string;
  position: number;
  kind: PlanStepKind;
  ownerOrganisationId: string;
  description: string;
  status: PlanStepStatus;
  plannedStart: string;
  plannedEnd: string;
  /** Internships only: the host company, for the companies subgraph's seeder. Not stored here. */
  hostCompanyKey: string | null;
  /** Internships only: the hours and allowance the plan agreed, within the programme's bounds. */
  weeklyHours: number | null;
  monthlyAllowanceCents: number | null;
}

export interface DemoPlan {
  id: string;
  assessmentId: string;
  status: PlanStatus;
  goals: string;
  startDate: string;
  endDate: string;
  signedOn: string | null;
  createdAt: string;
  steps: DemoPlanStep[];
}

export interface DemoReferral {
  id: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  planStepId: string | null;
  reason: string;
  status: ReferralStatus;
  sentAt: string;
  respondedAt: string | null;
  declineReason: string | null;
  firstContactAt: string | null;
  completedAt: string | null;
  outcome: string | null;
}

export interface DemoBenefit {
  id: string;
  kind: BenefitKind;
  monthlyAmountCents: number;
  startDate: string;
  endDate: string | null;
  /** When a support granted for a fixed term would end; null when open-ended (it stops when work replaces it). */
  entitlementEndDate: string | null;
}

/** Everything the lead body records about one seeded person, as of the reference date. */
export interface DemoPathway {
  index: number;
  programmeCode: string;
  /** Sector the person is steered towards, for partners' seeders (courses, vacancies, internships). */
  sector: Sector;
  person: DemoPerson;
  case: DemoCase;
  team: DemoTeamMember[];
  consents: DemoConsent[];
  assessment: DemoAssessment | null;
  plan: DemoPlan | null;
  referrals: DemoReferral[];
  benefits: DemoBenefit[];
}

// ---------------------------------------------------------------------------------------------
// The network as the generator sees it

interface ProgrammeNetwork {
  programme: DemoProgramme;
  startDay: number;
  endDay: number;
  lead: DemoOrganisation;
  employmentCentre: DemoOrganisation;
  trainingProviders: DemoOrganisation[];
  companyNetwork: DemoOrganisation;
  hostCompanies: DemoOrganisation[];
  residences: WeightedTable<string>;
  operators: Map<string, string[]>;
  /** Province office code for provisional fiscal codes issued locally. */
  officeCode: string;
}

function partnersOfKind(programme: DemoProgramme, kind: DemoOrganisation['kind']): DemoOrganisation[] {
  return programme.partners
    .map((p) => DEMO_ORGANISATIONS.find((o) => o.key === p.organisationKey))
    .filter((o): o is DemoOrganisation => !!o && o.kind === kind);
}

/** A fixed staff list per organisation, so the same operators recur across cases as they would. */
function staffOf(organisation: DemoOrganisation, size: number): string[] {
  const random = new Random(hashString(`staff/${organisation.key}`));
  const names = new Set<string>();
  while (names.size < size) {
    const female = random.chance(0.7); // social and employment services are mostly staffed by women
    const pool = NAME_POOLS.italian;
    names.add(`${random.pick(female ? pool.female : pool.male)} ${random.pick(pool.family)}`);
  }
  return [...names];
}

let networks: Map<string, ProgrammeNetwork> | undefined;

function programmeNetworks(): Map<string, ProgrammeNetwork> {
  if (networks) return networks;
  networks = new Map();
  for (const programme of DEMO_PROGRAMMES) {
    const lead = DEMO_ORGANISATIONS.find((o) => o.key === programme.leadOrganisationKey);
    const [employmentCentre] = partnersOfKind(programme, 'EMPLOYMENT_CENTRE');
    const [companyNetwork] = partnersOfKind(programme, 'COMPANY_NETWORK');
    const trainingProviders = partnersOfKind(programme, 'TRAINING_PROVIDER');
    const hostCompanies = partnersOfKind(programme, 'COMPANY');
    if (!lead || !employmentCentre || !companyNetwork || trainingProviders.length === 0 || hostCompanies.length === 0) {
      throw new Error(`Demo programme ${programme.code} lacks a partner the pathway needs`);
    }
    const territory = programme.territory.map((code) => {
      const m = municipalityByCadastralCode(code);
      if (!m) throw new Error(`Demo programme ${programme.code} covers unknown municipality ${code}`);
      return m;
    });
    const operators = new Map<string, string[]>();
    for (const organisation of [lead, employmentCentre, companyNetwork, ...trainingProviders]) {
      operators.set(organisation.key, staffOf(organisation, organisation === lead ? 10 : 6));
    }
    networks.set(programme.code, {
      programme,
      startDay: dayNumber(programme.startDate),
      endDay: dayNumber(programme.endDate),
      lead,
      employmentCentre,
      trainingProviders,
      companyNetwork,
      hostCompanies,
      residences: new WeightedTable(territory.map((m) => m.cadastralCode), (code) => municipalityByCadastralCode(code)?.population ?? 0),
      operators,
      officeCode: territory[0].istatCode.slice(0, 3),
    });
  }
  return networks;
}

const programmeChoice: (readonly [string, number])[] = DEMO_PROGRAMMES.map((p) => [p.code, p.peopleShare] as const);

// Italian-born people: most were born in Tuscany, the rest anywhere in Italy, weighted by population.
let birthTables: { tuscany: WeightedTable<string>; italy: WeightedTable<string> } | undefined;

function italianBirthPlaces(): { tuscany: WeightedTable<string>; italy: WeightedTable<string> } {
  if (!birthTables) {
    const all = allMunicipalities();
    const tuscany = all.filter((m) => m.region === 'Toscana');
    const elsewhere = all.filter((m) => m.region !== 'Toscana');
    birthTables = {
      tuscany: new WeightedTable(tuscany.map((m) => m.cadastralCode), (code) => municipalityByCadastralCode(code)?.population ?? 0),
      italy: new WeightedTable(elsewhere.map((m) => m.cadastralCode), (code) => municipalityByCadastralCode(code)?.population ?? 0),
    };
  }
  return birthTables;
}

// ---------------------------------------------------------------------------------------------
// Target groups

interface GroupRule {
  weight: number;
  /** Age band, in whole years at taking in charge. */
  minAge: number;
  maxAge: number;
  foreignBorn?: boolean;
  femaleShare: number;
  excludes?: readonly TargetGroup[];
}

const GROUP_RULES: Readonly<Record<TargetGroup, GroupRule>> = {
  LONG_TERM_UNEMPLOYED: { weight: 16, minAge: 25, maxAge: 61, femaleShare: 0.45 },
  HOUSING_EMERGENCY: { weight: 10, minAge: 18, maxAge: 61, femaleShare: 0.4 },
  SINGLE_PARENT: { weight: 9, minAge: 20, maxAge: 55, femaleShare: 0.88 },
  DISABILITY: { weight: 9, minAge: 16, maxAge: 61, femaleShare: 0.42 },
  INTERNATIONAL_PROTECTION_HOLDER: { weight: 8, minAge: 18, maxAge: 50, foreignBorn: true, femaleShare: 0.3, excludes: ['ASYLUM_SEEKER'] },
  ASYLUM_SEEKER: { weight: 7, minAge: 18, maxAge: 45, foreignBorn: true, femaleShare: 0.22, excludes: ['INTERNATIONAL_PROTECTION_HOLDER'] },
  VICTIM_OF_VIOLENCE: { weight: 6, minAge: 18, maxAge: 60, femaleShare: 0.93 },
  ADDICTION: { weight: 6, minAge: 18, maxAge: 60, femaleShare: 0.25 },
  EX_DETAINEE: { weight: 5, minAge: 19, maxAge: 61, femaleShare: 0.1, excludes: ['DETAINEE_ON_EXTERNAL_MEASURE'] },
  CARE_LEAVER: { weight: 5, minAge: 18, maxAge: 21, femaleShare: 0.4 },
  DETAINEE_ON_EXTERNAL_MEASURE: { weight: 3, minAge: 18, maxAge: 61, femaleShare: 0.1, excludes: ['EX_DETAINEE'] },
  MINOR_OVER_16: { weight: 4, minAge: 16, maxAge: 17, femaleShare: 0.45, excludes: ['UNACCOMPANIED_FOREIGN_MINOR'] },
  SPECIAL_EDUCATIONAL_NEEDS: { weight: 4, minAge: 16, maxAge: 24, femaleShare: 0.4 },
  UNACCOMPANIED_FOREIGN_MINOR: { weight: 3, minAge: 16, maxAge: 17, foreignBorn: true, femaleShare: 0.1, excludes: ['MINOR_OVER_16'] },
  VICTIM_OF_TRAFFICKING: { weight: 2, minAge: 18, maxAge: 45, foreignBorn: true, femaleShare: 0.85 },
};

const ALL_GROUPS = Object.keys(GROUP_RULES) as TargetGroup[];
const PRIMARY_GROUPS: (readonly [TargetGroup, number])[] = ALL_GROUPS.map((g) => [g, GROUP_RULES[g].weight] as const);

/** How much a group weighs on employability (0..1 scale). */
const GROUP_BURDEN: Partial<Record<TargetGroup, number>> = {
  DISABILITY: 0.15,
  ADDICTION: 0.2,
  VICTIM_OF_TRAFFICKING: 0.15,
  ASYLUM_SEEKER: 0.1,
  UNACCOMPANIED_FOREIGN_MINOR: 0.1,
  MINOR_OVER_16: 0.08,
  HOUSING_EMERGENCY: 0.1,
  EX_DETAINEE: 0.1,
  DETAINEE_ON_EXTERNAL_MEASURE: 0.12,
  LONG_TERM_UNEMPLOYED: 0.06,
  SPECIAL_EDUCATIONAL_NEEDS: 0.1,
  VICTIM_OF_VIOLENCE: 0.06,
};

function compatible(group: TargetGroup, age: number, bornAbroad: boolean, chosen: readonly TargetGroup[]): boolean {
  const rule = GROUP_RULES[group];
  if (age < rule.minAge || age > rule.maxAge) return false;
  if (rule.foreignBorn && !bornAbroad) return false;
  return chosen.every((c) => c !== group && !rule.excludes?.includes(c) && !GROUP_RULES[c].excludes?.includes(group));
}

// ---------------------------------------------------------------------------------------------
// Texts

const SECTORS: (readonly [Sector, number])[] = [
  ['HOSPITALITY', 25], ['LOGISTICS', 20], ['MANUFACTURING', 15], ['GREEN_MAINTENANCE', 10], ['CARE', 15], ['RETAIL', 15],
];

const SECTOR_LABEL: Readonly<Record<Sector, string>> = {
  HOSPITALITY: 'hospitality and catering',
  LOGISTICS: 'logistics and warehousing',
  MANUFACTURING: 'manufacturing and crafts',
  GREEN_MAINTENANCE: 'gardening and green maintenance',
  CARE: 'care services',
  RETAIL: 'retail',
};

const PROFESSIONAL_COURSE: Readonly<Record<Sector, string>> = {
  HOSPITALITY: 'Kitchen and dining room assistant course (120 h)',
  LOGISTICS: 'Warehouse operator course with forklift licence (80 h)',
  MANUFACTURING: 'Production and finishing operator course (100 h)',
  GREEN_MAINTENANCE: 'Gardening and green maintenance course (90 h)',
  CARE: 'Family care assistant course (120 h)',
  RETAIL: 'Sales assistant and cashier course (80 h)',
};

const GENERAL_COURSES = [
  'Workplace safety course under D.Lgs. 81/08, general and specific training (12 h)',
  'HACCP food hygiene course (8 h)',
  'Digital skills lab: e-mail, SPID and online job search (20 h)',
];

const ITALIAN_COURSE = 'Italian for work, level A2 (60 h)';

const ORIENTATION_STEPS = [
  'Individual orientation and skills assessment',
  'Registration as a job seeker, individual orientation and skills assessment',
  'Group orientation lab followed by an individual skills assessment',
];

const JOB_SEARCH_STEPS = [
  'Active job search with matching to open vacancies',
  'Job club, CV workshop and matching with open vacancies',
  'Accompaniment to interviews with companies of the network',
];

const SUPPORT_STEPS: Partial<Record<TargetGroup, string>> = {
  HOUSING_EMERGENCY: 'Housing support: temporary accommodation and help with a rental contract',
  SINGLE_PARENT: 'Childcare support to free the hours needed for training and work',
  ADDICTION: 'Coordination with the addiction service on the treatment plan',
  DISABILITY: 'Targeted placement support under L. 68/99 with the disability service',
  VICTIM_OF_VIOLENCE: 'Support from the anti-violence centre alongside the pathway',
  VICTIM_OF_TRAFFICKING: 'Protection programme support and legal advice',
  EX_DETAINEE: 'Social reintegration support with the probation office',
  DETAINEE_ON_EXTERNAL_MEASURE: 'Coordination with the probation office (UEPE) on the external measure',
};

const STEP_REFERRAL_REASON: Readonly<Record<PlanStepKind, string>> = {
  ORIENTATION: 'Orientation and skills assessment agreed in the personal plan',
  GENERAL_TRAINING: 'Enrolment in the general training course agreed in the personal plan',
  PROFESSIONAL_TRAINING: 'Enrolment in the professional course agreed in the personal plan',
  INTERNSHIP: 'Scouting of a host company and promotion of the internship agreed in the personal plan',
  JOB_SEARCH: 'Job search support and matching with open vacancies',
  SUPPORT_SERVICE: 'Support service agreed in the personal plan',
};

const INTAKE_REFERRAL_REASON = 'Orientation and skills assessment ahead of the multidimensional evaluation';

const INTERNSHIP_OUTCOMES = [
  'Internship completed; positive evaluation from the company tutor',
  'Internship completed; the host company offered a contract',
  'Internship ended early by mutual agreement',
];

const HIRING_OUTCOMES = ['Hired on a fixed-term contract', 'Hired on a permanent contract', 'Hired on an apprenticeship contract'];

const DECLINE_REASONS = [
  'No places left on the next course edition; please refer again in the spring',
  'Requirements not met: Italian language level below A2',
  'No host company available yet in the sector requested',
  'The person is already followed by another of our offices',
  'The person did not attend the two appointments offered',
];

const BARRIER: Readonly<Record<AssessmentDimension, string>> = {
  HEALTH: 'health limits the hours and tasks the person can take on',
  HOUSING: 'housing is unstable',
  FAMILY_AND_CARE: 'care duties leave little time',
  EDUCATION_AND_SKILLS: 'schooling is low and basic skills are weak',
  WORK_EXPERIENCE: 'there is little or no work history',
  LANGUAGE: 'Italian is still limited',
  MOBILITY: 'there is no driving licence or transport to reach work',
  MOTIVATION: 'motivation fluctuates',
  SOCIAL_NETWORK: 'the person has few people to rely on',
  INCOME: 'there is no stable income',
};

const DIMENSIONS: readonly AssessmentDimension[] = [
  'HEALTH', 'HOUSING', 'FAMILY_AND_CARE', 'EDUCATION_AND_SKILLS', 'WORK_EXPERIENCE', 'LANGUAGE', 'MOBILITY', 'MOTIVATION', 'SOCIAL_NETWORK', 'INCOME',
];

// ---------------------------------------------------------------------------------------------
// Generation

function asciiName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

function dayAt(day: number, fromHour: number, toHour: number, random: Random): number {
  return day * 1440 + random.int(fromHour * 60, toHour * 60);
}

function instantOf(day: number, hour: number): string {
  return isoInstant(day * 1440 + hour * 60);
}

function countryFor(random: Random, weight: (c: BirthCountry) => number): BirthCountry {
  return random.weighted(BIRTH_COUNTRIES.map((c) => [c, weight(c)] as const));
}

function provisionalCode(random: Random, officeCode: string): string {
  const first10 = String(random.int(0, 9_999_999)).padStart(7, '0') + officeCode;
  return first10 + String(partitaIvaCheckDigit(first10));
}

function employabilityOf(mean: number): EmployabilityLevel {
  if (mean < 2.1) return 'VERY_LOW';
  if (mean < 2.8) return 'LOW';
  if (mean < 3.5) return 'MEDIUM';
  return 'HIGH';
}

const STEP_DAYS: Readonly<Record<PlanStepKind, readonly [number, number]>> = {
  ORIENTATION: [14, 45],
  GENERAL_TRAINING: [10, 35],
  PROFESSIONAL_TRAINING: [60, 180],
  INTERNSHIP: [120, 270],
  JOB_SEARCH: [90, 180],
  SUPPORT_SERVICE: [120, 300],
};

const STEP_ORDER: readonly PlanStepKind[] = ['ORIENTATION', 'SUPPORT_SERVICE', 'GENERAL_TRAINING', 'PROFESSIONAL_TRAINING', 'INTERNSHIP', 'JOB_SEARCH'];

function planStepKinds(random: Random, level: EmployabilityLevel): PlanStepKind[] {
  const kinds = new Set<PlanStepKind>(['ORIENTATION']);
  const maybe = (kind: PlanStepKind, p: number) => {
    if (random.chance(p)) kinds.add(kind);
  };
  switch (level) {
    case 'VERY_LOW':
      maybe('SUPPORT_SERVICE', 0.9);
      maybe('GENERAL_TRAINING', 0.9);
      maybe('INTERNSHIP', 0.5);
      break;
    case 'LOW':
      maybe('SUPPORT_SERVICE', 0.5);
      maybe('GENERAL_TRAINING', 0.8);
      maybe('PROFESSIONAL_TRAINING', 0.5);
      maybe('INTERNSHIP', 0.8);
      maybe('JOB_SEARCH', 0.4);
      break;
    case 'MEDIUM':
      maybe('SUPPORT_SERVICE', 0.2);
      maybe('GENERAL_TRAINING', 0.7);
      maybe('PROFESSIONAL_TRAINING', 0.5);
      maybe('INTERNSHIP', 0.85);
      maybe('JOB_SEARCH', 0.8);
      break;
    case 'HIGH':
      maybe('PROFESSIONAL_TRAINING', 0.5);
      maybe('INTERNSHIP', 0.5);
      kinds.add('JOB_SEARCH');
      break;
  }
  for (const filler of ['GENERAL_TRAINING', 'JOB_SEARCH', 'INTERNSHIP'] as const) {
    if (kinds.size >= 3) break;
    kinds.add(filler);
  }
  return STEP_ORDER.filter((k) => kinds.has(k)).slice(0, 5);
}

interface ReferralDraft {
  toOrganisationId: string;
  planStepId: string | null;
  reason: string;
  sentDay: number;
  /** When the partner would report the work done, if all went to plan. */
  dueDay: number | null;
  outcome: string;
}

interface ReferralTimeline {
  /** Last day anything happens on the case: its closure, or the reference date. */
  horizon: number;
  caseClosed: boolean;
  /** A completed plan: accepted hand-offs are reported done by the closure at the latest. */
  closesWithPlanDone: boolean;
  responseDays: number;
}

function resolveReferral(random: Random, id: string, from: string, draft: ReferralDraft, t: ReferralTimeline): DemoReferral {
  const referral: DemoReferral = {
    id,
    fromOrganisationId: from,
    toOrganisationId: draft.toOrganisationId,
    planStepId: draft.planStepId,
    reason: draft.reason,
    status: 'SENT',
    sentAt: '',
    respondedAt: null,
    declineReason: null,
    firstContactAt: null,
    completedAt: null,
    outcome: null,
  };
  const sent = dayAt(draft.sentDay, 7, 12, random);
  referral.sentAt = isoInstant(sent);
  const fate = random.next();
  const unanswered = fate < 0.04;
  const declined = !unanswered && fate < 0.11;
  const delay = random.chance(0.82) ? random.int(0, t.responseDays - 1) : random.int(t.responseDays + 1, t.responseDays + 25);
  const responded = Math.max(sent + random.int(20, 240), dayAt(workday(draft.sentDay + delay), 8, 16, random));
  if (unanswered || Math.floor(responded / 1440) > t.horizon) {
    // A hand-off nobody answered dies with the case.
    referral.status = t.caseClosed ? 'CANCELLED' : 'SENT';
    return referral;
  }
  referral.respondedAt = isoInstant(responded);
  if (declined) {
    referral.status = 'DECLINED';
    referral.declineReason = random.pick(DECLINE_REASONS);
    return referral;
  }
  referral.status = 'ACCEPTED';
  const contact = responded + random.int(1, 10) * 1440 + random.int(0, 300);
  if (Math.floor(contact / 1440) > t.horizon) return referral;
  referral.firstContactAt = isoInstant(contact);
  if (draft.dueDay === null) return referral;
  let completedDay = Math.max(draft.dueDay, Math.floor(contact / 1440) + 1);
  if (completedDay > t.horizon) {
    if (!t.closesWithPlanDone) return referral;
    completedDay = t.horizon;
  }
  const completed = Math.max(contact + 60, dayAt(completedDay, 9, 16, random));
  referral.status = 'COMPLETED';
  referral.completedAt = isoInstant(completed);
  referral.outcome = draft.outcome;
  return referral;
}

interface DrawnPerson {
  person: DemoPerson;
  age: number;
  birthDay: number;
  bornAbroad: boolean;
  culture: NameCulture;
}

/** Target groups first, since they decide age, sex and origin; then a name, birth and fiscal code to match. */
function drawPerson(random: Random, index: number, net: ProgrammeNetwork, opened: number): DrawnPerson {
  const primary = random.weighted(PRIMARY_GROUPS);
  const rule = GROUP_RULES[primary];
  const age = rule.minAge + Math.floor((rule.maxAge - rule.minAge + 1) * Math.pow(random.next(), 1.3));
  const sex: Sex = random.chance(rule.femaleShare) ? 'FEMALE' : 'MALE';
  let country: BirthCountry | null = null;
  if (primary === 'UNACCOMPANIED_FOREIGN_MINOR') country = countryFor(random, (c) => c.minor);
  else if (primary === 'VICTIM_OF_TRAFFICKING') country = countryFor(random, (c) => c.trafficking);
  else if (rule.foreignBorn) country = countryFor(random, (c) => c.asylum);
  else if (random.chance(0.3)) country = countryFor(random, (c) => c.general);
  const bornAbroad = country !== null;
  // Children of immigrants born in Italy carry their parents' names.
  const heritage = !bornAbroad && age <= 35 && random.chance(0.08) ? countryFor(random, (c) => c.general) : null;
  const culture: NameCulture = (country ?? heritage)?.culture ?? 'italian';

  const groups: TargetGroup[] = [primary];
  if (random.chance(0.45)) {
    const candidates = ALL_GROUPS.filter((g) => compatible(g, age, bornAbroad, groups));
    if (candidates.length > 0) {
      groups.push(random.weighted(candidates.map((g) => [g, GROUP_RULES[g].weight * (g === 'HOUSING_EMERGENCY' ? 2 : 1)] as const)));
    }
  }

  const pool = NAME_POOLS[culture];
  const givenName = random.pick(sex === 'FEMALE' ? pool.female : pool.male);
  const familyName = random.pick(pool.family);
  const birthDay = random.int(addYears(opened, -(age + 1)) + 1, addYears(opened, -age));
  const birthDate = isoDate(birthDay);

  let birthPlaceCode = country?.code ?? net.lead.municipalityCode;
  if (!country) {
    const tables = italianBirthPlaces();
    const table = heritage || random.chance(0.65) ? tables.tuscany : tables.italy;
    // Municipalities are merged and created: the code must have been in use on the birth date.
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = table.pick(random);
      if (birthPlaceOn(candidate, birthDate)) {
        birthPlaceCode = candidate;
        break;
      }
    }
  }

  // Asylum seekers and unaccompanied minors may still be waiting for a code, or hold a provisional one.
  let fiscalCodeKind: FiscalCodeKind = 'STANDARD';
  if (groups.includes('ASYLUM_SEEKER')) fiscalCodeKind = random.weighted([['NONE', 20], ['PROVISIONAL', 15], ['STANDARD', 65]] as const);
  else if (groups.includes('UNACCOMPANIED_FOREIGN_MINOR')) fiscalCodeKind = random.weighted([['NONE', 15], ['PROVISIONAL', 10], ['STANDARD', 75]] as const);
  const fiscalCode =
    fiscalCodeKind === 'STANDARD' ? buildFiscalCode({ familyName, givenName, birthDate, sex, birthPlaceCode })
      : fiscalCodeKind === 'PROVISIONAL' ? provisionalCode(random, net.officeCode)
        : null;

  const residenceMunicipalityCode = net.residences.pick(random);
  const phone = random.chance(0.7) ? `+39 3${random.int(20, 93)} ${String(random.int(0, 9_999_999)).padStart(7, '0')}` : null;
  const email = random.chance(age < 35 ? 0.55 : 0.35)
    ? `${asciiName(givenName)}.${asciiName(familyName)}${random.int(1, 99)}@${random.pick(['example.org', 'example.net', 'example.com'])}`
    : null;

  return {
    person: {
      id: personId(index),
      fiscalCode,
      fiscalCodeKind,
      givenName,
      familyName,
      birthDate,
      sex,
      birthPlaceCode,
      residenceMunicipalityCode,
      email,
      phone,
      targetGroups: groups,
      createdAt: instantOf(opened, 8 + (index % 3)),
    },
    age,
    birthDay,
    bornAbroad,
    culture,
  };
}

interface Evaluation {
  scores: { dimension: AssessmentDimension; score: number }[];
  level: EmployabilityLevel;
  weakest: AssessmentDimension;
}

/** Scores follow one latent distance from work, pulled down where the person's situation bites. */
function drawEvaluation(random: Random, drawn: DrawnPerson): Evaluation {
  const groups = drawn.person.targetGroups;
  const has = (g: TargetGroup) => groups.includes(g);
  const { age, bornAbroad } = drawn;
  let burden = 0;
  for (const g of groups) burden += GROUP_BURDEN[g] ?? 0;
  const latent = clamp(0.62 - burden + 0.25 * random.spread(), 0, 1);
  const recentArrival = bornAbroad && (has('ASYLUM_SEEKER') || has('UNACCOMPANIED_FOREIGN_MINOR') || has('VICTIM_OF_TRAFFICKING') || random.chance(0.4));
  const offsets: Record<AssessmentDimension, number> = {
    HEALTH: has('DISABILITY') || has('ADDICTION') ? -1.6 : 0.6,
    HOUSING: has('HOUSING_EMERGENCY') ? -2 : has('CARE_LEAVER') || has('ASYLUM_SEEKER') ? -1 : 0.3,
    FAMILY_AND_CARE: has('SINGLE_PARENT') ? -1.4 : has('VICTIM_OF_VIOLENCE') ? -0.8 : 0.4,
    EDUCATION_AND_SKILLS: has('SPECIAL_EDUCATIONAL_NEEDS') ? -1.2 : 0,
    WORK_EXPERIENCE: age < 20 ? -1.5 : has('LONG_TERM_UNEMPLOYED') ? -0.6 : 0,
    LANGUAGE: recentArrival ? -1.8 : bornAbroad ? -0.5 : 1.5,
    MOBILITY: age < 20 ? -0.8 : 0,
    MOTIVATION: has('ADDICTION') ? -0.6 : 0.4,
    SOCIAL_NETWORK: has('CARE_LEAVER') || has('UNACCOMPANIED_FOREIGN_MINOR') || has('EX_DETAINEE') ? -1 : 0,
    INCOME: -0.9,
  };
  const scores: { dimension: AssessmentDimension; score: number }[] = [];
  for (const dimension of DIMENSIONS) {
    const always = dimension === 'EDUCATION_AND_SKILLS' || dimension === 'WORK_EXPERIENCE' || dimension === 'MOTIVATION' || dimension === 'INCOME';
    const relevant = always || (dimension === 'LANGUAGE' ? drawn.culture !== 'italian' || random.chance(0.15) : random.chance(0.7));
    if (!relevant) continue;
    scores.push({ dimension, score: clamp(Math.round(1 + 4 * latent + offsets[dimension] + 0.8 * random.spread()), 1, 5) });
  }
  const mean = scores.reduce((s, d) => s + d.score, 0) / scores.length;
  const weakest = scores.reduce((w, d) => (d.score < w.score ? d : w));
  return { scores, level: employabilityOf(mean), weakest: weakest.dimension };
}

/** Steps follow one another (support services run alongside), squeezed to end with the programme. */
function scheduleSteps(random: Random, kinds: readonly PlanStepKind[], firstStart: number, endDay: number): { start: number; end: number }[] {
  const raw = kinds.map((kind) => {
    const [min, max] = STEP_DAYS[kind];
    return { kind, days: random.int(min, max), gap: random.int(0, 14) };
  });
  const sequential = raw.filter((s) => s.kind !== 'SUPPORT_SERVICE').reduce((sum, s) => sum + s.days + s.gap, 0);
  const room = endDay - firstStart;
  const squeeze = sequential > room ? Math.max(room, raw.length) / sequential : 1;
  let cursor = firstStart;
  return raw.map((s) => {
    const start = Math.min(cursor, endDay);
    const end = Math.max(start, Math.min(start + Math.max(1, Math.floor(s.days * squeeze)), endDay));
    if (s.kind !== 'SUPPORT_SERVICE') cursor = end + Math.floor(s.gap * squeeze);
    return { start, end };
  });
}

function describeSteps(
  random: Random,
  index: number,
  net: ProgrammeNetwork,
  kinds: readonly PlanStepKind[],
  dates: readonly { start: number; end: number }[],
  sector: Sector,
  groups: readonly TargetGroup[],
  needsItalian: boolean,
): { steps: DemoPlanStep[]; training: DemoOrganisation } {
  const programme = net.programme;
  const training = random.pick(net.trainingProviders);
  const host = net.hostCompanies.find((c) => c.sector === sector) ?? random.pick(net.hostCompanies);
  const supportGroup = groups.find((g) => SUPPORT_STEPS[g]);
  const steps = kinds.map((kind, i): DemoPlanStep => {
    let owner: DemoOrganisation;
    let description: string;
    let hostCompanyKey: string | null = null;
    let weeklyHours: number | null = null;
    let monthlyAllowanceCents: number | null = null;
    switch (kind) {
      case 'ORIENTATION':
        owner = net.employmentCentre;
        description = random.pick(ORIENTATION_STEPS);
        break;
      case 'GENERAL_TRAINING':
        owner = training;
        description = needsItalian ? ITALIAN_COURSE : random.pick(GENERAL_COURSES);
        break;
      case 'PROFESSIONAL_TRAINING':
        owner = training;
        description = PROFESSIONAL_COURSE[sector];
        break;
      case 'INTERNSHIP': {
        owner = net.companyNetwork;
        hostCompanyKey = host.key;
        const hours = 5 * random.int(4, Math.floor(programme.internshipMaxWeeklyHours / 5));
        const allowance = programme.allowanceMinCents + 5000 * random.int(0, Math.floor((programme.allowanceMaxCents - programme.allowanceMinCents) / 5000));
        weeklyHours = hours;
        monthlyAllowanceCents = allowance;
        const months = Math.max(1, Math.round((dates[i].end - dates[i].start) / 30));
        description = `Internship at ${host.name}: ${hours} h/week for ${months} month${months === 1 ? '' : 's'}, allowance €${allowance / 100}/month`;
        break;
      }
      case 'JOB_SEARCH':
        owner = net.employmentCentre;
        description = random.pick(JOB_SEARCH_STEPS);
        break;
      case 'SUPPORT_SERVICE':
        owner = net.lead;
        description = (supportGroup && SUPPORT_STEPS[supportGroup]) ?? 'Educational support and accompaniment by the case manager';
        break;
    }
    return {
      id: planStepId(index, i + 1),
      position: i + 1,
      kind,
      ownerOrganisationId: owner.id,
      description,
      status: 'PLANNED',
      plannedStart: isoDate(dates[i].start),
      plannedEnd: isoDate(dates[i].end),
      hostCompanyKey,
      weeklyHours,
      monthlyAllowanceCents,
    };
  });
  return { steps, training };
}

function stepOutcome(random: Random, kind: PlanStepKind, hired: boolean): string {
  switch (kind) {
    case 'INTERNSHIP':
      return random.pick(INTERNSHIP_OUTCOMES);
    case 'JOB_SEARCH':
      return hired ? random.pick(HIRING_OUTCOMES) : 'Job search completed; the person receives vacancy alerts';
    case 'ORIENTATION':
      return 'Orientation completed; professional goal agreed with the person';
    case 'GENERAL_TRAINING':
      return 'Course attended; certificate issued';
    default:
      return 'Course completed; competences certified';
  }
}

function planGoals(level: EmployabilityLevel, sector: Sector, groups: readonly TargetGroup[], needsItalian: boolean): string {
  const field = SECTOR_LABEL[sector];
  let goals = {
    VERY_LOW: 'Build the conditions for work: daily routines, support services and a first supported experience',
    LOW: `Acquire basic and professional skills in ${field} and test them in a supported internship`,
    MEDIUM: `Complete training in ${field} and move into work through an internship aimed at hiring`,
    HIGH: `Move quickly into work in ${field} through targeted job search and matching`,
  }[level];
  if (groups.includes('HOUSING_EMERGENCY')) goals += '; find stable housing';
  if (groups.includes('SINGLE_PARENT')) goals += '; reconcile the pathway with childcare';
  if (needsItalian) goals += '; reach level A2 in Italian';
  return `${goals}.`;
}

/** Consent to share pathway data with each organisation on the team; a few people later revoke one. */
function drawConsents(random: Random, index: number, team: readonly DemoTeamMember[], lead: DemoOrganisation): DemoConsent[] {
  const consents: DemoConsent[] = [];
  for (const member of team) {
    if (consents.some((c) => c.organisationId === member.organisationId)) continue;
    const organisation = DEMO_ORGANISATIONS.find((o) => o.id === member.organisationId) as DemoOrganisation;
    const consent: DemoConsent = { id: consentId(index, organisation.key), organisationId: organisation.id, status: 'ACTIVE', givenOn: member.joinedOn, revokedOn: null };
    if (organisation !== lead && random.chance(0.03)) {
      const revoked = dayNumber(member.joinedOn) + random.int(7, 300);
      if (revoked <= REFERENCE_DAY) {
        consent.status = 'REVOKED';
        consent.revokedOn = isoDate(revoked);
      }
    }
    consents.push(consent);
  }
  return consents;
}

/**
 * One person's record as of the reference date, from the seed and the person's index (0-based)
 * alone, so partners' seeders can rebuild the same story. The story is drawn first as it would
 * unfold with no deadline (taking in charge, evaluation, plan, signature, steps, closure or drop-out)
 * and then cut at the reference date, so every stage of the pathway appears with a realistic funnel
 * and every date follows from an earlier one.
 */
export function demoPathway(index: number, seed: number = DEFAULT_SEED): DemoPathway {
  const random = new Random(mix32(seed, index, 0x5eed));
  const net = programmeNetworks().get(random.weighted(programmeChoice)) as ProgrammeNetwork;
  const programme = net.programme;
  const ref = REFERENCE_DAY;

  // Programmes ramp up: more people were taken in charge recently than at the start.
  const opened = Math.min(workday(net.startDay + Math.floor((ref - net.startDay + 1) * Math.pow(random.next(), 0.6))), ref);
  const drawn = drawPerson(random, index, net, opened);
  const { person } = drawn;
  const groups = person.targetGroups;
  const evaluation = drawEvaluation(random, drawn);
  const { level, scores } = evaluation;
  const needsItalian = scores.some((s) => s.dimension === 'LANGUAGE' && s.score <= 2);
  const sector = random.weighted(SECTORS);

  // --- the story with no deadline
  const assessDay = workday(opened + (random.chance(0.14) ? random.int(60, 400) : random.int(10, 45)));
  const draftDay = workday(assessDay + random.int(5, 30));
  const signDay = workday(draftDay + (random.chance(0.12) ? random.int(45, 240) : random.int(3, 21)));
  const kinds = planStepKinds(random, level);
  const stepDates = scheduleSteps(random, kinds, signDay + random.int(3, 14), net.endDay);
  const planEnd = Math.max(...stepDates.map((d) => d.end));

  const dropsOut = random.chance(0.22 - { VERY_LOW: -0.12, LOW: -0.05, MEDIUM: 0, HIGH: 0.05 }[level]);
  let closeDay: number;
  let closureReason: CaseClosureReason;
  if (dropsOut) {
    closeDay = workday(opened + random.int(7, Math.max(8, planEnd + 30 - opened)));
    closureReason = random.weighted([['DROPPED_OUT', 55], ['MOVED_AWAY', 20], ['TRANSFERRED', 10], ['OTHER', 15]] as const);
  } else {
    // The case stays open for follow-up after the last step: is the person still in work months later?
    closeDay = workday(planEnd + (random.chance(0.8) ? random.int(30, 120) : random.int(150, 300)));
    closureReason = random.chance({ VERY_LOW: 0.25, LOW: 0.4, MEDIUM: 0.6, HIGH: 0.75 }[level]) ? 'EMPLOYED' : 'GOALS_ACHIEVED';
  }

  // --- cut at the reference date
  const closed = closeDay <= ref;
  const horizon = closed ? closeDay : ref;
  const assessed = assessDay <= horizon;
  const drafted = assessed && draftDay <= horizon;
  const signed = drafted && signDay <= horizon;
  const planDone = closed && !dropsOut;
  const hired = planDone && closureReason === 'EMPLOYED';
  let status: CaseStatus = closed ? 'CLOSED' : 'OPEN';
  if (!closed && random.chance(0.06)) status = 'SUSPENDED';

  const caseManagerName = random.pick(net.operators.get(net.lead.key) as string[]);
  const theCase: DemoCase = {
    id: caseId(index),
    programmeId: programme.id,
    ownerOrganisationId: net.lead.id,
    status,
    openedOn: isoDate(opened),
    closedOn: closed ? isoDate(closeDay) : null,
    closureReason: closed ? closureReason : null,
    caseManagerName,
    createdAt: instantOf(opened, 9),
  };

  // --- plan steps and the hand-offs that carry them
  const { steps, training } = describeSteps(random, index, net, kinds, stepDates, sector, groups, needsItalian);
  const timeline: ReferralTimeline = { horizon, caseClosed: closed, closesWithPlanDone: planDone, responseDays: programme.referralResponseDays };
  const referrals: DemoReferral[] = [];
  const referralOfStep = new Map<number, DemoReferral>();
  const intakeDay = workday(opened + random.int(0, 5));
  if (intakeDay <= horizon) {
    referrals.push(resolveReferral(random, referralId(index, 0), net.lead.id, {
      toOrganisationId: net.employmentCentre.id,
      planStepId: null,
      reason: INTAKE_REFERRAL_REASON,
      sentDay: intakeDay,
      dueDay: Math.max(intakeDay, assessDay - random.int(1, 4)),
      outcome: 'Skills assessment completed; report shared with the case team',
    }, timeline));
  }
  if (signed) {
    steps.forEach((step, i) => {
      if (step.ownerOrganisationId === net.lead.id) return;
      const sentDay = workday(Math.max(signDay + random.int(0, 2), stepDates[i].start - random.int(3, 14)));
      if (sentDay > horizon || sentDay < signDay) return;
      const referral = resolveReferral(random, referralId(index, step.position), net.lead.id, {
        toOrganisationId: step.ownerOrganisationId,
        planStepId: step.id,
        reason: STEP_REFERRAL_REASON[step.kind],
        sentDay,
        dueDay: stepDates[i].end,
        outcome: stepOutcome(random, step.kind, hired),
      }, timeline);
      referrals.push(referral);
      referralOfStep.set(step.position, referral);
    });
  }

  let plan: DemoPlan | null = null;
  if (drafted) {
    const planStatus: PlanStatus = closed ? (planDone ? 'COMPLETED' : 'CANCELLED') : signed ? 'SIGNED' : 'DRAFT';
    for (const [i, step] of steps.entries()) {
      step.status = stepStatus(planStatus, signed, referralOfStep.get(step.position), stepDates[i], horizon, step.ownerOrganisationId === net.lead.id);
    }
    plan = {
      id: personalPlanId(index),
      assessmentId: assessmentId(index),
      status: planStatus,
      goals: planGoals(level, sector, groups, needsItalian),
      startDate: isoDate(draftDay),
      endDate: isoDate(planEnd),
      signedOn: signed ? isoDate(signDay) : null,
      createdAt: instantOf(draftDay, 10),
      steps,
    };
  }

  // --- the équipe: case manager and orientator from the start, the others as the pathway reaches them
  const cpiStaff = net.operators.get(net.employmentCentre.key) as string[];
  const orientatorIndex = random.int(0, cpiStaff.length - 1);
  const operatorIndex = (orientatorIndex + random.int(1, cpiStaff.length - 1)) % cpiStaff.length;
  const left = closed ? isoDate(closeDay) : null;
  const team: DemoTeamMember[] = [
    { id: caseTeamMemberId(index, 0), organisationId: net.lead.id, role: 'CASE_MANAGER', operatorName: caseManagerName, joinedOn: isoDate(opened), leftOn: null },
    { id: caseTeamMemberId(index, 1), organisationId: net.employmentCentre.id, role: 'ORIENTATOR', operatorName: cpiStaff[orientatorIndex], joinedOn: isoDate(Math.min(opened + random.int(0, 7), horizon)), leftOn: left },
  ];
  if (assessed) {
    team.push({ id: caseTeamMemberId(index, 2), organisationId: net.employmentCentre.id, role: 'EMPLOYMENT_OPERATOR', operatorName: cpiStaff[operatorIndex], joinedOn: isoDate(Math.max(opened, assessDay - random.int(0, 7))), leftOn: left });
  }
  const joinOnAcceptance = (slot: number, stepKinds: readonly PlanStepKind[], role: CaseTeamRole, organisation: DemoOrganisation) => {
    const step = steps.find((s) => stepKinds.includes(s.kind));
    const referral = step && referralOfStep.get(step.position);
    if (!referral || (referral.status !== 'ACCEPTED' && referral.status !== 'COMPLETED')) return;
    team.push({
      id: caseTeamMemberId(index, slot),
      organisationId: organisation.id,
      role,
      operatorName: random.pick(net.operators.get(organisation.key) as string[]),
      joinedOn: (referral.respondedAt as string).slice(0, 10),
      leftOn: left,
    });
  };
  joinOnAcceptance(3, ['GENERAL_TRAINING', 'PROFESSIONAL_TRAINING'], 'TRAINING_OPERATOR', training);
  joinOnAcceptance(4, ['INTERNSHIP'], 'COMPANY_NETWORK_OPERATOR', net.companyNetwork);
  // The host company joins once the internship starts: the person signs the internship agreement, which
  // lets the company's tutor see their candidate profile for as long as it runs.
  const placement = steps.find((st) => st.kind === 'INTERNSHIP' && st.hostCompanyKey && (st.status === 'IN_PROGRESS' || st.status === 'DONE'));
  const hostCompany = placement && net.hostCompanies.find((c) => c.key === placement.hostCompanyKey);
  if (placement && hostCompany && placement.plannedStart <= isoDate(horizon)) {
    team.push({
      id: caseTeamMemberId(index, 5),
      organisationId: hostCompany.id,
      role: 'HOST_COMPANY_TUTOR',
      operatorName: `Tutor aziendale, ${hostCompany.name}`,
      joinedOn: placement.plannedStart,
      leftOn: placement.status === 'DONE' ? placement.plannedEnd : left,
    });
  }

  const assessment: DemoAssessment | null = assessed
    ? {
      id: assessmentId(index),
      assessedOn: isoDate(assessDay),
      scores,
      employabilityLevel: level,
      notes: assessmentNotes(level, evaluation.weakest, sector),
      // The équipe: case manager, orientator and employment-centre operator.
      authorIds: team.slice(0, 3).map((m) => m.id),
      createdAt: instantOf(assessDay, 11),
    }
    : null;

  return {
    index,
    programmeCode: programme.code,
    sector,
    person,
    case: theCase,
    team,
    consents: drawConsents(random, index, team, net.lead),
    assessment,
    plan,
    referrals,
    benefits: demoBenefits(random, index, { opened, birthDay: drawn.birthDay, age: drawn.age, groups, closed, closeDay, employed: hired }),
  };
}

function stepStatus(
  plan: PlanStatus,
  signed: boolean,
  referral: DemoReferral | undefined,
  dates: { start: number; end: number },
  horizon: number,
  ownedByLead: boolean,
): PlanStepStatus {
  if (plan === 'DRAFT') return 'PLANNED';
  if (!signed) return 'CANCELLED';
  const live = plan === 'SIGNED';
  if (ownedByLead) {
    if (dates.end <= horizon) return 'DONE';
    if (dates.start <= horizon) return live ? 'IN_PROGRESS' : plan === 'COMPLETED' ? 'DONE' : 'CANCELLED';
    return live ? 'PLANNED' : 'CANCELLED';
  }
  if (!referral) return live ? 'PLANNED' : 'CANCELLED';
  switch (referral.status) {
    case 'COMPLETED':
      return 'DONE';
    case 'ACCEPTED':
      if (!live) return 'CANCELLED';
      return referral.firstContactAt ? 'IN_PROGRESS' : 'PLANNED';
    case 'SENT':
      return live ? 'PLANNED' : 'CANCELLED';
    default:
      return 'CANCELLED';
  }
}

function assessmentNotes(level: EmployabilityLevel, weakest: AssessmentDimension, sector: Sector): string {
  const barrier = BARRIER[weakest];
  switch (level) {
    case 'VERY_LOW':
      return `Significant barriers: ${barrier}. Support services and a gradual approach are needed before any work placement.`;
    case 'LOW':
      return `Main barrier: ${barrier}. Willing to work with support; a protected internship is advisable.`;
    case 'MEDIUM':
      return `Basic skills in place; ${barrier}, to be addressed during the pathway. Interested in ${SECTOR_LABEL[sector]}.`;
    case 'HIGH':
      return `Close to the labour market, interested in ${SECTOR_LABEL[sector]}. Residual issue: ${barrier}.`;
  }
}

interface BenefitContext {
  opened: number;
  birthDay: number;
  age: number;
  groups: readonly TargetGroup[];
  closed: boolean;
  closeDay: number;
  employed: boolean;
}

function demoBenefits(random: Random, index: number, c: BenefitContext): DemoBenefit[] {
  const benefits: DemoBenefit[] = [];
  const adultFrom = addYears(c.birthDay, 18);
  const has = (g: TargetGroup) => c.groups.includes(g);
  const add = (kind: BenefitKind, probability: number, minEuro: number, maxEuro: number, adultsOnly: boolean, months?: readonly [number, number]) => {
    if (!random.chance(probability)) return;
    let start = workday(c.opened + random.int(-240, 45));
    if (adultsOnly) start = Math.max(start, adultFrom);
    start = Math.max(start, c.birthDay);
    if (start > REFERENCE_DAY) return;
    let end: number | null = null;
    // A support granted for a fixed term ends with its entitlement; one that work replaces would have run on.
    let entitlementEnd: number | null = null;
    if (months) {
      end = start + 30 * random.int(months[0], months[1]);
      entitlementEnd = end;
    } else if (c.employed && (kind === 'INCOME_SUPPORT' || kind === 'HOUSING_SUPPORT')) {
      // Work replaces income support some weeks after hiring: the savings ledger counts this.
      end = c.closeDay + random.int(0, 60);
    } else if (random.chance(0.15)) {
      end = start + random.int(180, 540);
      entitlementEnd = end;
    } else if (c.closed && random.chance(0.3)) {
      end = c.closeDay + random.int(0, 90);
      entitlementEnd = end;
    }
    if (end !== null && end > REFERENCE_DAY) end = null;
    if (end !== null && end < start) end = start;
    benefits.push({
      id: benefitId(index, kind),
      kind,
      monthlyAmountCents: 1000 * random.int(minEuro / 10, maxEuro / 10),
      startDate: isoDate(start),
      endDate: end === null ? null : isoDate(end),
      entitlementEndDate: entitlementEnd === null ? null : isoDate(Math.max(entitlementEnd, start)),
    });
  };
  const needy = has('LONG_TERM_UNEMPLOYED') || has('HOUSING_EMERGENCY') || has('SINGLE_PARENT') || has('VICTIM_OF_VIOLENCE');
  if (c.age >= 18) add('INCOME_SUPPORT', needy ? 0.7 : 0.45, 300, 600, true);
  add('HOUSING_SUPPORT', has('HOUSING_EMERGENCY') ? 0.6 : 0.12, 100, 300, true);
  if (has('SINGLE_PARENT')) add('CHILD_SUPPORT', 0.6, 80, 250, true);
  if (has('DISABILITY')) add('DISABILITY_SUPPORT', 0.5, 290, 520, false);
  add('EMERGENCY_SUPPORT', 0.04, 100, 300, false, [1, 3]);
  add('OTHER', 0.02, 50, 150, false, [2, 12]);
  return benefits;
}
