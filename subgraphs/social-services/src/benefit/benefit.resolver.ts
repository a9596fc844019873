import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { badInput, byId, forbidden, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { assertOwnsPerson } from '../access/standing';
import { BenefitKind } from '../common/enums';
import { LocalDate } from '../common/scalars';
import { checkDateOrder, checkVersion, referenced, reloaded } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { Person } from '../person/person.type';
import { Benefit } from './benefit.type';

@InputType()
export class CreateBenefitInput {
  @Field(() => ID)
  personId: string;

  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field(() => Int, { description: 'Monthly amount in euro cents.' })
  @Min(1)
  @Max(1_000_000)
  monthlyAmountCents: number;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the entitlement ends without work, for a support granted for a fixed term.' })
  entitlementEndDate?: string | null;
}

@InputType()
export class UpdateBenefitInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(1_000_000)
  monthlyAmountCents?: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Set when the support stops.' })
  endDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the entitlement ends without work; null when open-ended.' })
  entitlementEndDate?: string | null;
}

@Resolver(() => Benefit)
export class BenefitResolver {
  @FieldResolver(() => Organisation)
  async payingOrganisation(@Root() b: Benefit, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(b.payingOrganisationId);
  }

  @Mutation(() => Benefit, { description: 'Records welfare support paid to a person by your organisation.' })
  async createBenefit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateBenefitInput) input: CreateBenefitInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Benefit> {
    const problems = new ProblemList();
    checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
    checkDateOrder(problems, 'startDate', input.startDate, 'input.entitlementEndDate', input.entitlementEndDate);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'createBenefit', idempotencyKey, input }, async (m) => {
      const person = await referenced(m, Person, input.personId, 'input.personId', 'person');
      await assertOwnsPerson(ctx, m, person.id);
      if (input.startDate < person.birthDate) throw badInput({ field: 'input.startDate', message: 'must not be before the birth date' });
      await referenced(m, Organisation, ctx.principal.organisationId, 'input', 'organisation');
      const repo = m.getRepository(Benefit);
      const saved = await repo.save(repo.create({ ...input, endDate: input.endDate ?? null, entitlementEndDate: input.entitlementEndDate ?? null, payingOrganisationId: ctx.principal.organisationId }));
      return saved.id;
    });
    return reloaded(ctx, Benefit, id, 'benefit');
  }

  @Mutation(() => Benefit)
  async updateBenefit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateBenefitInput) input: UpdateBenefitInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Benefit> {
    const { id } = await runMutation(ctx, { operation: 'updateBenefit', idempotencyKey, input }, async (m) => {
      const b = await referenced(m, Benefit, input.id, 'input.id', 'benefit', true);
      if (b.payingOrganisationId !== ctx.principal.organisationId) throw forbidden('Only the organisation paying a benefit may change it');
      checkVersion(b, input.expectedVersion, 'The benefit');
      if (input.monthlyAmountCents != null) b.monthlyAmountCents = input.monthlyAmountCents;
      if (input.endDate !== undefined) b.endDate = input.endDate;
      if (input.entitlementEndDate !== undefined) b.entitlementEndDate = input.entitlementEndDate;
      const problems = new ProblemList();
      checkDateOrder(problems, 'startDate', b.startDate, 'input.endDate', b.endDate);
      checkDateOrder(problems, 'startDate', b.startDate, 'input.entitlementEndDate', b.entitlementEndDate);
      problems.throwIfAny();
      await m.getRepository(Benefit).save(b);
      return b.id;
    });
    return reloaded(ctx, Benefit, id, 'benefit');
  }
}

