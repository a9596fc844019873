import { addDays, addMonths } from '@intreccio/shared';
import { REFERENCE_DATE } from './dates';
import { DEMO_COMPANIES, companiesOf, SECTOR_OCCUPATIONS, type DemoCompany } from './catalogue';
import { deterministicUuid } from './ids';
import type { DemoPathway, DemoPlanStep } from './pathway';
import { mix32, Random } from './random';

/**
 * What happened at work, derived from a person's pathway so that the company network (internships)
 * and the employment centre (hires and follow-up) tell the same story without reading each other's
 * databases.
 */

export type DemoInternshipStatus = 'PLANNED' | 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'INTERRUPTED';
export type DemoInternshipOutcome = 'HIRED' | 'NOT_HIRED' | 'ENDED_EARLY';
export type DemoContractType = 'PERMANENT' | 'FIXED_TERM' | 'APPRENTICESHIP';

export interface DemoInternship {
  id: string;
  planStepId: string;
  programmeId: string;
  company: DemoCompany;
  occupationUri: string;
  startDate: string;
  /** Planned end; an interrupted internship ends on `endedOn`. */
  endDate: string;
  endedOn: string | null;
  weeklyHours: number;
  monthlyAllowanceCents: number;
  status: DemoInternshipStatus;
  outcome: DemoInternshipOutcome | null;
}

export interface DemoHire {
  id: string;
  programmeId: string;
  company: DemoCompany;
  occupationUri: string;
  startDate: string;
  endDate: string | null;
  contractType: DemoContractType;
  weeklyHours: number;
  grossMonthlyWageCents: number;
  /** Follow-up checks due by the reference date: months after the start → still employed. */
  followUps: { monthsAfter: 6 | 12; checkedOn: string; stillEmployed: boolean }[];
}

export interface DemoOutcomes {
  internship: DemoInternship | null;
  hire: DemoHire | null;
}

const INTERNSHIP_STATUS: Record<DemoPlanStep['status'], DemoInternshipStatus> = {
  PLANNED: 'PLANNED',
  IN_PROGRESS: 'ACTIVE',
  DONE: 'COMPLETED',
  CANCELLED: 'INTERRUPTED',
};

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}

export function demoOutcomes(pathway: DemoPathway, seed: number): DemoOutcomes {
  const random = new Random(mix32(seed, pathway.index, 0x0c0de5));
  const programmeId = pathway.case.programmeId;
  const occupations = SECTOR_OCCUPATIONS[pathway.sector];
  const occupationUri = occupations[random.int(0, occupations.length - 1)]!;
  const step = pathway.plan?.steps.find((s) => s.kind === 'INTERNSHIP' && s.hostCompanyKey);
  const employed = pathway.case.status === 'CLOSED' && pathway.case.closureReason === 'EMPLOYED';

  let internship: DemoInternship | null = null;
  // A planned internship exists as a record only once the plan is signed and the company network has it.
  if (step && pathway.plan?.signedOn && !(step.status === 'CANCELLED' && step.plannedStart > (pathway.case.closedOn ?? REFERENCE_DATE))) {
    let status = INTERNSHIP_STATUS[step.status];
    // A step the partner has taken up may not have reached its first day yet.
    if (status === 'ACTIVE' && step.plannedStart > REFERENCE_DATE) status = 'PLANNED';
    if (status === 'ACTIVE' && random.chance(0.08)) status = 'SUSPENDED';
    const cut = pathway.case.closedOn ?? REFERENCE_DATE;
    const endedOn = status === 'INTERRUPTED' ? earlierOf(laterOf(step.plannedStart, addMonths(step.plannedStart, 1)), cut) : status === 'COMPLETED' ? step.plannedEnd : null;
    internship = {
      id: deterministicUuid('internship', pathway.index),
      planStepId: step.id,
      programmeId,
      company: DEMO_COMPANIES.find((c) => c.key === step.hostCompanyKey)!,
      occupationUri,
      startDate: step.plannedStart,
      endDate: step.plannedEnd,
      endedOn,
      weeklyHours: step.weeklyHours!,
      monthlyAllowanceCents: step.monthlyAllowanceCents!,
      status,
      outcome: status === 'COMPLETED' ? (employed ? 'HIRED' : 'NOT_HIRED') : status === 'INTERRUPTED' ? 'ENDED_EARLY' : null,
    };
  }

  let hire: DemoHire | null = null;
  if (employed) {
    const hiredByHost = internship?.outcome === 'HIRED';
    const candidates = companiesOf(pathway.programmeCode, pathway.sector);
    const company = hiredByHost ? internship!.company : candidates[random.int(0, candidates.length - 1)] ?? companiesOf(pathway.programmeCode)[0]!;
    const lastStepEnd = pathway.plan?.steps.reduce((end, s) => laterOf(end, s.plannedEnd), pathway.case.openedOn) ?? pathway.case.openedOn;
    const afterWork = hiredByHost ? internship!.endDate : lastStepEnd;
    const startDate = earlierOf(addDays(afterWork, random.int(1, 20)), pathway.case.closedOn!);
    const contractType = random.weighted([['FIXED_TERM', 55], ['PERMANENT', 25], ['APPRENTICESHIP', 20]] as const);
    const weeklyHours = random.pick([20, 24, 30, 36, 38, 40]);
    const fullTimeWage = 140_000 + 5_000 * random.int(0, 8);
    const endDate = contractType === 'FIXED_TERM' && random.chance(0.5) ? addMonths(startDate, random.pick([6, 9, 12])) : null;
    const followUps: DemoHire['followUps'] = [];
    for (const monthsAfter of [6, 12] as const) {
      const checkedOn = addMonths(startDate, monthsAfter);
      if (checkedOn > REFERENCE_DATE) break;
      const stillEmployed = (endDate === null || endDate >= checkedOn) && !random.chance(0.08);
      followUps.push({ monthsAfter, checkedOn, stillEmployed });
      if (!stillEmployed) break;
    }
    hire = {
      id: deterministicUuid('hire', pathway.index),
      programmeId,
      company,
      occupationUri: hiredByHost ? internship!.occupationUri : occupationUri,
      startDate,
      endDate,
      contractType,
      weeklyHours,
      grossMonthlyWageCents: Math.round((fullTimeWage * weeklyHours) / 40 / 100) * 100,
      followUps,
    };
  }
  return { internship, hire };
}
