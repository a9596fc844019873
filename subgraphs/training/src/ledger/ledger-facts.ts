import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { isUuid, mayReadLedgerFacts, requestLoader, sealLedgerFacts, type LedgerTrainingFact, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef } from '../common/references';

/**
 * The training bodies' part of the savings ledger (README, "Savings ledger"): per person, the hours
 * attended over their enrolments under a programme, for social services to cost. Internal to the
 * network: `@inaccessible`; the gateway brings it to social services through `@requires`, sealed for
 * this request.
 */

@ObjectType('LedgerTrainingFact', { description: "A person's training under the programme, for the savings ledger." })
@Directive('@inaccessible')
export class LedgerTrainingFactType implements LedgerTrainingFact {
  @Field(() => ID)
  personId: string;

  @Field(() => Int, { description: 'Hours attended, over every enrolment of the person under the programme.' })
  attendedHours: number;

  @Field(() => [ID])
  enrollmentIds: string[];
}

@ObjectType('LedgerTrainingFacts', { description: "The training bodies' facts about a programme's people, sealed for social services in this request." })
@Directive('@inaccessible')
export class LedgerTrainingFacts {
  @Field(() => String)
  seal: string;

  @Field(() => [LedgerTrainingFactType])
  people: LedgerTrainingFact[];
}

/** Every asked programme's people with their hours: one statement per request. */
function trainingOf(ctx: RequestContext): DataLoader<string, LedgerTrainingFact[]> {
  return ctx.loaders.get('Programme#ledgerTraining', () =>
    requestLoader<string, LedgerTrainingFact[]>(ctx.loaders, async (ids) => {
      const rows: { programme_id: string; person_id: string; hours: number; ids: string[] }[] = await ctx.db.query(
        `SELECT programme_id, person_id, sum(attended_hours)::int AS hours, array_agg(id ORDER BY enrolled_on, id)::text[] AS ids
           FROM enrollment WHERE programme_id = ANY($1::uuid[])
          GROUP BY programme_id, person_id
          ORDER BY programme_id, person_id`,
        [[...ids]],
      );
      const byProgramme = new Map<string, LedgerTrainingFact[]>(ids.map((id) => [id, []]));
      for (const r of rows) byProgramme.get(r.programme_id)?.push({ personId: r.person_id, attendedHours: r.hours, enrollmentIds: r.ids });
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
    const people = await trainingOf(ctx).load(programme.id);
    return { seal: sealLedgerFacts(ctx, 'training', programme.id, people), people };
  }
}
