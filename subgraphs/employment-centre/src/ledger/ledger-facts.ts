import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import {
  isUuid, mayReadLedgerFacts, packLedgerFacts, requestLoader, sealLedgerFacts, type LedgerHireFact, type RequestContext,
} from '@intreccio/shared';
import { ProgrammeRef } from '../federation/references';

/**
 * The employment centre's part of the savings ledger (README, "Savings ledger"): every hire under a
 * programme with its follow-up checks, for social services, who compute the months employed from
 * them. Internal to the network: `@inaccessible`, so no client can select it; the gateway brings it
 * to social services through `@requires`, packed and sealed for this request.
 */
@ObjectType('LedgerEmploymentFacts', { description: "The employment centre's facts about a programme's hires, sealed for social services in this request." })
@Directive('@inaccessible')
export class LedgerEmploymentFacts {
  @Field(() => String, { description: 'The grant sealing `hires` for the caller’s organisation and this request.' })
  seal: string;

  @Field(() => String, {
    description:
      'Every hire under the programme, as a JSON array of rows: [hireId, personId, startDate, plannedEndDate or null, grossMonthlyWageCents, ' +
      '[[followUpId, monthsAfter, checkedOn, stillEmployed], …]], by start date.',
  })
  hires: string;
}

interface HireRow {
  programme_id: string;
  id: string;
  person_id: string;
  start_date: string;
  end_date: string | null;
  wage: number;
  follow_ups: { id: string; months_after: number; checked_on: string; still_employed: boolean }[];
}

/** Every asked programme's hires with their follow-ups: one statement per request. */
function hiresOf(ctx: RequestContext): DataLoader<string, LedgerHireFact[]> {
  return ctx.loaders.get('Programme#ledgerHires', () =>
    requestLoader<string, LedgerHireFact[]>(ctx.loaders, async (ids) => {
      const rows: HireRow[] = await ctx.db.query(
        `SELECT h.programme_id, h.id, h.person_id, h.start_date::text AS start_date, h.end_date::text AS end_date,
                h.gross_monthly_wage_cents AS wage,
                coalesce(json_agg(json_build_object('id', f.id, 'months_after', f.months_after, 'checked_on', f.checked_on::text,
                                                    'still_employed', f.still_employed) ORDER BY f.months_after, f.id)
                           FILTER (WHERE f.id IS NOT NULL), '[]') AS follow_ups
           FROM hire h LEFT JOIN follow_up_check f ON f.hire_id = h.id
          WHERE h.programme_id = ANY($1::uuid[])
          GROUP BY h.id
          ORDER BY h.programme_id, h.start_date, h.id`,
        [[...ids]],
      );
      const byProgramme = new Map<string, LedgerHireFact[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byProgramme.get(r.programme_id)?.push({
          hireId: r.id,
          personId: r.person_id,
          startDate: r.start_date,
          plannedEndDate: r.end_date,
          grossMonthlyWageCents: r.wage,
          followUps: r.follow_ups.map((f) => ({ followUpId: f.id, monthsAfter: f.months_after, checkedOn: f.checked_on, stillEmployed: f.still_employed })),
        });
      }
      return ids.map((id) => byProgramme.get(id)!);
    }),
  );
}

@Resolver(() => ProgrammeRef)
export class ProgrammeLedgerFactsResolver {
  @FieldResolver(() => LedgerEmploymentFacts, {
    nullable: true,
    description: "For social services' savings ledger only (through @requires): the programme's hires and their follow-ups.",
  })
  @Directive('@inaccessible')
  async ledgerEmploymentFacts(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<LedgerEmploymentFacts | null> {
    if (!isUuid(programme.id) || !mayReadLedgerFacts(ctx)) return null;
    const hires = packLedgerFacts('employment', await hiresOf(ctx).load(programme.id));
    return { seal: sealLedgerFacts(ctx, 'employment', programme.id, hires), hires };
  }
}
