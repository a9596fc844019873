import type DataLoader from 'dataloader';
import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { isUuid, mayReadLedgerFacts, packLedgerFacts, requestLoader, sealLedgerFacts, type LedgerCompanyFact, type RequestContext } from '@intreccio/shared';
import { ProgrammeRef } from '../common/references';

/**
 * The company network's part of the savings ledger (README, "Savings ledger"): per person, the
 * internship allowances paid and the hours of tutoring visits under a programme, for social services
 * to cost. Internal to the network: `@inaccessible`; the gateway brings it to social services through
 * `@requires`, packed and sealed for this request.
 */

@ObjectType('LedgerCompanyFacts', { description: "The company network's facts about a programme's interns, sealed for social services in this request." })
@Directive('@inaccessible')
export class LedgerCompanyFacts {
  @Field(() => String, { description: 'The grant sealing `people` for the caller’s organisation and this request.' })
  seal: string;

  @Field(() => String, {
    description:
      'Every person with an internship under the programme, as a JSON array of rows: [personId, allowancesPaidCents, [allowancePaymentId, …], ' +
      'tutoringHours (company and promoter tutors), [tutoringVisitId, …]].',
  })
  people: string;
}

interface Row {
  programme_id: string;
  person_id: string;
  paid: number;
  payment_ids: string;
  hours: string;
  visit_ids: string;
}

const splitIds = (joined: string): string[] => (joined ? joined.split(',') : []);

/**
 * Every asked programme's interns with their allowances and tutoring: one statement per request (ids
 * joined by commas: a text array of thousands of rows is slow for the driver to parse).
 */
function internsOf(ctx: RequestContext): DataLoader<string, LedgerCompanyFact[]> {
  return ctx.loaders.get('Programme#ledgerInterns', () =>
    requestLoader<string, LedgerCompanyFact[]>(ctx.loaders, async (ids) => {
      const rows: Row[] = await ctx.db.query(
        `WITH interns AS (
           SELECT DISTINCT programme_id, person_id FROM internship WHERE programme_id = ANY($1::uuid[])),
         payments AS (
           SELECT ap.programme_id, i.person_id, sum(ap.amount_cents)::int AS paid, string_agg(ap.id::text, ',' ORDER BY ap.month, ap.id) AS ids
             FROM allowance_payment ap JOIN internship i ON i.id = ap.internship_id
            WHERE ap.programme_id = ANY($1::uuid[]) GROUP BY ap.programme_id, i.person_id),
         visits AS (
           SELECT v.programme_id, i.person_id, sum(v.hours)::text AS hours, string_agg(v.id::text, ',' ORDER BY v.visited_on, v.id) AS ids
             FROM tutoring_visit v JOIN internship i ON i.id = v.internship_id
            WHERE v.programme_id = ANY($1::uuid[]) GROUP BY v.programme_id, i.person_id)
         SELECT n.programme_id, n.person_id, coalesce(p.paid, 0) AS paid, coalesce(p.ids, '') AS payment_ids,
                coalesce(v.hours, '0') AS hours, coalesce(v.ids, '') AS visit_ids
           FROM interns n
           LEFT JOIN payments p ON p.programme_id = n.programme_id AND p.person_id = n.person_id
           LEFT JOIN visits v ON v.programme_id = n.programme_id AND v.person_id = n.person_id
          ORDER BY n.programme_id, n.person_id`,
        [[...ids]],
      );
      const byProgramme = new Map<string, LedgerCompanyFact[]>(ids.map((id) => [id, []]));
      for (const r of rows) {
        byProgramme.get(r.programme_id)?.push({
          personId: r.person_id,
          allowancesPaidCents: r.paid,
          allowancePaymentIds: splitIds(r.payment_ids),
          tutoringHours: Number(r.hours),
          tutoringVisitIds: splitIds(r.visit_ids),
        });
      }
      return ids.map((id) => byProgramme.get(id)!);
    }),
  );
}

@Resolver(() => ProgrammeRef)
export class ProgrammeLedgerFactsResolver {
  @FieldResolver(() => LedgerCompanyFacts, {
    nullable: true,
    description: "For social services' savings ledger only (through @requires): the allowances and tutoring of each intern under the programme.",
  })
  @Directive('@inaccessible')
  async ledgerCompanyFacts(@Root() programme: ProgrammeRef, @Ctx() ctx: RequestContext): Promise<LedgerCompanyFacts | null> {
    if (!isUuid(programme.id) || !mayReadLedgerFacts(ctx)) return null;
    const people = packLedgerFacts('companies', await internsOf(ctx).load(programme.id));
    return { seal: sealLedgerFacts(ctx, 'companies', programme.id, people), people };
  }
}
