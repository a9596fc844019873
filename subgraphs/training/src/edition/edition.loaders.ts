import type DataLoader from 'dataloader';
import { requestLoader, type RequestContext } from '@intreccio/shared';

/** Seats taken per edition (every enrolment but the withdrawn ones), one statement for all editions asked. */
export function seatsTaken(ctx: RequestContext): DataLoader<string, number> {
  return ctx.loaders.get('CourseEdition#seatsTaken', () =>
    requestLoader<string, number>(ctx.loaders, async (ids) => {
      const rows: { edition_id: string; taken: number }[] = await ctx.db.query(
        `SELECT edition_id, count(*)::int AS taken FROM enrollment
          WHERE edition_id = ANY($1::uuid[]) AND status <> 'WITHDRAWN' GROUP BY edition_id`,
        [[...ids]],
      );
      const taken = new Map(rows.map((r) => [r.edition_id, r.taken]));
      return ids.map((id) => taken.get(id) ?? 0);
    }, { maxBatchSize: 5000 }),
  );
}
