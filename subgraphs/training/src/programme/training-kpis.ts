import type DataLoader from 'dataloader';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC, requestLoader, withholdSmallCounts, WITHHELD_NOTE, type RequestContext } from '@intreccio/shared';
import { SafeInt } from '../common/scalars';

@ObjectType({ description: "Training's part of a programme's outcome funnel and costs. Counts below 5, and sums over fewer than 5 people, are withheld." })
@Directive(PUBLIC)
export class TrainingKpis {
  @Field(() => Int, { nullable: true, description: `People with at least one enrolment in the programme. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  enrolled: number | null;

  @Field(() => Int, { nullable: true, description: `People attending a course now. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  attending: number | null;

  @Field(() => Int, { nullable: true, description: `People who completed at least one course. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  completed: number | null;

  @Field(() => Int, { nullable: true, description: `People who withdrew from at least one course. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  withdrawn: number | null;

  @Field(() => Int, { nullable: true, description: `People holding at least one certificate issued in the programme. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  certified: number | null;

  @Field(() => Int, { nullable: true, description: 'Hours attended, summed over every enrolment; withheld when fewer than 5 people attended.' })
  @Directive(PUBLIC)
  trainingHours: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description: "Hours attended times each course's cost per hour, in euro cents: training's share of the programme cost; withheld when fewer than 5 people attended.",
  })
  @Directive(PUBLIC)
  trainingCostCents: number | null;

  @Field(() => [String], { description: 'The figures withheld because they count, or are built from, fewer than 5 people.' })
  @Directive(PUBLIC)
  suppressed: string[];
}

interface KpiRow {
  programme_id: string;
  enrolled: number;
  waiting: number;
  attending: number;
  completed: number;
  withdrawn: number;
  certified: number;
  attendees: number;
  hours: string;
  cost: string;
}

function trainingKpisFrom(r: KpiRow | undefined): TrainingKpis {
  const attendees = r?.attendees ?? 0;
  return withholdSmallCounts(
    { enrolled: r?.enrolled ?? 0, attending: r?.attending ?? 0, completed: r?.completed ?? 0, withdrawn: r?.withdrawn ?? 0, certified: r?.certified ?? 0 },
    {
      trainingHours: { value: Number(r?.hours ?? 0), from: [attendees] },
      trainingCostCents: { value: Number(r?.cost ?? 0), from: [attendees] },
    },
    {
      partitions: [['enrolled', ['waiting', 'attending', 'completed', 'withdrawn']]],
      unshown: { waiting: r?.waiting ?? 0 },
      nested: [['enrolled', 'certified']],
    },
  );
}

export const NO_TRAINING_KPIS = trainingKpisFrom(undefined);

/** Every asked programme's training KPIs in one statement per request. */
export function trainingKpisOf(ctx: RequestContext): DataLoader<string, TrainingKpis> {
  return ctx.loaders.get('Programme#trainingKpis', () =>
    requestLoader<string, TrainingKpis>(ctx.loaders, async (ids) => {
      const rows: KpiRow[] = await ctx.db.query(
        `WITH asked AS (SELECT unnest($1::uuid[]) AS programme_id),
         enrolments AS (
           SELECT e.programme_id,
                  count(DISTINCT e.person_id)::int AS enrolled,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'ENROLLED')::int AS waiting,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'ATTENDING')::int AS attending,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn,
                  count(DISTINCT e.person_id) FILTER (WHERE e.attended_hours > 0)::int AS attendees,
                  sum(e.attended_hours)::bigint AS hours,
                  sum(e.attended_hours::bigint * c.cost_per_hour_cents)::bigint AS cost
             FROM enrollment e
             JOIN course_edition ed ON ed.id = e.edition_id
             JOIN course c ON c.id = ed.course_id
            WHERE e.programme_id IN (SELECT programme_id FROM asked)
            GROUP BY e.programme_id),
         certificates AS (
           SELECT programme_id, count(DISTINCT person_id)::int AS certified
             FROM certification WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id)
         SELECT a.programme_id, coalesce(e.enrolled, 0) AS enrolled, coalesce(e.waiting, 0) AS waiting, coalesce(e.attending, 0) AS attending,
                coalesce(e.completed, 0) AS completed, coalesce(e.withdrawn, 0) AS withdrawn,
                coalesce(k.certified, 0) AS certified, coalesce(e.attendees, 0) AS attendees, coalesce(e.hours, 0) AS hours, coalesce(e.cost, 0) AS cost
           FROM asked a LEFT JOIN enrolments e USING (programme_id) LEFT JOIN certificates k USING (programme_id)`,
        [[...ids]],
      );
      const byProgramme = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id) => trainingKpisFrom(byProgramme.get(id)));
    }, { maxBatchSize: 5000 }),
  );
}
