import { partitaIvaCheckDigit, validatePartitaIva } from '../src/validation';

describe('partitaIvaCheckDigit', () => {
  it('computes the Luhn-style digit', () => {
    // Odd places 1+3+5+7+0 = 16; even places 2,4,6,0,1 doubled = 4+8+(12-9)+0+2 = 17; (10 - 3) % 10 = 7
    expect(partitaIvaCheckDigit('1234567001')).toBe(7);
    // Only the doubled tenth digit counts: 2, so 8.
    expect(partitaIvaCheckDigit('0000000001')).toBe(8);
    // A sum that is a multiple of 10 gives 0, not 10.
    expect(partitaIvaCheckDigit('0000000000')).toBe(0);
  });

  it('rejects input that is not ten digits', () => {
    expect(() => partitaIvaCheckDigit('123456700')).toThrow(RangeError);
    expect(() => partitaIvaCheckDigit('123456700A')).toThrow(RangeError);
  });
});

describe('validatePartitaIva', () => {
  it('accepts valid numbers', () => {
    expect(validatePartitaIva('12345670017')).toEqual([]);
    expect(validatePartitaIva(' 12345670017 ')).toEqual([]);
    // Office codes outside 001–100 that are nevertheless issued.
    for (const office of ['120', '121', '888', '999', '100', '001']) {
      const first10 = `1234567${office}`;
      expect(validatePartitaIva(first10 + partitaIvaCheckDigit(first10))).toEqual([]);
    }
  });

  it('reports a wrong length', () => {
    expect(validatePartitaIva('1234567001')).toEqual(['A partita IVA has 11 digits; "1234567001" has 10.']);
    expect(validatePartitaIva('123456700170')).toEqual([expect.stringMatching(/has 12/)]);
    expect(validatePartitaIva('')).toEqual([expect.stringMatching(/has 0/)]);
  });

  it('reports letters and other characters', () => {
    expect(validatePartitaIva('1234567001A')).toEqual([expect.stringMatching(/digits only/)]);
    expect(validatePartitaIva('IT12345670017')).toEqual([expect.stringMatching(/digits only/)]);
    expect(validatePartitaIva('123 4567 0017')).toEqual([expect.stringMatching(/digits only/)]);
  });

  it('reports an office code that is not issued', () => {
    for (const office of ['000', '101', '119', '122', '500', '887']) {
      const first10 = `1234567${office}`;
      expect(validatePartitaIva(first10 + partitaIvaCheckDigit(first10))).toEqual([
        expect.stringMatching(new RegExp(`tax office code .* "${office}" is not one`)),
      ]);
    }
  });

  it('reports a wrong check digit', () => {
    expect(validatePartitaIva('12345670018')).toEqual([
      'The last digit of partita IVA 12345670018 should be 7, not 8: the number is mistyped.',
    ]);
    // Swapping two adjacent digits is the typo the check digit exists to catch.
    expect(validatePartitaIva('21345670017')).toHaveLength(1);
  });
});
