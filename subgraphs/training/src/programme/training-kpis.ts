import type DataLoader from 'dataloader';
import { Field, Int, ObjectType } from 'type-graphql';
import { requestLoader, type RequestContext } from '@intreccio/shared';
import { SafeInt } from '../common/scalars';

@ObjectType({ description: "Training's part of a programme's outcome funnel and costs." })
export class TrainingKpis {
  @Field(() => Int, { description: 'People with at least one enrolment in the programme.' })
  enrolled: number;

  @Field(() => Int, { description: 'People attending a course now.' })
  attending: number;

  @Field(() => Int, { description: 'People who completed at least one course.' })
  completed: number;

  @Field(() => Int, { description: 'People who withdrew from at least one course.' })
  withdrawn: number;

  @Field(() => Int, { description: 'People holding at least one certificate issued in the programme.' })
  certified: number;

  @Field(() => Int, { description: 'Hours attended, summed over every enrolment.' })
  trainingHours: number;

  @Field(() => SafeInt, { description: "Hours attended times each course's cost per hour, in euro cents: training's share of the programme cost." })
  trainingCostCents: number;
}

interface KpiRow {
  programme_id: string;
  enrolled: number;
  attending: number;
  completed: number;
  withdrawn: number;
  certified: number;
  hours: string;
  cost: string;
}

/** Every asked programme's training KPIs in one statement per request. */
export function trainingKpisOf(ctx: RequestContext): DataLoader<string, TrainingKpis> {
  return ctx.loaders.get('Programme#trainingKpis', () =>
    requestLoader<string, TrainingKpis>(ctx.loaders, async (ids) => {
      const rows: KpiRow[] = await ctx.db.query(
        `WITH asked AS (SELECT unnest($1::uuid[]) AS programme_id),
         enrolments AS (
           SELECT e.programme_id,
                  count(DISTINCT e.person_id)::int AS enrolled,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'ATTENDING')::int AS attending,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'COMPLETED')::int AS completed,
                  count(DISTINCT e.person_id) FILTER (WHERE e.status = 'WITHDRAWN')::int AS withdrawn,
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
         SELECT a.programme_id, coalesce(e.enrolled, 0) AS enrolled, coalesce(e.attending, 0) AS attending,
                coalesce(e.completed, 0) AS completed, coalesce(e.withdrawn, 0) AS withdrawn,
                coalesce(k.certified, 0) AS certified, coalesce(e.hours, 0) AS hours, coalesce(e.cost, 0) AS cost
           FROM asked a LEFT JOIN enrolments e USING (programme_id) LEFT JOIN certificates k USING (programme_id)`,
        [[...ids]],
      );
      const byProgramme = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id) => {
        const r = byProgramme.get(id);
        return {
          enrolled: r?.enrolled ?? 0,
          attending: r?.attending ?? 0,
          completed: r?.completed ?? 0,
          withdrawn: r?.withdrawn ?? 0,
          certified: r?.certified ?? 0,
          trainingHours: Number(r?.hours ?? 0),
          trainingCostCents: Number(r?.cost ?? 0),
        };
      });
    }, { maxBatchSize: 5000 }),
  );
}
