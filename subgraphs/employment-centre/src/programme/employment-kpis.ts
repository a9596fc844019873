import type DataLoader from 'dataloader';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PUBLIC, requestLoader, withholdSmallCounts, WITHHELD_NOTE, type RequestContext } from '@intreccio/shared';
import { today } from '../common/rules';

@ObjectType({ description: "The employment centre's part of a programme's outcome funnel. Counts below 5 are withheld." })
@Directive(PUBLIC)
export class EmploymentKpis {
  @Field(() => Int, { nullable: true, description: `People registered as job seekers in the programme. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  registeredJobSeekers: number | null;

  @Field(() => Int, { nullable: true, description: `Hires recorded in the programme. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  hires: number | null;

  @Field(() => Int, { nullable: true, description: `Hires whose 6-month follow-up found the person still employed. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  stillEmployedAt6Months: number | null;

  @Field(() => Int, { nullable: true, description: `Hires whose 12-month follow-up found the person still employed. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  stillEmployedAt12Months: number | null;

  @Field(() => Int, { nullable: true, description: `Hires started 6 months ago or more with no 6-month follow-up yet. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  followUpsDue6Months: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Hires started 12 months ago or more with no 12-month follow-up yet (not counting people the 6-month check found out of work). ${WITHHELD_NOTE}`,
  })
  @Directive(PUBLIC)
  followUpsDue12Months: number | null;

  @Field(() => [String], { description: 'The figures withheld because they count fewer than 5 people.' })
  @Directive(PUBLIC)
  suppressed: string[];
}

interface KpiRow {
  programme_id: string;
  seekers: number;
  hires: number;
  employed6: number;
  employed12: number;
  due6: number;
  due12: number;
}

function employmentKpisFrom(r: KpiRow | undefined): EmploymentKpis {
  return withholdSmallCounts(
    {
      registeredJobSeekers: r?.seekers ?? 0,
      hires: r?.hires ?? 0,
      stillEmployedAt6Months: r?.employed6 ?? 0,
      stillEmployedAt12Months: r?.employed12 ?? 0,
      followUpsDue6Months: r?.due6 ?? 0,
      followUpsDue12Months: r?.due12 ?? 0,
    },
    {},
    { nested: [['hires', 'stillEmployedAt6Months'], ['stillEmployedAt6Months', 'stillEmployedAt12Months'], ['hires', 'followUpsDue6Months'], ['hires', 'followUpsDue12Months']] },
  );
}

export const NO_EMPLOYMENT_KPIS = employmentKpisFrom(undefined);

/** Every asked programme's KPIs in one grouped statement per request. */
export function employmentKpisOf(ctx: RequestContext): DataLoader<string, EmploymentKpis> {
  return ctx.loaders.get('Programme#employmentKpis', () =>
    requestLoader<string, EmploymentKpis>(ctx.loaders, async (ids) => {
      const rows: KpiRow[] = await ctx.db.query(
        `WITH asked AS (SELECT unnest($1::uuid[]) AS programme_id),
         seekers AS (
           SELECT programme_id, count(DISTINCT person_id)::int AS seekers
             FROM job_seeker_profile WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id),
         hires AS (
           SELECT h.programme_id,
                  count(*)::int AS hires,
                  count(*) FILTER (WHERE f6.still_employed)::int AS employed6,
                  count(*) FILTER (WHERE f12.still_employed)::int AS employed12,
                  count(*) FILTER (WHERE f6.id IS NULL AND h.start_date + interval '6 months' <= $2::date)::int AS due6,
                  count(*) FILTER (WHERE f12.id IS NULL AND h.start_date + interval '12 months' <= $2::date
                                     AND f6.still_employed IS DISTINCT FROM false)::int AS due12
             FROM hire h
             LEFT JOIN follow_up_check f6 ON f6.hire_id = h.id AND f6.months_after = 6
             LEFT JOIN follow_up_check f12 ON f12.hire_id = h.id AND f12.months_after = 12
            WHERE h.programme_id IN (SELECT programme_id FROM asked) GROUP BY h.programme_id)
         SELECT a.programme_id, coalesce(s.seekers, 0) AS seekers, coalesce(h.hires, 0) AS hires, coalesce(h.employed6, 0) AS employed6,
                coalesce(h.employed12, 0) AS employed12, coalesce(h.due6, 0) AS due6, coalesce(h.due12, 0) AS due12
           FROM asked a LEFT JOIN seekers s USING (programme_id) LEFT JOIN hires h USING (programme_id)`,
        [[...ids], today()],
      );
      const byProgramme = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id) => {
        return employmentKpisFrom(byProgramme.get(id));
      });
    }),
  );
}
