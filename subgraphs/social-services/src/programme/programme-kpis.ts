import type DataLoader from 'dataloader';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { PUBLIC, requestLoader, withholdSmallCounts, WITHHELD_NOTE, type RequestContext } from '@intreccio/shared';

@ObjectType({ description: "The lead body's part of a programme's outcome funnel. Counts below 5, and figures built from them, are withheld." })
@Directive(PUBLIC)
export class CaseKpis {
  @Field(() => Int, { nullable: true, description: `People ever taken in charge in the programme. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  peopleTakenInCharge: number | null;

  @Field(() => Int, { nullable: true, description: `Cases open or suspended now. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  liveCases: number | null;

  @Field(() => Int, { nullable: true, description: `People with at least one multidimensional evaluation. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  evaluated: number | null;

  @Field(() => Int, { nullable: true, description: `People whose personal plan was signed. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  withSignedPlan: number | null;

  @Field(() => Int, { nullable: true, description: `Cases closed because the person found work. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  closedEmployed: number | null;

  @Field(() => Int, { nullable: true, description: `Referrals unanswered for longer than the programme allows. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  overdueReferrals: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from a referral to the partner’s first contact with the person; withheld when fewer than 5 referrals had one.',
  })
  @Directive(PUBLIC)
  medianDaysReferralToFirstContact: number | null;

  @Field(() => [String], { description: 'The figures withheld because they count, or are built from, fewer than 5 people or records.' })
  @Directive(PUBLIC)
  suppressed: string[];
}

interface KpiRow {
  programme_id: string;
  taken: number;
  live: number;
  evaluated: number;
  signed: number;
  employed: number;
  overdue: number;
  contacted: number;
  median_days: number | null;
}

/** All asked programmes' KPIs in one statement per request. */
export function caseKpisOf(ctx: RequestContext): DataLoader<string, CaseKpis> {
  return ctx.loaders.get('Programme#caseKpis', () =>
    requestLoader<string, CaseKpis>(ctx.loaders, async (ids) => {
      const rows: KpiRow[] = await ctx.db.query(
        `WITH asked AS (SELECT unnest($1::uuid[]) AS programme_id),
         cases AS (
           SELECT c.programme_id,
                  count(DISTINCT c.person_id)::int AS taken,
                  count(*) FILTER (WHERE c.status <> 'CLOSED')::int AS live,
                  count(DISTINCT c.person_id) FILTER (WHERE EXISTS (SELECT 1 FROM assessment a WHERE a.case_id = c.id))::int AS evaluated,
                  count(DISTINCT c.person_id) FILTER (WHERE EXISTS (SELECT 1 FROM personal_plan p WHERE p.case_id = c.id AND p.signed_on IS NOT NULL))::int AS signed,
                  count(*) FILTER (WHERE c.closure_reason = 'EMPLOYED')::int AS employed
             FROM case_file c WHERE c.programme_id IN (SELECT programme_id FROM asked) GROUP BY c.programme_id),
         referrals AS (
           SELECT r.programme_id,
                  count(*) FILTER (WHERE r.status = 'SENT' AND r.sent_at < now() - make_interval(days => p.referral_response_days))::int AS overdue,
                  count(*) FILTER (WHERE r.first_contact_at IS NOT NULL)::int AS contacted,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_contact_at - r.sent_at) / 86400)
                    FILTER (WHERE r.first_contact_at IS NOT NULL) AS median_days
             FROM referral r JOIN programme p ON p.id = r.programme_id
            WHERE r.programme_id IN (SELECT programme_id FROM asked) GROUP BY r.programme_id)
         SELECT a.programme_id, coalesce(c.taken, 0) AS taken, coalesce(c.live, 0) AS live, coalesce(c.evaluated, 0) AS evaluated,
                coalesce(c.signed, 0) AS signed, coalesce(c.employed, 0) AS employed, coalesce(r.overdue, 0) AS overdue, coalesce(r.contacted, 0) AS contacted, r.median_days
           FROM asked a LEFT JOIN cases c USING (programme_id) LEFT JOIN referrals r USING (programme_id)`,
        [[...ids]],
      );
      const byId = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id) => {
        const r = byId.get(id);
        return withholdSmallCounts(
          {
            peopleTakenInCharge: r?.taken ?? 0,
            liveCases: r?.live ?? 0,
            evaluated: r?.evaluated ?? 0,
            withSignedPlan: r?.signed ?? 0,
            closedEmployed: r?.employed ?? 0,
            overdueReferrals: r?.overdue ?? 0,
          },
          {
            medianDaysReferralToFirstContact: {
              value: r?.median_days == null ? null : Math.round(Number(r.median_days) * 10) / 10,
              from: [r?.contacted ?? 0],
            },
          },
          { nested: [['peopleTakenInCharge', 'evaluated'], ['evaluated', 'withSignedPlan'], ['peopleTakenInCharge', 'liveCases'], ['peopleTakenInCharge', 'closedEmployed']] },
        );
      });
    }),
  );
}
