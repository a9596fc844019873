import { atecoCode, municipalityByCadastralCode, validatePartitaIva } from '@intreccio/shared';
import { checkCatalogue, DEMO_COMPANIES, DEMO_PROGRAMMES } from '../src/demo';

describe('the demo catalogue', () => {
  it('cites real ESCO occupations with skills', () => {
    expect(() => checkCatalogue()).not.toThrow();
  });

  it('has companies with valid VAT numbers and ATECO codes, inside their programme’s territory', () => {
    const ids = new Set<string>();
    for (const c of DEMO_COMPANIES) {
      expect(validatePartitaIva(c.vatNumber)).toEqual([]);
      expect(atecoCode(c.atecoCode)?.edition).toBe('2025');
      expect(municipalityByCadastralCode(c.municipalityCode)).toBeDefined();
      expect(DEMO_PROGRAMMES.find((p) => p.code === c.programmeCode)!.territory).toContain(c.municipalityCode);
      ids.add(c.id);
    }
    expect(ids.size).toBe(DEMO_COMPANIES.length);
  });
});
