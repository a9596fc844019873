import type DataLoader from 'dataloader';
import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { requestLoader, groupedBy, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef } from '../common/references';
import { SafeInt } from '../common/scalars';
import { InternshipRules } from '../internship/internship.type';

@ObjectType({ description: "A programme's internships, counted by the company network." })
export class InternshipKpis {
  @Field(() => Int, { description: 'Internships PLANNED and not yet started.' })
  planned: number;

  @Field(() => Int, {
    description: 'Internships that ever started: ACTIVE, SUSPENDED and COMPLETED ones, and those INTERRUPTED after their start (not those cancelled while PLANNED).',
  })
  started: number;

  @Field(() => Int, { description: 'Internships running now (ACTIVE).' })
  active: number;

  @Field(() => Int, { description: 'Internships paused now (SUSPENDED).' })
  suspended: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int, { description: 'Internships INTERRUPTED, whether before or after their start.' })
  interrupted: number;

  @Field(() => Int, { description: 'Internships whose outcome is HIRED: completed or interrupted because the intern was hired.' })
  hiredAfterInternship: number;

  @Field(() => SafeInt, { description: 'Allowances paid, in euro cents.' })
  allowancesPaidCents: number;

  @Field(() => Float, { description: 'Hours of tutoring visits, by company and promoter tutors.' })
  tutoringHours: number;
}

interface KpiRow {
  programme_id: string;
  planned: number;
  started: number;
  active: number;
  suspended: number;
  completed: number;
  interrupted: number;
  hired: number;
  paid: string;
  hours: string;
}

/**
 * Every programme asked in a request in one statement: each table grouped by programme, joined on
 * the programme ids asked.
 */
function kpisOf(ctx: RequestContext): DataLoader<string, InternshipKpis> {
  return ctx.loaders.get('InternshipKpis#programmeId', () =>
    requestLoader<string, InternshipKpis>(ctx.loaders, async (ids) => {
      const rows: KpiRow[] = await ctx.db.query(`
        WITH asked AS (SELECT DISTINCT unnest($1::uuid[]) AS programme_id),
        internships AS (
          SELECT programme_id,
                 count(*) FILTER (WHERE status = 'PLANNED')::int AS planned,
                 count(*) FILTER (WHERE started_on IS NOT NULL)::int AS started,
                 count(*) FILTER (WHERE status = 'ACTIVE')::int AS active,
                 count(*) FILTER (WHERE status = 'SUSPENDED')::int AS suspended,
                 count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                 count(*) FILTER (WHERE status = 'INTERRUPTED')::int AS interrupted,
                 count(*) FILTER (WHERE outcome = 'HIRED')::int AS hired
            FROM internship WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id),
        payments AS (
          SELECT programme_id, sum(amount_cents) AS paid
            FROM allowance_payment WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id),
        visits AS (
          SELECT programme_id, sum(hours) AS hours
            FROM tutoring_visit WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id)
        SELECT a.programme_id, i.planned, i.started, i.active, i.suspended, i.completed, i.interrupted, i.hired,
               coalesce(p.paid, 0)::text AS paid, coalesce(v.hours, 0)::text AS hours
          FROM asked a
          LEFT JOIN internships i USING (programme_id)
          LEFT JOIN payments p USING (programme_id)
          LEFT JOIN visits v USING (programme_id)`, [[...ids]]);
      const byProgramme = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id): InternshipKpis => {
        const r = byProgramme.get(id);
        return {
          planned: r?.planned ?? 0,
          started: r?.started ?? 0,
          active: r?.active ?? 0,
          suspended: r?.suspended ?? 0,
          completed: r?.completed ?? 0,
          interrupted: r?.interrupted ?? 0,
          hiredAfterInternship: r?.hired ?? 0,
          allowancesPaidCents: Number(r?.paid ?? 0),
          tutoringHours: Number(r?.hours ?? 0),
        };
      });
    }, { maxBatchSize: 5000 }),
  );
}

@Resolver(() => ProgrammeRef)
export class ProgrammeInternshipsResolver {
  @FieldResolver(() => InternshipKpis, { description: "The programme's internships, allowances and tutoring, as the company network counts them." })
  async internshipKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<InternshipKpis> {
    return kpisOf(ctx).load(programme.id);
  }

  @FieldResolver(() => InternshipRules, { nullable: true, description: 'Bounds on allowance, hours and duration for its internships; null until the coordinator sets them.' })
  async internshipRules(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<InternshipRules | null> {
    const [rules] = await groupedBy(ctx, InternshipRules, 'programmeId').load(programme.id);
    return rules ?? null;
  }
}
