import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Municipality {
  /** ISTAT code, six digits, e.g. "048017". */
  istatCode: string;
  /** Belfiore code, e.g. "D612". */
  cadastralCode: string;
  name: string;
  /** Province abbreviation (sigla), e.g. "FI". */
  province: string;
  region: string;
  lat: number;
  lng: number;
  population: number;
}

export interface BirthPlace {
  code: string;
  name: string;
  /** Province abbreviation in force for this row; "EE" for foreign states. */
  province: string;
  foreign: boolean;
  /** First day of validity, YYYY-MM-DD; "" when the source does not record it. */
  validFrom: string;
  /** Last day of validity (inclusive), or null while still in use. */
  validTo: string | null;
}

export interface AtecoCode {
  code: string;
  title: string;
  /** 1 = sezione … 6 = sottocategoria. */
  level: number;
  edition: '2025' | '2007';
}

type BirthPlaceRow = [name: string, province: string, validFrom: string, validTo: string | null];
type AtecoRow = [title: string, level: number];
interface AtecoFile {
  '2025': Record<string, AtecoRow>;
  '2007': Record<string, AtecoRow>;
}

// Resolving through the package name finds the data next to package.json both
// in the workspace (dist/ sits one level deeper than in src/) and when installed.
export function readReference<T>(file: string): T {
  const root = path.dirname(require.resolve('@intreccio/shared/package.json'));
  return JSON.parse(readFileSync(path.join(root, 'reference', file), 'utf8')) as T;
}

let municipalities: readonly Municipality[] | undefined;
let municipalitiesByCode: Map<string, Municipality> | undefined;
let birthPlaceRows: Record<string, BirthPlaceRow[]> | undefined;
const birthPlaceCache = new Map<string, readonly BirthPlace[]>();
let ateco: AtecoFile | undefined;

function loadMunicipalities(): Map<string, Municipality> {
  if (!municipalitiesByCode) {
    const list = readReference<Municipality[]>('municipalities.json').map((m) => Object.freeze(m));
    municipalities = Object.freeze(list);
    municipalitiesByCode = new Map(list.map((m) => [m.cadastralCode, m]));
  }
  return municipalitiesByCode;
}

export function municipalityByCadastralCode(code: string): Municipality | undefined {
  return loadMunicipalities().get(code.trim().toUpperCase());
}

export function allMunicipalities(): readonly Municipality[] {
  loadMunicipalities();
  return municipalities as readonly Municipality[];
}

/** Every historical row for a Belfiore code, oldest first; empty when the code never existed. */
export function birthPlaces(code: string): readonly BirthPlace[] {
  const key = code.trim().toUpperCase();
  const cached = birthPlaceCache.get(key);
  if (cached) return cached;
  birthPlaceRows ??= readReference<Record<string, BirthPlaceRow[]>>('birthplaces.json');
  const rows = Object.prototype.hasOwnProperty.call(birthPlaceRows, key) ? birthPlaceRows[key] : [];
  const result = Object.freeze(
    rows.map(([name, province, validFrom, validTo]) =>
      Object.freeze({ code: key, name, province, foreign: province === 'EE', validFrom, validTo }),
    ),
  );
  birthPlaceCache.set(key, result);
  return result;
}

// The foreign-state table uses 1900-01-01 as "since before records began"
// rather than a real founding date, so it must not reject older people.
const FOREIGN_PLACEHOLDER_START = '1900-01-01';

function startsBy(place: BirthPlace, isoDate: string): boolean {
  if (place.foreign && (place.validFrom === '' || place.validFrom === FOREIGN_PLACEHOLDER_START)) return true;
  return place.validFrom !== '' && place.validFrom <= isoDate;
}

/** The row of a Belfiore code in force on a date (YYYY-MM-DD), if any. */
export function birthPlaceOn(code: string, isoDate: string): BirthPlace | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return undefined;
  return birthPlaces(code).find((p) => startsBy(p, isoDate) && (p.validTo === null || isoDate <= p.validTo));
}

const EARTH_MEAN_RADIUS_KM = 6371.0088;

/** Great-circle distance; road distance is typically 10–30% longer. */
export function distanceKm(a: Pick<Municipality, 'lat' | 'lng'>, b: Pick<Municipality, 'lat' | 'lng'>): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * ATECO 2025 is in force since April 2025, but organisations registered
 * earlier still declare 2007 codes, so those remain resolvable.
 */
export function atecoCode(code: string): AtecoCode | undefined {
  ateco ??= readReference<AtecoFile>('ateco.json');
  const key = code.trim().toUpperCase();
  for (const edition of ['2025', '2007'] as const) {
    const table = ateco[edition];
    if (Object.prototype.hasOwnProperty.call(table, key)) {
      const [title, level] = table[key];
      return { code: key, title, level, edition };
    }
  }
  return undefined;
}
