/** Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone moves a day. */

export { addDays, addMonths } from '@intreccio/shared';

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** First and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { first: string; last: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  return { first: `${month}-01`, last: format(new Date(Date.UTC(y, m + 1, 0))) };
}
