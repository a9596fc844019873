import { NO_DAY, Records } from '@intreccio/shared';
import { median, tallyFunnel, withholdFunnel, type StageTally } from '../src/funnel/funnel.compute';

/** Person `n`'s id: ids sort as their numbers do. */
const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Records as the SQL writes them, sorted by person id and then by first day. */
function records(width: number, rows: [number, ...(number | null)[]][]): Records {
  const sorted = [...rows].sort((a, b) => a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0));
  return new Records(Buffer.concat(sorted.map(([n, ...values]) => {
    const b = Buffer.alloc(16 + 4 * width);
    Buffer.from(person(n).replace(/-/g, ''), 'hex').copy(b);
    values.forEach((v, i) => b.writeInt32BE(v ?? NO_DAY, 16 + 4 * i));
    return b;
  })), width);
}

interface Pathway {
  inCharge: number;
  evaluated?: number;
  signed?: number;
  trained?: number[];
  internships?: number[];
  hires?: [number, number | null, number | null][];
}

function funnelOf(people: Pathway[], isMember: (i: number) => boolean = () => true) {
  const own = records(4, people.map((p, i) => [i + 1, p.inCharge, 0, p.evaluated ?? null, p.signed ?? null]));
  return tallyFunnel({
    own, ownDays: { inCharge: 0, evaluated: 2, signed: 3 }, isMember,
    training: records(1, people.flatMap((p, i) => (p.trained ?? []).map((d): [number, number] => [i + 1, d]))),
    internships: records(1, people.flatMap((p, i) => (p.internships ?? []).map((d): [number, number] => [i + 1, d]))),
    hires: records(3, people.flatMap((p, i) => (p.hires ?? []).map(([s, six, twelve]): [number, number, number | null, number | null] => [i + 1, s, six, twelve]))),
  });
}

const counts = (tallies: StageTally[]) => tallies.map((t) => t.people);

describe('the outcome funnel, person by person', () => {
  const whole: Pathway = { inCharge: 0, evaluated: 10, signed: 20, trained: [50], internships: [60], hires: [[200, 380, 565]] };

  it('follows a whole pathway through every stage, with the days between stages', () => {
    const tallies = funnelOf([whole]);
    expect(counts(tallies)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(tallies.map((t) => t.gaps)).toEqual([[], [10], [10], [30], [10], [140], [180], [185]]);
  });

  it('counts a person at a stage only after every earlier one: a hire without an internship is not HIRED', () => {
    const tallies = funnelOf([
      { ...whole, internships: [] },
      { ...whole, trained: [] },
      { ...whole, evaluated: undefined },
    ]);
    expect(counts(tallies)).toEqual([3, 2, 2, 1, 0, 0, 0, 0]);
  });

  it('takes the first record on or after the previous stage, not one before it', () => {
    // A course finished before the plan was signed does not count; the one after does.
    const tallies = funnelOf([{ ...whole, trained: [5, 40, 45], internships: [30, 41], hires: [[41, null, null], [100, 280, null]] }]);
    expect(tallies.find((t) => t.stage === 'TRAINED')!.gaps).toEqual([20]);
    expect(tallies.find((t) => t.stage === 'INTERNSHIP')!.gaps).toEqual([1]);
    // The hire on the internship's first day counts, and its follow-ups (none) decide the later stages.
    expect(tallies.find((t) => t.stage === 'HIRED')!.gaps).toEqual([0]);
    expect(counts(tallies).slice(5)).toEqual([1, 0, 0]);
  });

  it('needs the 6-month follow-up for the 12-month stage', () => {
    expect(counts(funnelOf([{ ...whole, hires: [[200, null, 565]] }])).slice(5)).toEqual([1, 0, 0]);
  });

  it('counts only the funnel’s members, and partners’ records of other people not at all', () => {
    const tallies = funnelOf([whole, whole, whole], (i) => i !== 1);
    expect(counts(tallies)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('takes the median of the days, halves included', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([10, 1, 4])).toBe(4);
    expect(median([1, 2, 3, 100])).toBe(2.5);
  });
});

describe('small counts in the funnel', () => {
  const tally = (people: number[]): StageTally[] =>
    (['IN_CHARGE', 'EVALUATED', 'PLAN_SIGNED', 'TRAINED', 'INTERNSHIP', 'HIRED', 'EMPLOYED_6_MONTHS', 'EMPLOYED_12_MONTHS'] as const).map((stage, i) => ({
      stage, people: people[i]!, gaps: i === 0 ? [] : Array.from({ length: people[i]! }, (_v, j) => j + 1),
    }));

  it('discloses counts of 5 and more, and their medians', () => {
    const out = withholdFunnel(tally([100, 90, 80, 70, 60, 50, 40, 30]));
    expect(out.suppressed).toEqual([]);
    expect(out.stages[0]).toEqual({ stage: 'IN_CHARGE', people: 100, medianDaysFromPrevious: null });
    expect(out.stages[7]).toEqual({ stage: 'EMPLOYED_12_MONTHS', people: 30, medianDaysFromPrevious: 15.5 });
  });

  it('withholds a count below 5 and the median over it, and names both', () => {
    const out = withholdFunnel(tally([100, 90, 80, 70, 60, 50, 40, 3]));
    expect(out.stages[7]).toEqual({ stage: 'EMPLOYED_12_MONTHS', people: null, medianDaysFromPrevious: null });
    expect(out.suppressed.sort()).toEqual(['EMPLOYED_12_MONTHS.medianDaysFromPrevious', 'EMPLOYED_12_MONTHS.people']);
  });

  it('withholds a stage within 5 of the stage before it, or the difference would give the small count away', () => {
    const out = withholdFunnel(tally([100, 98, 80, 70, 60, 50, 40, 30]));
    expect(out.stages[1]!.people).toBeNull();
    expect(out.suppressed).toContain('EVALUATED.people');
    // Its median stays: it counts 98 people.
    expect(out.stages[1]!.medianDaysFromPrevious).toBe(49.5);
    // The stage after is not within 5 of the disclosed one before the withheld stage.
    expect(out.stages[2]!.people).toBe(80);
  });

  it('withholds every stage of a cohort below 5', () => {
    const out = withholdFunnel(tally([4, 4, 3, 2, 1, 0, 0, 0]));
    expect(out.stages.every((s) => s.people === null && s.medianDaysFromPrevious === null)).toBe(true);
    expect(out.suppressed).toEqual(expect.arrayContaining(['IN_CHARGE.people', 'HIRED.people', 'EVALUATED.medianDaysFromPrevious']));
    // A median over nobody is not a figure withheld: there is none.
    expect(out.suppressed).not.toContain('HIRED.medianDaysFromPrevious');
  });
});
