// Numbers as a reader expects them: thousands separators, euro from cents, days, ratios; and
// figures the graph withheld said as withheld, never as 0.

export const WITHHELD = 'withheld (fewer than 5)';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const euroRound = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const ratio = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export const formatInteger = (n) => integer.format(n);
export const formatEuroCents = (cents) => euro.format(cents / 100);
/** Axis ticks: whole euros. */
export const formatEuroAxis = (euros) => euroRound.format(euros);
export const formatDays = (days) => `${decimal.format(days)} ${days === 1 ? 'day' : 'days'}`;
export const formatHours = (hours) => `${integer.format(hours)} h`;
export const formatRatio = (r) => ratio.format(r);
export const formatDateTime = (d) => dateTime.format(d);
/** A `LocalDate` (YYYY-MM-DD) as "1 Jan 2024". */
export const formatLocalDate = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso ?? '') ? day.format(new Date(`${iso}T00:00:00Z`)) : iso);

const FORMATS = { count: formatInteger, cents: formatEuroCents, days: formatDays, hours: formatHours, ratio: formatRatio };

/**
 * One figure for display: its formatted value, or `withheld (fewer than 5)` when the graph listed it
 * in `suppressed`, or "no data yet" when it is null for another reason.
 */
export function figureText(value, kind, withheld) {
  if (withheld) return WITHHELD;
  if (value === null || value === undefined) return 'no data yet';
  return (FORMATS[kind] ?? formatInteger)(value);
}

/** "INTERNSHIP_PLANNED" or "stillEmployedAt6Months" → readable words, for names the dashboard has no label for. */
export function humanise(name) {
  const words = name.includes('_') ? name.toLowerCase().split('_') : name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase().split(' ');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text for innerText-free contexts (chart tooltips): no markup from the data survives. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Replaces an element's children with `children`: arrays are flattened, null and false left out. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** Builds an element with attributes and children; strings become text nodes. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
