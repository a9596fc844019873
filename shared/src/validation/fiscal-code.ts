import { birthPlaceOn, birthPlaces, type BirthPlace } from '../reference/places';
import { partitaIvaCheckDigit } from './vat-number';

export type Sex = 'FEMALE' | 'MALE';

export interface DecodedFiscalCode {
  /** Last two digits of the birth year: the code does not say which century. */
  year2: number;
  month: number;
  day: number;
  sex: Sex;
  /** Belfiore code with any omocodia letters turned back into digits. */
  birthPlaceCode: string;
  /** True when the Agenzia delle Entrate replaced digits to tell apart two identical codes. */
  omocodia: boolean;
}

export interface FiscalCodeFacts {
  /** YYYY-MM-DD */
  birthDate?: string;
  sex?: Sex;
  birthPlaceCode?: string;
}

export interface FiscalCodePerson {
  familyName: string;
  givenName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  birthPlaceCode: string;
}

const MONTH_LETTERS = 'ABCDEHLMPRST';
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
// Letter k stands for digit k when omocodia applies.
const OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 0-based indexes of the characters that are digits in a code without omocodia. */
const DIGIT_POSITIONS: ReadonlySet<number> = new Set([6, 7, 9, 10, 12, 13, 14]);
const FEMALE_DAY_OFFSET = 40;

// Values of characters in odd (1-based) positions, indexed A..Z; digits 0..9
// take the values of A..J. Even positions simply count 0..25 (digits 0..9).
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const FULL_PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const PROVISIONAL_PATTERN = /^\d{11}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function normaliseFiscalCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

function characterIndex(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/** The 16th character for the given first 15. */
export function fiscalCodeCheckCharacter(first15: string): string {
  const chars = first15.toUpperCase();
  if (!/^[A-Z0-9]{15}$/.test(chars)) {
    throw new RangeError(`Expected 15 letters or digits, got ${JSON.stringify(first15)}`);
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = characterIndex(chars[i]);
    // i is 0-based, so even i is an odd position in the official description.
    sum += i % 2 === 0 ? ODD_VALUES[index] : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function omocodiaToDigits(s: string): string {
  return s.replace(/[LMNPQRSTUV]/g, (letter) => String(OMOCODIA_LETTERS.indexOf(letter)));
}

function daysInMonth(month: number, year2: number): number {
  if (month === 2) {
    // Years ending in 00 count as leap: 2000 was, and nobody alive was born in 1900.
    return year2 % 4 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface RawFields {
  year2: number;
  monthLetter: string;
  dayNumber: number;
  birthPlaceCode: string;
  omocodia: boolean;
}

/** Assumes FULL_PATTERN matched. */
function readFields(code: string): RawFields {
  return {
    year2: Number(omocodiaToDigits(code.slice(6, 8))),
    monthLetter: code[8],
    dayNumber: Number(omocodiaToDigits(code.slice(9, 11))),
    birthPlaceCode: code[11] + omocodiaToDigits(code.slice(12, 15)),
    omocodia: [...DIGIT_POSITIONS].some((i) => OMOCODIA_LETTERS.includes(code[i])),
  };
}

/**
 * Reads birth date, sex and place out of a code. Returns null when the code is
 * not shaped like a fiscal code or encodes an impossible date. The check
 * character is not verified here; use validateFiscalCode for that.
 */
export function decodeFiscalCode(code: string): DecodedFiscalCode | null {
  const value = normaliseFiscalCode(code);
  if (!FULL_PATTERN.test(value)) return null;
  const raw = readFields(value);
  const month = MONTH_LETTERS.indexOf(raw.monthLetter) + 1;
  if (month === 0) return null;
  const female = raw.dayNumber > FEMALE_DAY_OFFSET;
  const day = female ? raw.dayNumber - FEMALE_DAY_OFFSET : raw.dayNumber;
  if (day < 1 || day > daysInMonth(month, raw.year2)) return null;
  return {
    year2: raw.year2,
    month,
    day,
    sex: female ? 'FEMALE' : 'MALE',
    birthPlaceCode: raw.birthPlaceCode,
    omocodia: raw.omocodia,
  };
}

function describePlace(code: string, place?: BirthPlace): string {
  const rows = birthPlaces(code);
  const shown = place ?? rows[rows.length - 1];
  if (!shown) return code;
  return shown.foreign ? `${code} (${shown.name})` : `${code} (${shown.name}, ${shown.province})`;
}

function describeValidity(rows: readonly BirthPlace[]): string {
  return rows.map((r) => `${r.validFrom || 'unknown'} to ${r.validTo ?? 'today'}`).join(', ');
}

function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function patternProblems(code: string): string[] {
  const problems: string[] = [];
  for (let i = 0; i < 16; i++) {
    const ch = code[i];
    if (DIGIT_POSITIONS.has(i)) {
      if (!/[0-9]/.test(ch) && !OMOCODIA_LETTERS.includes(ch)) {
        problems.push(
          `Character ${i + 1} of a fiscal code must be a digit (or one of the letters L M N P Q R S T U V that replace digits in omocodia codes), not "${ch}".`,
        );
      }
    } else if (!/[A-Z]/.test(ch)) {
      problems.push(`Character ${i + 1} of a fiscal code must be a letter, not "${ch}".`);
    }
  }
  return problems;
}

function validateProvisional(value: string): string[] {
  const expected = partitaIvaCheckDigit(value.slice(0, 10));
  if (Number(value[10]) === expected) return [];
  return [`The last digit of the provisional fiscal code ${value} should be ${expected}, not ${value[10]}: the code is mistyped.`];
}

/**
 * Problems with a codice fiscale, in English; empty when valid. The code is
 * normalised first, so lower case and spaces are accepted. An 11-digit code is
 * a provisional (numeric) fiscal code, which encodes no personal data, so the
 * facts are not compared with it.
 */
export function validateFiscalCode(code: string, facts: FiscalCodeFacts = {}): string[] {
  const value = normaliseFiscalCode(code);
  if (PROVISIONAL_PATTERN.test(value)) return validateProvisional(value);
  if (value.length !== 16) {
    return [
      `A fiscal code has 16 characters (or 11 digits for a provisional one); "${value}" has ${value.length}.`,
    ];
  }
  const shapeProblems = patternProblems(value);
  if (shapeProblems.length > 0) return shapeProblems;

  const problems: string[] = [];
  const expectedCheck = fiscalCodeCheckCharacter(value.slice(0, 15));
  if (value[15] !== expectedCheck) {
    problems.push(
      `The last character of fiscal code ${value} should be ${expectedCheck}, not ${value[15]}: the code is mistyped or made up.`,
    );
  }

  const raw = readFields(value);
  const month = MONTH_LETTERS.indexOf(raw.monthLetter) + 1;
  const female = raw.dayNumber > FEMALE_DAY_OFFSET;
  const day = female ? raw.dayNumber - FEMALE_DAY_OFFSET : raw.dayNumber;
  const sex: Sex = female ? 'FEMALE' : 'MALE';
  if (month === 0) {
    problems.push(
      `Character 9 of a fiscal code is the birth month, one of ${MONTH_LETTERS.split('').join(' ')}; "${raw.monthLetter}" is not a month.`,
    );
  }
  if (day < 1 || day > 31) {
    problems.push(
      `Characters 10–11 of a fiscal code are the day of birth (01–31 for men, 41–71 for women); ${two(raw.dayNumber)} is neither.`,
    );
  } else if (month !== 0 && day > daysInMonth(month, raw.year2)) {
    problems.push(`The fiscal code gives a birth date of ${day} ${MONTH_NAMES[month - 1]}, which does not exist.`);
  }

  const placeRows = birthPlaces(raw.birthPlaceCode);
  if (placeRows.length === 0) {
    problems.push(
      `Birth place code ${raw.birthPlaceCode} in the fiscal code is not the cadastral code of any Italian municipality or foreign state, past or present.`,
    );
  }

  const birthDate = facts.birthDate === undefined ? undefined : parseIsoDate(facts.birthDate);
  if (facts.birthDate !== undefined) {
    if (!birthDate) {
      problems.push(`The birth date given (${facts.birthDate}) is not a real date in the form YYYY-MM-DD.`);
    } else if (birthDate.year % 100 !== raw.year2 || birthDate.month !== month || birthDate.day !== day) {
      const encoded = month === 0 ? 'an invalid date' : `day ${day}, month ${month}, year ending in ${two(raw.year2)}`;
      problems.push(`The fiscal code encodes ${encoded}, but the birth date given is ${facts.birthDate}.`);
    }
  }

  if (facts.sex !== undefined && facts.sex !== sex) {
    problems.push(
      `The fiscal code is that of a ${female ? 'woman (day of birth plus 40)' : 'man'}, but the sex given is ${facts.sex}.`,
    );
  }

  if (facts.birthPlaceCode !== undefined) {
    const given = facts.birthPlaceCode.trim().toUpperCase();
    if (given !== raw.birthPlaceCode) {
      problems.push(
        `The fiscal code's birth place is ${describePlace(raw.birthPlaceCode)}, but the birth place given is ${describePlace(given)}.`,
      );
    }
  }

  // Only a full birth date says whether the code was in use: comuni are merged,
  // renamed and created, and states dissolve.
  if (placeRows.length > 0 && birthDate) {
    const iso = `${birthDate.year}-${two(birthDate.month)}-${two(birthDate.day)}`;
    if (!birthPlaceOn(raw.birthPlaceCode, iso)) {
      problems.push(
        `Birth place code ${describePlace(raw.birthPlaceCode)} was not in use on ${iso} (in use ${describeValidity(placeRows)}), so nobody born that day can have it.`,
      );
    }
  }

  return problems;
}

const SPECIAL_LETTERS: Record<string, string> = {
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Ł: 'L',
  Đ: 'D',
  Ð: 'D',
  Þ: 'TH',
};

/** Letters A–Z only: accents stripped, apostrophes, spaces and hyphens dropped. */
function latinLetters(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[ÆŒØŁĐÐÞ]/g, (ch) => SPECIAL_LETTERS[ch])
    .replace(/[^A-Z]/g, '');
}

function splitLetters(letters: string): { consonants: string; vowels: string } {
  return {
    consonants: letters.replace(/[AEIOU]/g, ''),
    vowels: letters.replace(/[^AEIOU]/g, ''),
  };
}

function familyNamePart(familyName: string): string {
  const { consonants, vowels } = splitLetters(latinLetters(familyName));
  return (consonants + vowels + 'XXX').slice(0, 3);
}

function givenNamePart(givenName: string): string {
  const { consonants, vowels } = splitLetters(latinLetters(givenName));
  // Unlike the family name, a given name with four or more consonants skips the second one.
  if (consonants.length >= 4) return consonants[0] + consonants[2] + consonants[3];
  return (consonants + vowels + 'XXX').slice(0, 3);
}

/**
 * The code the standard procedure gives a person. The real one may differ
 * (omocodia, or a transliteration chosen by the registry office), so this is
 * for generated data and suggestions, never for overriding a declared code.
 */
export function buildFiscalCode(person: FiscalCodePerson): string {
  for (const [label, value] of [
    ['family name', person.familyName],
    ['given name', person.givenName],
  ] as const) {
    if (latinLetters(value) === '') {
      throw new RangeError(`The ${label} ${JSON.stringify(value)} has no Latin letters to build a fiscal code from`);
    }
  }
  const date = parseIsoDate(person.birthDate);
  if (!date) throw new RangeError(`Birth date ${JSON.stringify(person.birthDate)} is not a real YYYY-MM-DD date`);
  const place = person.birthPlaceCode.trim().toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(place)) {
    throw new RangeError(`Birth place code ${JSON.stringify(person.birthPlaceCode)} is not a cadastral code like A562`);
  }
  const day = person.sex === 'FEMALE' ? date.day + FEMALE_DAY_OFFSET : date.day;
  const first15 =
    familyNamePart(person.familyName) +
    givenNamePart(person.givenName) +
    two(date.year % 100) +
    MONTH_LETTERS[date.month - 1] +
    two(day) +
    place;
  return first15 + fiscalCodeCheckCharacter(first15);
}
