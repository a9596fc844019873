import {
  birthPlaceOn, birthPlaces, conflict, normaliseFiscalCode, ProblemList, validateFiscalCode, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { checkMunicipality, today, violatedConstraint } from '../common/rules';
import type { Sex } from '../common/enums';
import { Person } from './person.type';

export interface IdentityFacts {
  fiscalCode?: string | null;
  birthDate: string;
  sex: Sex;
  birthPlaceCode: string;
}

/** Identity rules: a real birth place valid on the birth date, a plausible age, a fiscal code that agrees with both. */
export function checkIdentity(problems: ProblemList, facts: IdentityFacts, residenceMunicipalityCode?: string | null): string | null {
  if (facts.birthDate > today()) problems.add('input.birthDate', 'must not be in the future');
  else if (facts.birthDate < '1900-01-01') problems.add('input.birthDate', 'must be after 1900-01-01');
  if (birthPlaces(facts.birthPlaceCode).length === 0) {
    problems.add('input.birthPlaceCode', `${facts.birthPlaceCode} is neither an Italian municipality nor a foreign state code`);
  } else if (!birthPlaceOn(facts.birthPlaceCode, facts.birthDate)) {
    problems.add('input.birthPlaceCode', `${facts.birthPlaceCode} did not exist on the birth date ${facts.birthDate}`);
  }
  checkMunicipality(problems, 'input.residenceMunicipalityCode', residenceMunicipalityCode);
  if (facts.fiscalCode == null || facts.fiscalCode === '') return null;
  const code = normaliseFiscalCode(facts.fiscalCode);
  problems.addAll('input.fiscalCode', validateFiscalCode(code, { birthDate: facts.birthDate, sex: facts.sex, birthPlaceCode: facts.birthPlaceCode }));
  return code;
}

/**
 * A fiscal code belongs to one person: a second record would split their history. Saying so tells
 * the caller that someone with this code is known to the network, so the match is written to the
 * access log of that person, under the caller's name.
 */
export async function assertFiscalCodeFree(ctx: RequestContext, m: EntityManager, code: string | null, exceptId?: string): Promise<void> {
  if (!code) return;
  const existing = await m.getRepository(Person).findOne({ where: { fiscalCode: code }, select: { id: true } });
  if (!existing || existing.id === exceptId) return;
  ctx.access.record(existing.id, 'Person.fiscalCode', 'DUPLICATE_CHECK');
  throw fiscalCodeTaken();
}

const fiscalCodeTaken = () => conflict(
  'A person with this fiscal code is already registered in the network: ask the social services holding them, or the data protection officer, rather than registering them twice',
  'input.fiscalCode',
);

/**
 * Runs a write that gives a person `code`. Two such writes can both pass `assertFiscalCodeFree` before
 * either commits; the unique index then refuses the second, which is answered as the check would have
 * answered it, once its transaction is rolled back (the lookup of the person who has the code is
 * logged the same way).
 */
export async function fiscalCodeRaces<T>(ctx: RequestContext, code: string | null, write: () => Promise<T>, exceptId?: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!code || violatedConstraint(err) !== 'person_fiscal_code') throw err;
    await assertFiscalCodeFree(ctx, ctx.db.manager, code, exceptId);
    throw fiscalCodeTaken();
  }
}
