import {
  buildFiscalCode,
  decodeFiscalCode,
  fiscalCodeCheckCharacter,
  normaliseFiscalCode,
  validateFiscalCode,
  type FiscalCodePerson,
} from '../src/validation';

// Expected codes below were worked out by hand from the official tables, so
// they test the implementation rather than echo it.
const MARIO = 'RSSMRA85T10A562S'; // Rossi Mario, male, 1985-12-10, San Giuliano Terme
const MARIO_FACTS = { birthDate: '1985-12-10', sex: 'MALE', birthPlaceCode: 'A562' } as const;

/** Replaces the `level` rightmost digits with omocodia letters, as the Agenzia does. */
function omocode(code: string, level: number): string {
  const positions = [14, 13, 12, 10, 9, 7, 6].slice(0, level);
  const chars = code.slice(0, 15).split('');
  for (const i of positions) chars[i] = 'LMNPQRSTUV'[Number(chars[i])];
  const first15 = chars.join('');
  return first15 + fiscalCodeCheckCharacter(first15);
}

describe('fiscalCodeCheckCharacter', () => {
  it('follows the odd/even tables', () => {
    expect(fiscalCodeCheckCharacter('RSSMRA85T10A562')).toBe('S');
    expect(fiscalCodeCheckCharacter('BNCMRA90C65D612')).toBe('D');
    expect(fiscalCodeCheckCharacter('LMRYSF92L04Z330')).toBe('H');
    expect(fiscalCodeCheckCharacter('PTRJLN75E60Z118')).toBe('J');
    expect(fiscalCodeCheckCharacter('RSSMRA85T10A56N')).toBe('H');
  });

  it('rejects input that is not 15 letters or digits', () => {
    expect(() => fiscalCodeCheckCharacter('RSSMRA85T10A56')).toThrow(RangeError);
    expect(() => fiscalCodeCheckCharacter('RSSMRA85T10A56-')).toThrow(RangeError);
  });
});

describe('normaliseFiscalCode', () => {
  it('trims, removes spaces and upper-cases', () => {
    expect(normaliseFiscalCode('  rss mra 85t10 a562s ')).toBe(MARIO);
  });
});

describe('decodeFiscalCode', () => {
  it('reads a man', () => {
    expect(decodeFiscalCode(MARIO)).toEqual({
      year2: 85,
      month: 12,
      day: 10,
      sex: 'MALE',
      birthPlaceCode: 'A562',
      omocodia: false,
    });
  });

  it('reads a woman from day + 40', () => {
    expect(decodeFiscalCode('BNCMRA90C65D612D')).toEqual({
      year2: 90,
      month: 3,
      day: 25,
      sex: 'FEMALE',
      birthPlaceCode: 'D612',
      omocodia: false,
    });
  });

  it('maps every month letter', () => {
    const months = 'ABCDEHLMPRST'.split('').map((letter) => {
      const first15 = `RSSMRA85${letter}10A562`;
      return decodeFiscalCode(first15 + fiscalCodeCheckCharacter(first15))?.month;
    });
    expect(months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('returns null for malformed codes and impossible dates', () => {
    expect(decodeFiscalCode('RSSMRA85T10A562')).toBeNull();
    expect(decodeFiscalCode('RSSMRA85F10A562S')).toBeNull(); // F is not a month
    expect(decodeFiscalCode('RSSMRA85B31A562S')).toBeNull(); // 31 February
    expect(decodeFiscalCode('RSSMRA85T35A562S')).toBeNull(); // neither man nor woman
  });
});

describe('validateFiscalCode', () => {
  it('accepts a known valid code, with and without facts', () => {
    expect(validateFiscalCode(MARIO)).toEqual([]);
    expect(validateFiscalCode(MARIO, MARIO_FACTS)).toEqual([]);
    expect(validateFiscalCode(' rssmra85t10a562s ', MARIO_FACTS)).toEqual([]);
  });

  it('accepts a woman', () => {
    expect(
      validateFiscalCode('BNCMRA90C65D612D', { birthDate: '1990-03-25', sex: 'FEMALE', birthPlaceCode: 'D612' }),
    ).toEqual([]);
  });

  it('accepts every omocodia level and decodes the same facts', () => {
    // Worked by hand: level 1 turns the last digit 2 into N, and the check character S into H.
    expect(omocode(MARIO, 1)).toBe('RSSMRA85T10A56NH');
    for (let level = 1; level <= 7; level++) {
      const code = omocode(MARIO, level);
      expect(validateFiscalCode(code, MARIO_FACTS)).toEqual([]);
      expect(decodeFiscalCode(code)).toEqual({ ...decodeFiscalCode(MARIO), omocodia: true });
    }
    expect(omocode(MARIO, 7)).toMatch(/^RSSMRAUR[A-Z]ML[A-Z]RSN[A-Z]$/);
  });

  it('reports a wrong check character', () => {
    const problems = validateFiscalCode('RSSMRA85T10A562T');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/should be S, not T/);
  });

  it('reports a wrong length', () => {
    expect(validateFiscalCode('RSSMRA85T10A562')).toEqual([expect.stringMatching(/16 characters/)]);
    expect(validateFiscalCode('')).toEqual([expect.stringMatching(/16 characters/)]);
  });

  it('reports characters that do not fit their position', () => {
    expect(validateFiscalCode('RSSMRA8AT10A562S')).toEqual([expect.stringMatching(/^Character 8 .* digit/)]);
    expect(validateFiscalCode('R5SMRA85T10A562S')).toEqual([expect.stringMatching(/^Character 2 .* letter/)]);
    expect(validateFiscalCode('RSSMRA85T10A562-')).toEqual([expect.stringMatching(/^Character 16 .* letter/)]);
    // Omocodia letters are only allowed where a digit belongs, and only those ten letters.
    expect(validateFiscalCode('RSSMRA85T1KA562S')).toEqual([expect.stringMatching(/^Character 11 /)]);
  });

  it('reports an impossible month or day', () => {
    const withCheck = (first15: string) => first15 + fiscalCodeCheckCharacter(first15);
    expect(validateFiscalCode(withCheck('RSSMRA85B31A562'))).toEqual([
      expect.stringMatching(/31 February, which does not exist/),
    ]);
    expect(validateFiscalCode(withCheck('RSSMRA85B29A562'))).toEqual([
      expect.stringMatching(/29 February, which does not exist/),
    ]);
    expect(validateFiscalCode(withCheck('RSSMRA84B29A562'))).toEqual([]); // 1984 was a leap year
    expect(validateFiscalCode(withCheck('RSSMRA85D71A562'))).toEqual([
      expect.stringMatching(/31 April, which does not exist/),
    ]);
    expect(validateFiscalCode(withCheck('RSSMRA85F10A562'))).toEqual([expect.stringMatching(/"F" is not a month/)]);
    expect(validateFiscalCode(withCheck('RSSMRA85T35A562'))).toEqual([expect.stringMatching(/35 is neither/)]);
    expect(validateFiscalCode(withCheck('RSSMRA85T00A562'))).toEqual([expect.stringMatching(/00 is neither/)]);
  });

  it('reports each fact that does not match', () => {
    expect(validateFiscalCode(MARIO, { ...MARIO_FACTS, birthDate: '1985-12-11' })).toEqual([
      expect.stringMatching(/day 10, month 12, year ending in 85, but the birth date given is 1985-12-11/),
    ]);
    expect(validateFiscalCode(MARIO, { ...MARIO_FACTS, birthDate: '1995-12-10' })).toHaveLength(1);
    expect(validateFiscalCode(MARIO, { ...MARIO_FACTS, birthDate: '1985-11-10' })).toHaveLength(1);
    expect(validateFiscalCode(MARIO, { ...MARIO_FACTS, sex: 'FEMALE' })).toEqual([
      expect.stringMatching(/that of a man, but the sex given is FEMALE/),
    ]);
    expect(validateFiscalCode('BNCMRA90C65D612D', { sex: 'MALE' })).toEqual([
      expect.stringMatching(/that of a woman .* MALE/),
    ]);
    expect(validateFiscalCode(MARIO, { ...MARIO_FACTS, birthPlaceCode: 'D612' })).toEqual([
      "The fiscal code's birth place is A562 (SAN GIULIANO TERME, PI), but the birth place given is D612 (FIRENZE, FI).",
    ]);
    // The same century is assumed away: 2085 ends in 85 too.
    expect(validateFiscalCode(MARIO, { birthDate: '1985-12-10' })).toEqual([]);
  });

  it('reports a birth date fact that is not a date', () => {
    expect(validateFiscalCode(MARIO, { birthDate: '1985-02-30' })).toEqual([
      expect.stringMatching(/not a real date/),
    ]);
    expect(validateFiscalCode(MARIO, { birthDate: '10/12/1985' })).toEqual([expect.stringMatching(/not a real date/)]);
  });

  it('reports a birth place code that never existed', () => {
    const code = buildFiscalCode({
      familyName: 'Rossi',
      givenName: 'Mario',
      birthDate: '1985-12-10',
      sex: 'MALE',
      birthPlaceCode: 'Z999',
    });
    expect(validateFiscalCode(code)).toEqual([expect.stringMatching(/Z999 .* not the cadastral code of any/)]);
    expect(validateFiscalCode(code, { birthDate: '1985-12-10', birthPlaceCode: 'Z999' })).toHaveLength(1);
  });

  describe('birth place valid only for part of history', () => {
    const person = (birthDate: string, birthPlaceCode: string): FiscalCodePerson => ({
      familyName: 'Bianchi',
      givenName: 'Lucia',
      birthDate,
      sex: 'FEMALE',
      birthPlaceCode,
    });
    const check = (birthDate: string, place: string) =>
      validateFiscalCode(buildFiscalCode(person(birthDate, place)), { birthDate, sex: 'FEMALE', birthPlaceCode: place });

    it('ceased comune: Barberino Val d\'Elsa (A633), merged away after 2018-12-31', () => {
      expect(check('1980-04-02', 'A633')).toEqual([]);
      expect(check('2018-12-31', 'A633')).toEqual([]);
      expect(check('2019-06-01', 'A633')).toEqual([
        "Birth place code A633 (BARBERINO VAL D'ELSA, FI) was not in use on 2019-06-01 (in use 1893-01-02 to 2018-12-31), so nobody born that day can have it.",
      ]);
    });

    it('later-instituted comune: Ladispoli (M212), from 1970-05-27', () => {
      expect(check('1965-03-01', 'M212')).toEqual([expect.stringMatching(/M212 \(LADISPOLI, RM\) was not in use on 1965-03-01/)]);
      expect(check('1970-05-26', 'M212')).toHaveLength(1);
      expect(check('1970-05-27', 'M212')).toEqual([]);
      expect(check('1999-10-10', 'M212')).toEqual([]);
    });

    it('comune created in 2024 and missing from the ANPR snapshot: Uggiate con Ronago (M435)', () => {
      expect(check('2024-03-15', 'M435')).toEqual([]);
      expect(check('2020-03-15', 'M435')).toHaveLength(1);
    });
  });

  it('accepts foreign births with Z codes', () => {
    // El Amrani Youssef, born in Morocco: YOUSSEF has four consonants, so Y, S (third), F.
    expect(validateFiscalCode('LMRYSF92L04Z330H', { birthDate: '1992-07-04', sex: 'MALE', birthPlaceCode: 'Z330' })).toEqual([]);
    expect(
      buildFiscalCode({ familyName: 'El Amrani', givenName: 'Youssef', birthDate: '1992-07-04', sex: 'MALE', birthPlaceCode: 'Z330' }),
    ).toBe('LMRYSF92L04Z330H');
  });

  it('accepts a dissolved state before its deletion, and not after', () => {
    // Petrović Jelena, born in Yugoslavia (Z118, deleted 2003-02-04).
    expect(validateFiscalCode('PTRJLN75E60Z118J', { birthDate: '1975-05-20', sex: 'FEMALE', birthPlaceCode: 'Z118' })).toEqual([]);
    const late = buildFiscalCode({
      familyName: 'Petrović',
      givenName: 'Jelena',
      birthDate: '2005-05-20',
      sex: 'FEMALE',
      birthPlaceCode: 'Z118',
    });
    expect(validateFiscalCode(late, { birthDate: '2005-05-20' })).toEqual([
      expect.stringMatching(/Z118 \(Jugoslavia\) was not in use on 2005-05-20/),
    ]);
  });

  describe('provisional 11-digit codes', () => {
    it('accepts a correct check digit and ignores the facts', () => {
      // 1+3+5+7+0 = 16 in odd places; 2,4,6,0,1 doubled = 4+8+3+0+2 = 17; (10 - 33 % 10) % 10 = 7
      expect(validateFiscalCode('12345670017')).toEqual([]);
      expect(validateFiscalCode(' 12345670017 ', { birthDate: '1990-01-01', sex: 'FEMALE', birthPlaceCode: 'Z330' })).toEqual([]);
    });

    it('reports a wrong check digit', () => {
      expect(validateFiscalCode('12345670018')).toEqual([expect.stringMatching(/should be 7, not 8/)]);
    });

    it('does not decode personal data from them', () => {
      expect(decodeFiscalCode('12345670017')).toBeNull();
    });
  });
});

describe('buildFiscalCode', () => {
  const cases: Array<[FiscalCodePerson, string]> = [
    [{ familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', sex: 'MALE', birthPlaceCode: 'A562' }, MARIO],
    [{ familyName: 'Bianchi', givenName: 'Maria', birthDate: '1990-03-25', sex: 'FEMALE', birthPlaceCode: 'D612' }, 'BNCMRA90C65D612D'],
  ];

  it.each(cases)('builds the expected code for %o', (person, expected) => {
    expect(buildFiscalCode(person)).toBe(expected);
  });

  it('applies the name rules', () => {
    const prefix = (familyName: string, givenName: string) =>
      buildFiscalCode({ familyName, givenName, birthDate: '2000-01-01', sex: 'MALE', birthPlaceCode: 'D612' }).slice(0, 6);
    expect(prefix('Fo', 'Ugo')).toBe('FOXGUO'); // short names: consonants, vowels, then X
    expect(prefix('Li', 'Al')).toBe('LIXLAX');
    expect(prefix('Oe', 'Ia')).toBe('OEXIAX');
    expect(prefix("D'Angelo", 'Niccolò')).toBe('DNGNCL'); // apostrophe dropped; N C C L gives 1st, 3rd, 4th
    expect(prefix('De Luca', 'Maria Chiara')).toBe('DLCMCH'); // spaces ignored; M R C H R gives M, C, H
    expect(prefix('Nguyễn', 'Thị')).toBe('NGYTHI'); // accents stripped
    expect(prefix('Øster-Ærø', 'Łukasz')).toBe('STRLSZ'); // L K S Z: 1st, 3rd, 4th
    expect(prefix('Smith', 'John')).toBe('SMTJHN');
  });

  it('round-trips with validateFiscalCode', () => {
    const people: FiscalCodePerson[] = [
      { familyName: 'Fo', givenName: 'Ugo', birthDate: '1948-02-29', sex: 'MALE', birthPlaceCode: 'D612' },
      { familyName: "Dell'Acqua", givenName: 'Niccolò', birthDate: '1979-11-30', sex: 'MALE', birthPlaceCode: 'G752' },
      { familyName: 'Cortés Peña', givenName: 'José Ángel', birthDate: '1995-07-31', sex: 'MALE', birthPlaceCode: 'Z131' },
      { familyName: 'Nowak', givenName: 'Zofia', birthDate: '2001-01-01', sex: 'FEMALE', birthPlaceCode: 'Z127' },
      { familyName: 'Diallo', givenName: 'Aïssatou', birthDate: '2003-09-09', sex: 'FEMALE', birthPlaceCode: 'Z343' },
      { familyName: 'Ahmed', givenName: 'Mohammed Ali', birthDate: '1988-04-15', sex: 'MALE', birthPlaceCode: 'Z336' },
      { familyName: 'Xu', givenName: 'Yi', birthDate: '1999-12-31', sex: 'FEMALE', birthPlaceCode: 'Z210' },
    ];
    for (const person of people) {
      const code = buildFiscalCode(person);
      expect(code).toHaveLength(16);
      expect([code, validateFiscalCode(code, person)]).toEqual([code, []]);
      const decoded = decodeFiscalCode(code);
      expect(decoded?.sex).toBe(person.sex);
      expect(decoded?.birthPlaceCode).toBe(person.birthPlaceCode);
    }
  });

  it('refuses what it cannot encode', () => {
    const base: FiscalCodePerson = { familyName: 'Rossi', givenName: 'Mario', birthDate: '1985-12-10', sex: 'MALE', birthPlaceCode: 'A562' };
    expect(() => buildFiscalCode({ ...base, familyName: "'" })).toThrow(/family name/);
    expect(() => buildFiscalCode({ ...base, givenName: 'Иван' })).toThrow(/given name/);
    expect(() => buildFiscalCode({ ...base, birthDate: '1985-02-30' })).toThrow(/Birth date/);
    expect(() => buildFiscalCode({ ...base, birthPlaceCode: 'Firenze' })).toThrow(/Birth place code/);
  });
});
