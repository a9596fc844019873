/** Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone moves a day. */

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y, m, d + days)));
}

/** Same day n months later, or the month's last day when it is shorter (31 January + 1 month → 28/29 February). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const last = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m + months, Math.min(d, last))));
}

/** First and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { first: string; last: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  return { first: `${month}-01`, last: format(new Date(Date.UTC(y, m + 1, 0))) };
}
