import { badInput, ProblemList } from '@intreccio/shared';
import type { VacancyStatus } from '../common/enums';
import { checkDateOrder, checkMunicipality, checkNotFuture, checkOccupationUri, checkRange, checkSkillUris } from '../common/rules';
import type { Vacancy } from './vacancy.type';

export const MAX_POSITIONS = 1000;

type VacancyFacts = Pick<Vacancy, 'requiredSkillUris' | 'optionalSkillUris' | 'municipalityCode' | 'weeklyHours' | 'positions'>;

/** Rules a vacancy's description follows; `given` says which fields the input set, so problems name only those. */
export function checkVacancyFacts(problems: ProblemList, v: VacancyFacts, given: { requiredSkills: boolean; optionalSkills: boolean }): void {
  if (given.requiredSkills) checkSkillUris(problems, 'input.requiredSkills', v.requiredSkillUris);
  if (given.optionalSkills) checkSkillUris(problems, 'input.optionalSkills', v.optionalSkillUris);
  v.optionalSkillUris.forEach((uri, i) => {
    if (v.requiredSkillUris.includes(uri)) problems.add(`input.optionalSkills.${i}`, 'is also a required skill');
  });
  checkMunicipality(problems, 'input.municipalityCode', v.municipalityCode);
  checkRange(problems, 'input.weeklyHours', v.weeklyHours, 1, 48);
  checkRange(problems, 'input.positions', v.positions, 1, MAX_POSITIONS);
}

export function checkNewVacancy(problems: ProblemList, occupationUri: string, openedOn: string): void {
  checkOccupationUri(problems, 'input.occupationUri', occupationUri);
  checkNotFuture(problems, 'input.openedOn', openedOn);
}

/**
 * A vacancy is open until it is filled or withdrawn; then it is closed for good (a new opening is a
 * new vacancy, so candidates and hires stay tied to the one they answered). A closed vacancy keeps
 * its description as it was.
 */
export function applyStatus(
  v: Vacancy,
  status: VacancyStatus | null | undefined,
  closedOn: string | null | undefined,
  statusField = 'input.status',
): void {
  if (v.status === 'CLOSED') {
    if (status === 'CLOSED') throw badInput({ field: statusField, message: `the vacancy is already CLOSED (since ${v.closedOn})` });
    if (status) throw badInput({ field: statusField, message: `a CLOSED vacancy cannot become ${status}` });
    throw badInput({ field: 'input.id', message: 'a CLOSED vacancy cannot be changed' });
  }
  const problems = new ProblemList();
  if (status === 'CLOSED') {
    if (!closedOn) problems.add('input.closedOn', 'is required when closing a vacancy');
    checkDateOrder(problems, 'openedOn', v.openedOn, 'input.closedOn', closedOn);
    checkNotFuture(problems, 'input.closedOn', closedOn);
    problems.throwIfAny();
    v.status = 'CLOSED';
    v.closedOn = closedOn!;
  } else if (closedOn) {
    problems.add('input.closedOn', 'only applies when closing a vacancy').throwIfAny();
  }
}
