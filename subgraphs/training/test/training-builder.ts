import { ESCO_SKILL_PREFIX, type Principal } from '@intreccio/shared';
import { principal, SubgraphHarness } from '@intreccio/shared/testing';
import { training } from '../src';

/** The subgraph under test, driven over HTTP the way the gateway drives it. */
export function startTraining(label: string): Promise<SubgraphHarness> {
  return SubgraphHarness.start(training, label);
}

export const PROVIDER_ORGANISATION = '5a1e0c3e-7d7b-4c55-9d0e-0b7c2a6f1a01';
export const PROGRAMME = '8f3b9a52-1c4d-4e8a-9b2f-6d5e4c3b2a10';
export const OTHER_PROGRAMME = '8f3b9a52-1c4d-4e8a-9b2f-6d5e4c3b2a11';

export const operator: Principal = principal('training_operator', PROVIDER_ORGANISATION, 'TRAINING_PROVIDER', [PROGRAMME]);
export const caseManager: Principal = principal('case_manager', '00000000-0000-4000-8000-000000000001', 'SOCIAL_SERVICES', [PROGRAMME]);

/** Real ESCO v1.1.1 skills. */
export const SKILL = {
  foodHygiene: `${ESCO_SKILL_PREFIX}0ff99f51-40d9-42f1-a1ec-377b2bb5e15f`, // comply with food safety and hygiene
  safetyStandards: `${ESCO_SKILL_PREFIX}dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb`, // apply health and safety standards
  teamwork: `${ESCO_SKILL_PREFIX}60c78287-22eb-4103-9c8c-28deaa460da0`, // work in teams
  computerLiteracy: `${ESCO_SKILL_PREFIX}d15ce60f-ddab-41ce-ba56-398451b77b60`, // have computer literacy
  manageTime: `${ESCO_SKILL_PREFIX}d9013e0e-e937-43d5-ab71-0e917ee882b8`, // manage time
} as const;

/** A fresh person id: people live in social services, here they are only their id. */
export function personId(n: number): string {
  return `7e570000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

const CREATE_PROVIDER = 'mutation($i: CreateTrainingProviderInput!) { createTrainingProvider(input: $i) { id } }';
const CREATE_COURSE = 'mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }';
const SCHEDULE = 'mutation($i: ScheduleCourseEditionInput!) { scheduleCourseEdition(input: $i) { id } }';
const ENROL = 'mutation($i: EnrollPersonInput!) { enrollPerson(input: $i) { id status } }';
const EDITION_STATUS = 'mutation($i: ChangeEditionStatusInput!) { changeEditionStatus(input: $i) { id status } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id status attendedHours } }';

/** Builds providers, courses, editions and enrolments through the API, as a training body's system would. */
export class TrainingBuilder {
  private courses = 0;

  /** `who`: the training body's operator writing through the API. */
  constructor(readonly h: SubgraphHarness, readonly who: Principal = operator) {}

  async provider(name = 'Agenzia Formativa Valdelsa Lavoro', organisationId = PROVIDER_ORGANISATION, accreditationCode = 'SI0412'): Promise<string> {
    return (await this.h.ok(this.who, CREATE_PROVIDER, { i: { name, organisationId, accreditationCode, municipalityCode: 'C847' } })).createTrainingProvider.id;
  }

  async course(providerId: string, overrides: Record<string, unknown> = {}): Promise<string> {
    this.courses++;
    return (await this.h.ok(this.who, CREATE_COURSE, {
      i: {
        providerId,
        title: `Course ${this.courses}`,
        kind: 'HACCP',
        hours: 12,
        skillsTaught: [SKILL.foodHygiene],
        costPerHourCents: 1500,
        ...overrides,
      },
    })).createCourse.id;
  }

  async edition(courseId: string, overrides: Record<string, unknown> = {}): Promise<string> {
    return (await this.h.ok(this.who, SCHEDULE, {
      i: { courseId, programmeId: PROGRAMME, startDate: '2025-03-03', endDate: '2025-03-14', seats: 15, municipalityCode: 'C847', venue: 'Aula 2, via Roma 1', ...overrides },
    })).scheduleCourseEdition.id;
  }

  async setEditionStatus(editionId: string, ...statuses: string[]): Promise<void> {
    for (const status of statuses) await this.h.ok(this.who, EDITION_STATUS, { i: { editionId, status } });
  }

  async enrol(editionId: string, person: string, programmeId = PROGRAMME): Promise<string> {
    return (await this.h.ok(this.who, ENROL, { i: { personId: person, programmeId, editionId, enrolledOn: '2025-02-20' } })).enrollPerson.id;
  }

  async attend(enrollmentId: string, hours: number): Promise<void> {
    await this.h.ok(this.who, ATTEND, { i: { enrollmentId, hours } });
  }
}

export function errorOf(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { message: string; code: unknown; field: unknown; problems: { field: string; message: string }[] } {
  const error = res.errors?.[0];
  return {
    message: error?.message ?? '',
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    problems: (error?.extensions?.problems as { field: string; message: string }[] | undefined) ?? [],
  };
}
