import { FUNNEL_STAGES, withholdSmallCounts, type Derived, type FunnelStageName, type Records } from '@intreccio/shared';

/**
 * The funnel from each partner's milestones, person by person. A person counts at a stage only once
 * they reached every earlier one, and on a day not before the previous stage: the stage's day is the
 * first qualifying record on or after it. So every stage is a subset of the one before (a person
 * hired without an internship is not among the HIRED here; `employmentKpis.hires` counts every hire),
 * and every gap is a number of days from 0 up.
 *
 * Every list is sorted by person id (and then by day), so the lists are merged in one pass.
 */

export interface FunnelMilestones {
  /** Social services': per member, the day taken in charge, evaluated (or null), plan signed (or null), at these positions. */
  own: Records;
  ownDays: { inCharge: number; evaluated: number; signed: number };
  /** Which of `own` are the funnel's members. */
  isMember: (i: number) => boolean;
  /** Training bodies': a completed course's or a certificate's day, one record each. */
  training: Records;
  /** Company network's: an internship's start, one record each. */
  internships: Records;
  /** Employment centre's: a hire's start, its 6- and 12-month follow-ups finding the person employed (or null), one record each. */
  hires: Records;
}

export interface StageTally {
  stage: FunnelStageName;
  people: number;
  /** Days from the previous stage, one per person who reached this one (none for the first stage). */
  gaps: number[];
}

/** Walks a partner's list alongside the members: the records of one person, each time asked. */
class Cursor {
  private at = 0;

  constructor(private readonly list: Records) {}

  /** The range of records about member `i` of `own` (empty when none); members must come in id order. */
  seek(own: Records, i: number): [number, number] {
    while (this.at < this.list.count && own.compareId(i, this.list, this.at) > 0) this.at++;
    let end = this.at;
    while (end < this.list.count && own.compareId(i, this.list, end) === 0) end++;
    return [this.at, end];
  }

  /** The first record of the range whose first number is on or after `day`. */
  firstFrom([from, to]: [number, number], day: number): number | null {
    for (let r = from; r < to; r++) {
      const v = this.list.value(r, 0);
      if (v != null && v >= day) return r;
    }
    return null;
  }
}

export function tallyFunnel(m: FunnelMilestones): StageTally[] {
  const training = new Cursor(m.training);
  const internships = new Cursor(m.internships);
  const hires = new Cursor(m.hires);
  const tallies = FUNNEL_STAGES.map((stage): StageTally => ({ stage, people: 0, gaps: [] }));
  const days: (number | null)[] = new Array(FUNNEL_STAGES.length);
  for (let i = 0; i < m.own.count; i++) {
    if (!m.isMember(i)) continue;
    days.fill(null);
    days[0] = m.own.value(i, m.ownDays.inCharge);
    days[1] = m.own.value(i, m.ownDays.evaluated);
    days[2] = m.own.value(i, m.ownDays.signed);
    const trainedRange = training.seek(m.own, i);
    const internshipRange = internships.seek(m.own, i);
    const hireRange = hires.seek(m.own, i);
    if (days[2] != null) {
      const trained = training.firstFrom(trainedRange, days[2]);
      days[3] = trained == null ? null : m.training.value(trained, 0);
    }
    if (days[3] != null) {
      const interned = internships.firstFrom(internshipRange, days[3]);
      days[4] = interned == null ? null : m.internships.value(interned, 0);
    }
    if (days[4] != null) {
      const hire = hires.firstFrom(hireRange, days[4]);
      if (hire != null) {
        days[5] = m.hires.value(hire, 0);
        days[6] = m.hires.value(hire, 1);
        days[7] = days[6] == null ? null : m.hires.value(hire, 2);
      }
    }
    for (let s = 0; s < days.length; s++) {
      const day = days[s];
      if (day == null) break;
      const tally = tallies[s]!;
      tally.people++;
      if (s > 0) tally.gaps.push(day - days[s - 1]!);
    }
  }
  return tallies;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Int32Array.from(values).sort();
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export interface WithheldFunnel {
  stages: { stage: FunnelStageName; people: number | null; medianDaysFromPrevious: number | null }[];
  suppressed: string[];
}

export const peopleFigure = (stage: FunnelStageName) => `${stage}.people`;
export const medianFigure = (stage: FunnelStageName) => `${stage}.medianDaysFromPrevious`;

/**
 * Applies the small-count rule: a stage's count below 5 is withheld, and so is a count within 5 of a
 * disclosed earlier stage's (the stages are nested, so the difference would give the small count away);
 * a median is withheld when fewer than 5 people reached the stage.
 */
export function withholdFunnel(tallies: readonly StageTally[]): WithheldFunnel {
  const counts = Object.fromEntries(tallies.map((t) => [peopleFigure(t.stage), t.people])) as Record<string, number>;
  const derived: Record<string, Derived> = {};
  for (const t of tallies.slice(1)) derived[medianFigure(t.stage)] = { value: median(t.gaps), from: [t.people] };
  const nested = tallies.slice(1).map((t, i) => [peopleFigure(tallies[i]!.stage), peopleFigure(t.stage)] as const);
  const out = withholdSmallCounts(counts, derived, { nested });
  return {
    stages: tallies.map((t, i) => ({
      stage: t.stage,
      people: out[peopleFigure(t.stage)] ?? null,
      medianDaysFromPrevious: i === 0 ? null : out[medianFigure(t.stage)] ?? null,
    })),
    suppressed: out.suppressed,
  };
}
