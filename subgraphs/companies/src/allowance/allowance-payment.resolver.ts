import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Matches, Max, Min } from 'class-validator';
import { badInput, byId, conflict, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { monthBounds } from '../common/dates';
import { conflictsAsErrors, euros, referenced, reloaded, today } from '../common/rules';
import { LocalDate } from '../common/scalars';
import { Internship, lastDayOf } from '../internship/internship.type';
import { AllowancePayment } from './allowance-payment.type';
import { assertPromotes } from '../access/holders';

@InputType()
export class RecordAllowancePaymentInput {
  @Field(() => ID)
  internshipId: string;

  @Field(() => String, { description: "The month paid for, 'YYYY-MM'." })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month as 'YYYY-MM'" })
  month: string;

  @Field(() => Int, { description: 'In euro cents: the monthly allowance, or less for a partial month.' })
  @Min(1)
  @Max(1_000_000)
  amountCents: number;

  @Field(() => LocalDate)
  paidOn: string;
}

const ONCE_A_MONTH = 'allowance_payment_once_a_month';

@Resolver(() => AllowancePayment)
export class AllowancePaymentResolver {
  @FieldResolver(() => Internship, { nullable: true })
  async internship(@Root() p: AllowancePayment, @Ctx() ctx: RequestContext): Promise<Internship | null> {
    return byId(ctx, Internship).load(p.internshipId);
  }

  @Mutation(() => AllowancePayment, { description: 'Records the allowance paid to an intern for one month; once per month.' })
  async recordAllowancePayment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordAllowancePaymentInput) input: RecordAllowancePaymentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<AllowancePayment> {
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'recordAllowancePayment', idempotencyKey, input }, async (m) => {
      // Shared lock: a payment waits for a status change in flight; payments do not wait for each other.
      const internship = await referenced(m, Internship, input.internshipId, 'input.internshipId', 'internship', 'shared');
      assertPromotes(ctx, internship);
      if (internship.status === 'PLANNED' || !internship.startedOn) {
        throw badInput({ field: 'input.internshipId', message: `the internship ${internship.status === 'PLANNED' ? 'is PLANNED' : 'never started'}; allowances are paid once it has started` });
      }
      const problems = new ProblemList();
      const { first, last } = monthBounds(input.month);
      const lastDay = lastDayOf(internship);
      if (last < internship.startedOn || first > lastDay) {
        problems.add('input.month', `${input.month} is outside the internship (${internship.startedOn} to ${lastDay})`);
      }
      if (input.amountCents > internship.monthlyAllowanceCents) {
        problems.add('input.amountCents', `must not exceed the monthly allowance of ${euros(internship.monthlyAllowanceCents)}`);
      }
      if (input.paidOn < first) problems.add('input.paidOn', `must not be before the month paid for (${first})`);
      else if (input.paidOn > today()) problems.add('input.paidOn', 'must not be in the future');
      problems.throwIfAny();
      const repo = m.getRepository(AllowancePayment);
      if (await repo.existsBy({ internshipId: internship.id, month: input.month })) {
        throw conflict(`The allowance for ${input.month} was already paid`, 'input.month');
      }
      const saved = await repo.save(repo.create({
        internshipId: internship.id,
        programmeId: internship.programmeId,
        month: input.month,
        amountCents: input.amountCents,
        paidOn: input.paidOn,
      }));
      return saved.id;
    }), { [ONCE_A_MONTH]: { field: 'input.month', message: 'The allowance for this month was already paid' } });
    return reloaded(ctx, AllowancePayment, id, 'allowance payment');
  }
}
