import { atecoCode, conflict, ProblemList, validatePartitaIva } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { checkForeignId, checkMunicipality } from '../common/rules';
import { Company } from './company.type';

/**
 * Only ATECO classes (level 4, e.g. 55.10) and finer levels describe an activity precisely enough
 * to match people and sectors; sections, divisions and groups are refused. The Chamber of Commerce
 * registers the sub-category (55.10.00), which is what partners usually hold.
 */
export const MIN_ATECO_LEVEL = 4;
const ATECO_LEVEL_NAMES = ['', 'section', 'division', 'group', 'class', 'category', 'sub-category'];

export function normaliseVatNumber(value: string): string {
  return value.replace(/\s+/g, '').replace(/^IT/i, '');
}

export function normaliseCode(value: string): string {
  return value.trim().toUpperCase();
}

export interface CompanyFacts {
  vatNumber?: string | null;
  atecoCode?: string | null;
  municipalityCode?: string | null;
  organisationId?: string | null;
}

/** Every problem with a company's identifying facts, each on its input field. */
export function checkCompanyFacts(problems: ProblemList, facts: CompanyFacts): void {
  if (facts.vatNumber != null) problems.addAll('input.vatNumber', validatePartitaIva(facts.vatNumber));
  if (facts.atecoCode != null) {
    const found = atecoCode(facts.atecoCode);
    if (!found) {
      problems.add('input.atecoCode', `${facts.atecoCode} is not an ATECO 2025 or ATECO 2007 code`);
    } else if (found.level < MIN_ATECO_LEVEL) {
      problems.add('input.atecoCode', `${found.code} is an ATECO ${ATECO_LEVEL_NAMES[found.level]}; give the class (e.g. 55.10) or a finer code`);
    }
  }
  checkMunicipality(problems, 'input.municipalityCode', facts.municipalityCode);
  checkForeignId(problems, 'input.organisationId', facts.organisationId);
}

/** A VAT number and a registry organisation each belong to one company record. */
export async function assertCompanyUnique(m: EntityManager, facts: { vatNumber?: string | null; organisationId?: string | null }, exceptId?: string): Promise<void> {
  const repo = m.getRepository(Company);
  if (facts.vatNumber) {
    const other = await repo.findOne({ where: { vatNumber: facts.vatNumber }, select: { id: true } });
    if (other && other.id !== exceptId) throw conflict(`Another company already has VAT number ${facts.vatNumber}`, 'input.vatNumber');
  }
  if (facts.organisationId) {
    const other = await repo.findOne({ where: { organisationId: facts.organisationId }, select: { id: true } });
    if (other && other.id !== exceptId) throw conflict('Another company is already linked to this organisation', 'input.organisationId');
  }
}

export const COMPANY_CONSTRAINTS = {
  company_vat_number: { field: 'input.vatNumber', message: 'Another company already has this VAT number' },
  company_organisation: { field: 'input.organisationId', message: 'Another company is already linked to this organisation' },
};
