import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { isUuid, mayReadLedgerFacts, packLedgerFacts, requestLoader, sealLedgerFacts, type LedgerTrainingFact, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef } from '../common/references';

/**
 * The training bodies' part of the savings ledger (README, "Savings ledger"): per person, the hours
 * attended over their enrolments under a programme, for social services to cost. Internal to the
 * network: `@inaccessible`; the gateway brings it to social services through `@requires`, packed and
 * sealed for this request.
 */
@ObjectType('LedgerTrainingFacts', { description: "The training bodies' facts about a programme's people, sealed for social services in this request." })
@Directive('@inaccessible')
export class LedgerTrainingFacts {
  @Field(() => String, { description: 'The grant sealing `people` for the caller’s organisation and this request.' })
  seal: string;

  @Field(() => String, {
    description: 'Every person with an enrolment under the programme, as a JSON array of rows: [personId, attendedHours, [enrollmentId, …]].',
  })
  people: string;
}

/** Every asked programme's people with their hours: one statement per request. */
function trainingOf(ctx: RequestContext): DataLoader<string, LedgerTrainingFact[]> {
  return ctx.loaders.get('Programme#ledgerTraining', () =>
    requestLoader<string, LedgerTrainingFact[]>(ctx.loaders, async (ids) => {
      // Ids joined by commas: a text array of thousands of rows is slow for the driver to parse.
      const rows: { programme_id: string; person_id: string; hours: number; ids: string }[] = await ctx.db.query(
        `SELECT programme_id, person_id, sum(attended_hours)::int AS hours, string_agg(id::text, ',' ORDER BY enrolled_on, id) AS ids
           FROM enrollment WHERE programme_id = ANY($1::uuid[])
          GROUP BY programme_id, person_id
          ORDER BY programme_id, person_id`,
        [[...ids]],
      );
      const byProgramme = new Map<string, LedgerTrainingFact[]>(ids.map((id) => [id, []]));
      for (const r of rows) byProgramme.get(r.programme_id)?.push({ personId: r.person_id, attendedHours: r.hours, enrollmentIds: r.ids.split(',') });
      return ids.map((id) => byProgramme.get(id)!);
    }),
  );
}

@Resolver(() => ProgrammeRef)
export class ProgrammeLedgerFactsResolver {
  @FieldResolver(() => LedgerTrainingFacts, {
    nullable: true,
    description: "For social services' savings ledger only (through @requires): the hours each person attended under the programme.",
  })
  @Directive('@inaccessible')
  async ledgerTrainingFacts(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<LedgerTrainingFacts | null> {
    if (!isUuid(programme.id) || !mayReadLedgerFacts(ctx)) return null;
    const people = packLedgerFacts('training', await trainingOf(ctx).load(programme.id));
    return { seal: sealLedgerFacts(ctx, 'training', programme.id, people), people };
  }
}
