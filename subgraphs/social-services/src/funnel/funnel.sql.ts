import type DataLoader from 'dataloader';
import { dayNumber, daySql, recordsAggregateSql, recordSql, Records, requestLoader, type RequestContext } from '@intreccio/shared';
import type { FunnelSource } from './funnel.type';

/**
 * The cohorts of the funnels asked in a request, in one statement: the people whose first case in a
 * programme opened within the period, living in the municipality asked. The statement selects by the
 * widest bounds of the request's funnels, passed as plain values so that PostgreSQL plans for them
 * (an index range over the programme's cases, a few index lookups per person); each funnel then keeps
 * its own people. Parameters: `$1` the programmes, `$2`/`$3` the earliest first and latest last day
 * (null: no bound), `$4` the municipalities (null: any).
 *
 * A record is the person's id, the day of their first case in the programme, their municipality of
 * residence (as a number: `ascii(letter) * 1000 + digits`), then, for the funnel's own stages, the
 * first evaluation on or after that day and the first plan signed on or after the evaluation, in any
 * of their cases in the programme.
 */
/** `residence`: whether some funnel of the request asks for a municipality, so the person's is needed. */
const firstCases = (residence: boolean) => `
  first_case AS (
    -- A first case within the period: opened by its end, and none before its start.
    SELECT programme_id, person_id, min(opened_on) AS opened_on
      FROM case_file
     WHERE programme_id = ANY($1::uuid[]) AND ($3::date IS NULL OR opened_on <= $3::date)
     GROUP BY programme_id, person_id
    HAVING $2::date IS NULL OR min(opened_on) >= $2::date),
  cohort AS (${residence ? `
    SELECT f.*, CASE WHEN p.residence_municipality_code ~ '^[A-Z][0-9]{3}$'
                     THEN ascii(p.residence_municipality_code) * 1000 + substr(p.residence_municipality_code, 2, 3)::int END AS residence
      FROM first_case f JOIN person p ON p.id = f.person_id
     WHERE p.residence_municipality_code = ANY($4::text[])` : `
    SELECT f.*, NULL::int AS residence FROM first_case f WHERE $4::text[] IS NULL`})`;

const membersSql = (residence: boolean) => `WITH ${firstCases(residence)}
  SELECT programme_id, ${recordsAggregateSql(recordSql('person_id', [daySql('opened_on'), 'residence']), 'person_id')} AS records
    FROM cohort GROUP BY programme_id`;

const ownMilestonesSql = (residence: boolean) => `WITH ${firstCases(residence)},
  own AS (
    SELECT c.programme_id, c.person_id, c.opened_on, c.residence, ev.day AS evaluated_on, sg.day AS signed_on
      FROM cohort c
      -- Every case of theirs in the programme, later ones included.
     CROSS JOIN LATERAL (SELECT array_agg(k.id) AS ids FROM case_file k WHERE k.person_id = c.person_id AND k.programme_id = c.programme_id) cases
      LEFT JOIN LATERAL (SELECT min(x.assessed_on) AS day FROM assessment x WHERE x.case_id = ANY(cases.ids) AND x.assessed_on >= c.opened_on) ev ON true
      LEFT JOIN LATERAL (SELECT min(pp.signed_on) AS day FROM personal_plan pp WHERE pp.case_id = ANY(cases.ids) AND pp.signed_on >= ev.day) sg ON true)
  SELECT programme_id,
         ${recordsAggregateSql(recordSql('person_id', [daySql('opened_on'), 'residence', daySql('evaluated_on'), daySql('signed_on')]), 'person_id')} AS records
    FROM own GROUP BY programme_id`;

/** The municipality code as the records carry it: `ascii(letter) * 1000 + digits`. */
export function residenceNumber(code: string): number {
  return code.charCodeAt(0) * 1000 + Number(code.slice(1));
}

/** A funnel's cohort: the records the statement returned for its programme, and which of them are its people. */
export interface Cohort {
  records: Records;
  isMember: (i: number) => boolean;
}

function cohortLoader(ctx: RequestContext, name: string, sql: (residence: boolean) => string, width: number): DataLoader<FunnelSource, Cohort, string> {
  return ctx.loaders.get(`OutcomeFunnel#${name}`, () =>
    requestLoader<FunnelSource, Cohort, string>(ctx.loaders, async (funnels) => {
      const periods = funnels.map((f) => f.period);
      const unbounded = periods.some((p) => !p);
      const from = unbounded ? null : periods.map((p) => p!.from).sort()[0]!;
      const to = unbounded ? null : periods.map((p) => p!.to).sort().at(-1)!;
      const territories = funnels.some((f) => !f.key.territory) ? null : [...new Set(funnels.map((f) => f.key.territory!))];
      const programmes = [...new Set(funnels.map((f) => f.key.programmeId))];
      const rows: { programme_id: string; records: string }[] = await ctx.db.query(sql(territories !== null), [programmes, from, to, territories]);
      const byProgramme = new Map(rows.map((r) => [r.programme_id, Records.decode(r.records, width)]));
      return funnels.map((f): Cohort => {
        const records = byProgramme.get(f.key.programmeId) ?? new Records(Buffer.alloc(0), width);
        const first = f.period ? dayNumber(f.period.from) : null;
        const last = f.period ? dayNumber(f.period.to) : null;
        const residence = f.key.territory ? residenceNumber(f.key.territory) : null;
        return {
          records,
          isMember: (i) => {
            const openedOn = records.value(i, 0);
            if (first !== null && (openedOn == null || openedOn < first || openedOn > last!)) return false;
            return residence === null || records.value(i, 1) === residence;
          },
        };
      });
    }, { cacheKeyFn: (f) => f.id }),
  );
}

/** The cohort's people: per member, the first case's day and the residence. */
export const cohortMembersOf = (ctx: RequestContext) => cohortLoader(ctx, 'members', membersSql, 2);

/** The cohort's own milestones: per member, the first case's day, the residence, the evaluation's and the signature's days. */
export const ownMilestonesOf = (ctx: RequestContext) => cohortLoader(ctx, 'own-milestones', ownMilestonesSql, 4);
