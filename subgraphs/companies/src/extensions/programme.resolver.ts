import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { groupedBy, isUuid, PUBLIC, requestLoader, withholdSmallCounts, WITHHELD_NOTE, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef } from '../common/references';
import { SafeInt } from '../common/scalars';
import { InternshipRules } from '../internship/internship.type';

@ObjectType({ description: "A programme's internships, counted by the company network. Counts below 5, and sums over fewer than 5 interns, are withheld." })
@Directive(PUBLIC)
export class InternshipKpis {
  @Field(() => Int, { nullable: true, description: `Internships PLANNED and not yet started. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  planned: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Internships that ever started: ACTIVE, SUSPENDED and COMPLETED ones, and those INTERRUPTED after their start (not those cancelled while PLANNED). ${WITHHELD_NOTE}`,
  })
  @Directive(PUBLIC)
  started: number | null;

  @Field(() => Int, { nullable: true, description: `Internships running now (ACTIVE). ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  active: number | null;

  @Field(() => Int, { nullable: true, description: `Internships paused now (SUSPENDED). ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  suspended: number | null;

  @Field(() => Int, { nullable: true, description: WITHHELD_NOTE })
  @Directive(PUBLIC)
  completed: number | null;

  @Field(() => Int, { nullable: true, description: `Internships INTERRUPTED, whether before or after their start. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  interrupted: number | null;

  @Field(() => Int, { nullable: true, description: `Internships whose outcome is HIRED: completed or interrupted because the intern was hired. ${WITHHELD_NOTE}` })
  @Directive(PUBLIC)
  hiredAfterInternship: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Allowances paid, in euro cents; withheld when paid to fewer than 5 interns.' })
  @Directive(PUBLIC)
  allowancesPaidCents: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours of tutoring visits, by company and promoter tutors; withheld when fewer than 5 internships had visits.' })
  @Directive(PUBLIC)
  tutoringHours: number | null;

  @Field(() => [String], { description: 'The figures withheld because they count, or are built from, fewer than 5 internships.' })
  @Directive(PUBLIC)
  suppressed: string[];
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
  paid_interns: number;
  hours: string;
  visited: number;
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
          SELECT ap.programme_id, sum(ap.amount_cents) AS paid, count(DISTINCT i.person_id)::int AS paid_interns
            FROM allowance_payment ap JOIN internship i ON i.id = ap.internship_id WHERE ap. programme_id IN (SELECT programme_id FROM asked) GROUP BY ap.programme_id),
        visits AS (
          SELECT programme_id, sum(hours) AS hours, count(DISTINCT internship_id)::int AS visited
            FROM tutoring_visit WHERE programme_id IN (SELECT programme_id FROM asked) GROUP BY programme_id)
        SELECT a.programme_id, i.planned, i.started, i.active, i.suspended, i.completed, i.interrupted, i.hired,
               coalesce(p.paid, 0)::text AS paid, coalesce(p.paid_interns, 0) AS paid_interns,
               coalesce(v.hours, 0)::text AS hours, coalesce(v.visited, 0) AS visited
          FROM asked a
          LEFT JOIN internships i USING (programme_id)
          LEFT JOIN payments p USING (programme_id)
          LEFT JOIN visits v USING (programme_id)`, [[...ids]]);
      const byProgramme = new Map(rows.map((r) => [r.programme_id, r]));
      return ids.map((id): InternshipKpis => {
        const r = byProgramme.get(id);
        return withholdSmallCounts(
          {
            planned: r?.planned ?? 0,
            started: r?.started ?? 0,
            active: r?.active ?? 0,
            suspended: r?.suspended ?? 0,
            completed: r?.completed ?? 0,
            interrupted: r?.interrupted ?? 0,
            hiredAfterInternship: r?.hired ?? 0,
          },
          {
            allowancesPaidCents: { value: Number(r?.paid ?? 0), from: [r?.paid_interns ?? 0] },
            tutoringHours: { value: Number(r?.hours ?? 0), from: [r?.visited ?? 0] },
          },
          { partitions: [['started', ['active', 'suspended', 'completed', 'interrupted']]], nested: [['completed', 'hiredAfterInternship']] },
        );
      });
    }, { maxBatchSize: 5000 }),
  );
}

@Resolver(() => ProgrammeRef)
export class ProgrammeInternshipsResolver {
  @FieldResolver(() => InternshipKpis, { description: "The programme's internships, allowances and tutoring, as the company network counts them." })
  @Directive(PUBLIC)
  async internshipKpis(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<InternshipKpis> {
    return kpisOf(ctx).load(isUuid(programme.id) ? programme.id : '00000000-0000-0000-0000-000000000000');
  }

  @FieldResolver(() => InternshipRules, { nullable: true, description: 'Bounds on allowance, hours and duration for its internships; null until the coordinator sets them.' })
  @Directive(PUBLIC)
  async internshipRules(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<InternshipRules | null> {
    if (!isUuid(programme.id)) return null;
    const [rules] = await groupedBy(ctx, InternshipRules, 'programmeId').load(programme.id);
    return rules ?? null;
  }
}
