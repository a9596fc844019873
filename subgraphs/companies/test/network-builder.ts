import { randomUUID } from 'node:crypto';
import { lastingRid, partitaIvaCheckDigit, PLACEMENT_TOKEN_TTL_SECONDS, placementSubject, type Placement, type Principal } from '@intreccio/shared';
import { principal, signedGrant, SubgraphHarness } from '@intreccio/shared/testing';
import { companies } from '../src';

/** The subgraph under test, driven over HTTP the way the gateway drives it. */
export function startCompanies(label: string): Promise<SubgraphHarness> {
  return SubgraphHarness.start(companies, label);
}

// Organisations and programmes live in the social-services subgraph; here they are only ids.
export const NETWORK_ORG = '0b6f5a8e-1c2d-4e3f-8a9b-000000000001';
export const LEAD_BODY_ORG = '0b6f5a8e-1c2d-4e3f-8a9b-000000000002';
export const HOST_ORG = '0b6f5a8e-1c2d-4e3f-8a9b-000000000003';
export const PROGRAMME = '7c0d9e8f-2a3b-4c5d-9e6f-000000000001';
export const OTHER_PROGRAMME = '7c0d9e8f-2a3b-4c5d-9e6f-000000000002';

export const operator = principal('company_network_operator', NETWORK_ORG, 'COMPANY_NETWORK', [PROGRAMME]);
export const coordinator = principal('coordinator', LEAD_BODY_ORG, 'SOCIAL_SERVICES', [PROGRAMME]);
export const caseManager = principal('case_manager', LEAD_BODY_ORG, 'SOCIAL_SERVICES', [PROGRAMME]);
export const hostTutor = principal('company_tutor', HOST_ORG, 'COMPANY', [PROGRAMME]);

let serial = 1_000_000;

/** A fresh valid partita IVA with the office code of Siena (052). */
export function newVatNumber(office = '052'): string {
  const first10 = String(serial++).padStart(7, '0') + office;
  return first10 + String(partitaIvaCheckDigit(first10));
}

export function personId(n: number): string {
  return `5e7a0c1d-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const OCCUPATION = {
  kitchenAssistant: 'http://data.europa.eu/esco/occupation/e1cf6897-158d-4b48-a39e-2a3a8cac216c',
  waiter: 'http://data.europa.eu/esco/occupation/d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471',
  warehouseWorker: 'http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f',
};

export const CREATE_COMPANY = `mutation($i: CreateCompanyInput!, $k: String) {
  createCompany(input: $i, idempotencyKey: $k) {
    id name vatNumber atecoCode atecoTitle atecoEdition municipalityName sizeClass listedInDirectory organisation { id } version
  }
}`;

export function companyInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Agriturismo Il Poggio S.r.l.',
    vatNumber: newVatNumber(),
    atecoCode: '55.10.00',
    sizeClass: 'SMALL',
    municipalityCode: 'G752',
    listedInDirectory: true,
    ...overrides,
  };
}

export async function createCompany(h: SubgraphHarness, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await h.ok(operator, CREATE_COMPANY, { i: companyInput(overrides) })).createCompany.id;
}

export async function addTutor(h: SubgraphHarness, companyId: string, name = 'Marta Lenzi'): Promise<string> {
  return (await h.ok(operator, 'mutation($i: AddCompanyTutorInput!) { addCompanyTutor(input: $i) { id } }', {
    i: { companyId, name, role: 'Head chef', email: 'tutor@example.org' },
  })).addCompanyTutor.id;
}

export const RULES = { allowanceMinCents: 40_000, allowanceMaxCents: 60_000, minWeeklyHours: 20, maxWeeklyHours: 30, maxMonths: 6 };

export async function setRules(h: SubgraphHarness, programmeId = PROGRAMME, rules: Record<string, unknown> = RULES): Promise<void> {
  await h.ok(coordinator, 'mutation($i: SetInternshipRulesInput!) { setInternshipRules(input: $i) { version } }', { i: { programmeId, ...rules } });
}

export const CREATE_INTERNSHIP = `mutation($i: CreateInternshipInput!, $k: String) {
  createInternship(input: $i, idempotencyKey: $k) { id status version startDate endDate }
}`;

export function internshipInput(companyId: string, companyTutorId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personId: personId(1),
    programmeId: PROGRAMME,
    companyId,
    companyTutorId,
    promoterTutorName: 'Paolo Guidi',
    occupationUri: OCCUPATION.kitchenAssistant,
    startDate: '2026-01-12',
    endDate: '2026-05-29',
    weeklyHours: 25,
    monthlyAllowanceCents: 50_000,
    ...overrides,
  };
}

/**
 * The placement token social services give `who` for a step of the person's signed plan
 * (`PlanStep.placementToken`), as they would have signed it at `at`.
 */
export function placementToken(h: SubgraphHarness, who: Principal, placement: Placement, at = Date.now()): Promise<string> {
  return signedGrant(h.env.dataDir, 'social-services', 'plan-step', placementSubject(placement), who, lastingRid(who.subject), at, PLACEMENT_TOKEN_TTL_SECONDS);
}

/** `input` for an internship carrying out a step (a fresh one unless given) of the person's signed plan, with the step's token for `who`. */
export async function placed(h: SubgraphHarness, who: Principal, input: Record<string, unknown>, planStepId = randomUUID()): Promise<Record<string, unknown>> {
  const planStepToken = await placementToken(h, who, { personId: input.personId as string, programmeId: input.programmeId as string, stepId: planStepId });
  return { ...input, planStepId, planStepToken };
}

export const CHANGE_STATUS = `mutation($i: ChangeInternshipStatusInput!) {
  changeInternshipStatus(input: $i) { id status outcome startedOn interruptedOn interruptionReason version }
}`;

export type Harness = SubgraphHarness;
