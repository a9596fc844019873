const MS_PER_DAY = 86_400_000;

/**
 * Seeded data is dated against this fixed "today" rather than the clock, so the same seed gives
 * the same rows whenever it runs.
 */
export const REFERENCE_DATE = '2026-10-31';

/** Days since 1970-01-01 (UTC) for a YYYY-MM-DD date. */
export function dayNumber(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / MS_PER_DAY;
}

// Seeding formats millions of dates over a few thousand distinct days.
const isoDates = new Map<number, string>();

export function isoDate(day: number): string {
  let text = isoDates.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An instant given as minutes since the epoch, as an ISO timestamp in UTC. */
export function isoInstant(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const minute = minutes - day * 1440;
  return `${isoDate(day)}T${two(Math.floor(minute / 60))}:${two(minute % 60)}:00.000Z`;
}

export function addYears(day: number, years: number): number {
  const date = new Date(day * MS_PER_DAY);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** Offices are closed at weekends: Saturday moves back to Friday, Sunday forward to Monday. */
export function workday(day: number): number {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (weekday === 6) return day - 1;
  if (weekday === 0) return day + 1;
  return day;
}

export const REFERENCE_DAY = dayNumber(REFERENCE_DATE);
