import { randomUUID } from 'node:crypto';
import { escoOccupation, ESCO_OCCUPATION_PREFIX, ESCO_SKILL_PREFIX, type Principal } from '@intreccio/shared';
import { principal, SubgraphHarness } from '@intreccio/shared/testing';
import { employmentCentre } from '../src';

export function startEmploymentCentre(label: string): Promise<SubgraphHarness> {
  return SubgraphHarness.start(employmentCentre, label);
}

export const CPI_POGGIBONSI = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e01';
export const LEAD_BODY = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e02';

export const operator: Principal = principal('cpi_operator', CPI_POGGIBONSI, 'EMPLOYMENT_CENTRE');
export const caseManager: Principal = principal('case_manager', LEAD_BODY, 'SOCIAL_SERVICES');
export const coordinator: Principal = principal('coordinator', LEAD_BODY, 'SOCIAL_SERVICES');
export const CPI_SIENA = '3a1f6f0e-6c2b-4c55-9d7e-0b5a1c2d3e03';
/** An operator of another employment centre of the network. */
export const otherCentreOperator: Principal = principal('cpi_operator', CPI_SIENA, 'EMPLOYMENT_CENTRE');

export const newId = (): string => randomUUID();

export const WAREHOUSE_WORKER = `${ESCO_OCCUPATION_PREFIX}bea705fe-06ac-4147-b8e0-6e8ac1208d8f`;
export const KITCHEN_ASSISTANT = `${ESCO_OCCUPATION_PREFIX}e1cf6897-158d-4b48-a39e-2a3a8cac216c`;
export const HOME_CARE_AIDE = `${ESCO_OCCUPATION_PREFIX}1391bdf9-bd61-4fb5-91ca-c29036ab2b60`;

export function essentialSkills(occupationUri: string): string[] {
  return [...escoOccupation(occupationUri)!.essentialSkills];
}

export function optionalSkills(occupationUri: string): string[] {
  return [...escoOccupation(occupationUri)!.optionalSkills];
}

export const UNKNOWN_SKILL = `${ESCO_SKILL_PREFIX}00000000-0000-4000-8000-000000000000`;
export const UNKNOWN_OCCUPATION = `${ESCO_OCCUPATION_PREFIX}00000000-0000-4000-8000-000000000000`;

export const REGISTER = `mutation($i: RegisterJobSeekerInput!, $k: String) {
  registerJobSeeker(input: $i, idempotencyKey: $k) {
    id version registeredOn profilingClass educationLevel weeklyHours mobilityRadiusKm domicileMunicipalityCode shifts drivingLicences
    languages { language level } desiredOccupations { uri label } person { id } programme { id } employmentCentre { id }
  }
}`;

export function registration(personId: string, programmeId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personId,
    programmeId,
    registeredOn: '2025-03-10',
    profilingClass: 'HIGH',
    educationLevel: 'LOWER_SECONDARY',
    languages: [{ language: 'it', level: 'B1' }, { language: 'ar', level: 'C2' }],
    drivingLicences: ['B'],
    weeklyHours: 30,
    shifts: ['MORNING', 'AFTERNOON'],
    mobilityRadiusKm: 20,
    domicileMunicipalityCode: 'G752',
    desiredOccupations: [WAREHOUSE_WORKER],
    ...overrides,
  };
}

export const RECORD_SKILL = `mutation($i: RecordSkillInput!, $k: String) {
  recordSkill(input: $i, idempotencyKey: $k) { id level source recordedOn version skill { uri label kind } }
}`;

export const CREATE_VACANCY = `mutation($i: CreateVacancyInput!, $k: String) {
  createVacancy(input: $i, idempotencyKey: $k) {
    id status version openedOn closedOn title positions weeklyHours municipalityCode contractType requiredLicences
    company { id } occupation { uri label } requiredSkills { uri } optionalSkills { uri }
  }
}`;

export function vacancyInput(companyId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const essential = essentialSkills(WAREHOUSE_WORKER);
  return {
    companyId,
    title: 'Magazziniere',
    occupationUri: WAREHOUSE_WORKER,
    requiredSkills: essential.slice(0, 4),
    optionalSkills: optionalSkills(WAREHOUSE_WORKER).slice(0, 2),
    municipalityCode: 'G752',
    weeklyHours: 30,
    contractType: 'FIXED_TERM',
    requiredLicences: [],
    openedOn: '2025-04-01',
    positions: 2,
    ...overrides,
  };
}

export async function register(h: SubgraphHarness, personId: string, programmeId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await h.ok(operator, REGISTER, { i: registration(personId, programmeId, overrides) })).registerJobSeeker.id;
}

/** A new person registered as a job seeker at the operator's centre: what lets the centre record data about them. */
export async function registeredPerson(h: SubgraphHarness, programmeId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const person = newId();
  await register(h, person, programmeId, overrides);
  return person;
}

export async function recordSkill(h: SubgraphHarness, personId: string, programmeId: string, skillUri: string, level = 'INTERMEDIATE'): Promise<void> {
  await h.ok(operator, RECORD_SKILL, { i: { personId, programmeId, skillUri, level, source: 'SELF_DECLARED', recordedOn: '2025-03-12' } });
}

export async function createVacancy(h: SubgraphHarness, companyId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await h.ok(operator, CREATE_VACANCY, { i: vacancyInput(companyId, overrides) })).createVacancy.id;
}
