/**
 * Aggregates about people withhold small counts: a figure of 3 hires in a small programme can point at
 * the three people. Any count below this is returned as null and named in `suppressed`, and so is any
 * figure built from such a count (a median over three referrals, the allowances of four interns).
 */
export const MIN_DISCLOSED_COUNT = 5;

/** For the description of a figure that may be withheld. */
export const WITHHELD_NOTE = 'Null when below 5 (see `suppressed`).';

export function isDisclosable(count: number): boolean {
  return count >= MIN_DISCLOSED_COUNT;
}

export interface Derived {
  value: number | null;
  /** The counts of people or records the figure is computed from. */
  from: readonly number[];
}

export type Withheld<K extends string> = Record<K, number | null> & { suppressed: string[] };

/** How the counts of one set relate, so that no subtraction gives a withheld count away. */
export interface CountRelations<C extends string> {
  /**
   * A count and one counting a part of the same people (the hired, and those still employed at six
   * months); chains are followed (still employed at twelve months is a part of the hired too).
   */
  nested?: readonly (readonly [C, C])[];
  /** A count and the counts its people are split into (an internship's statuses). */
  partitions?: readonly (readonly [C, readonly string[]])[];
  /** Parts of a partition that are not figures of their own (those enrolled and not yet attending): always withheld. */
  unshown?: Readonly<Record<string, number>>;
}

/**
 * Applies the rule to one set of figures: `counts` are counts of people or records, `derived` figures
 * built from counts. Then complementary suppression, as `relations` describe the counts: a part that
 * differs from a disclosed whole by fewer than five is withheld too, and so are further parts of a
 * disclosed whole until the withheld parts together count at least five (or nothing); otherwise
 * subtracting would give the small count away.
 */
export function withholdSmallCounts<C extends string, D extends string = never>(
  counts: Record<C, number>,
  derived: Record<D, Derived> = {} as Record<D, Derived>,
  relations: CountRelations<NoInfer<C>> = {},
): Withheld<C | D> {
  const out: Record<string, number | null> = {};
  const suppressed: string[] = [];
  const raw = counts as Record<string, number>;
  const withhold = (name: string) => {
    if (out[name] === null) return;
    out[name] = null;
    suppressed.push(name);
  };
  for (const [name, n] of Object.entries(raw)) {
    out[name] = n;
    if (!isDisclosable(n)) withhold(name);
  }
  const pairs = nestedClosure([
    ...(relations.nested ?? []),
    ...(relations.partitions ?? []).flatMap(([whole, parts]) => parts.filter((p) => p in raw).map((p) => [whole, p] as const)),
  ]);
  // Withholding one count may expose another difference: repeat until nothing changes.
  for (let changed = true; changed;) {
    const before = suppressed.length;
    for (const [whole, part] of pairs) {
      const gap = raw[whole]! - raw[part]!;
      if (out[whole] != null && out[part] != null && gap > 0 && !isDisclosable(gap)) withhold(part);
    }
    for (const [whole, parts] of relations.partitions ?? []) {
      if (out[whole] == null) continue;
      // The disclosed whole minus the disclosed parts is the sum of the withheld ones.
      const value = (p: string) => raw[p] ?? relations.unshown?.[p] ?? 0;
      const hidden = () => parts.filter((p) => out[p] == null).reduce((sum, p) => sum + value(p), 0);
      while (hidden() > 0 && !isDisclosable(hidden())) {
        const next = parts.filter((p) => out[p] != null).sort((a, b) => value(a) - value(b))[0];
        withhold(next ?? whole);
        if (!next) break;
      }
    }
    changed = suppressed.length !== before;
  }
  for (const [name, d] of Object.entries(derived) as [string, Derived][]) {
    if (d.value !== null && d.from.every(isDisclosable)) out[name] = d.value;
    else {
      out[name] = null;
      if (d.value !== null) suppressed.push(name);
    }
  }
  return Object.assign(out, { suppressed }) as Withheld<C | D>;
}

/** Every whole with every part of it, following chains (a part of a part is a part). */
function nestedClosure(pairs: readonly (readonly [string, string])[]): [string, string][] {
  const parts = new Map<string, Set<string>>();
  for (const [whole, part] of pairs) {
    if (!parts.has(whole)) parts.set(whole, new Set());
    parts.get(whole)!.add(part);
  }
  const all = new Set<string>();
  const reach = (whole: string, from: string, seen: Set<string>) => {
    for (const part of parts.get(from) ?? []) {
      if (seen.has(part)) continue;
      seen.add(part);
      all.add(`${whole}\u0000${part}`);
      reach(whole, part, seen);
    }
  };
  for (const whole of parts.keys()) reach(whole, whole, new Set([whole]));
  return [...all].map((key) => key.split('\u0000') as [string, string]);
}
