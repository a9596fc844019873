import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import {
  badInput, byId, conflict, connectionType, keysetPage, PageArgs, ProblemList, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { followUpsOf } from '../common/loaders';
import {
  addDays, addMonths, checkDateOrder, checkForeignId, checkNotFuture, checkOccupationUri, checkRange, isUniqueViolation, isUuid,
  referenced, reloaded, today,
} from '../common/rules';
import { Occupation, occupationOrPlaceholder } from '../esco/esco.type';
import { CompanyRef, PersonRef, ProgrammeRef, ref } from '../federation/references';
import { isLive, moveProposal } from '../proposal/proposal.service';
import { VacancyProposal } from '../proposal/proposal.type';
import { Vacancy } from '../vacancy/vacancy.type';
import { HiresFilter, RecordFollowUpInput, RecordHireInput } from './hire.input';
import { FollowUpCheck, Hire } from './hire.type';
import { assertHolds, assertRegisteredHere } from '../access/holders';
import { hireChanged } from '../events/events';

export const HireConnection = connectionType(Hire, 'Hire');

/**
 * The mandatory notice of hiring is sent by the day before the start, so a hire may be recorded
 * ahead of its start, but not by more than this: further out it is a promise, not a hire.
 */
export const MAX_DAYS_AHEAD = 60;
export const FOLLOW_UP_MONTHS = [6, 12] as const;

const duplicateHire = () => conflict('This hire is already recorded: the same person, company and start date', 'input.personId');
const duplicateFollowUp = (months: number) => conflict(`The ${months}-month follow-up of this hire is already recorded`, 'input.monthsAfter');

/**
 * The proposal a hire is recorded through: held by the caller's centre, of the same person (and
 * vacancy, when the notice names one), still live. Locked until the hire is written.
 */
async function proposalHiredThrough(ctx: RequestContext, m: EntityManager, input: RecordHireInput): Promise<VacancyProposal> {
  const proposal = await referenced(m, VacancyProposal, input.proposalId!, 'input.proposalId', 'proposal', true);
  assertHolds(ctx, proposal.organisationId, 'The proposal');
  const problems = new ProblemList();
  if (proposal.personId !== input.personId) problems.add('input.proposalId', 'is a proposal of another person');
  if (input.vacancyId && input.vacancyId !== proposal.vacancyId) problems.add('input.vacancyId', `is not the vacancy of the proposal (${proposal.vacancyId})`);
  if (!isLive(proposal.status)) {
    problems.add('input.proposalId', `the proposal is ${proposal.status}: only a live proposal (PROPOSED, INTERVIEW or ACCEPTED) ends in a hire`);
  }
  problems.throwIfAny();
  return proposal;
}

@Resolver(() => Hire)
export class HireResolver {
  @Query(() => Hire, { nullable: true })
  async hire(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Hire | null> {
    return isUuid(id) ? byId(ctx, Hire).load(id) : null;
  }

  @Query(() => HireConnection, { nullable: true, description: 'Hires your employment centre recorded, earliest start first.' })
  async hires(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => HiresFilter, { nullable: true }) filter?: HiresFilter | null,
  ): Promise<Connection<Hire>> {
    const qb = ctx.db.getRepository(Hire).createQueryBuilder('h');
    qb.where('h.organisation_id = :centre', { centre: ctx.principal.organisationId });
    for (const [key, column] of [['programmeId', 'programme_id'], ['companyId', 'company_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      if (!isUuid(value)) throw badInput({ field: `filter.${key}`, message: 'not a valid id' });
      qb.andWhere(`h.${column} = :${key}`, { [key]: value });
    }
    return keysetPage(ctx, qb, [
      { column: 'h.start_date', property: 'startDate' },
      { column: 'h.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'Who was hired; not shown to host companies.' })
  person(@Root() h: Hire): PersonRef {
    return ref(h.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() h: Hire): ProgrammeRef {
    return ref(h.programmeId);
  }

  @FieldResolver(() => CompanyRef)
  company(@Root() h: Hire): CompanyRef {
    return ref(h.companyId);
  }

  @FieldResolver(() => Vacancy, { nullable: true })
  async vacancy(@Root() h: Hire, @Ctx() ctx: RequestContext): Promise<Vacancy | null> {
    return h.vacancyId ? byId(ctx, Vacancy).load(h.vacancyId) : null;
  }

  @FieldResolver(() => Occupation)
  occupation(@Root() h: Hire): Occupation {
    return occupationOrPlaceholder(h.occupationUri);
  }

  @FieldResolver(() => [FollowUpCheck], { nullable: true, description: 'Checks 6 and 12 months after the start; not shown to host companies.' })
  async followUps(@Root() h: Hire, @Ctx() ctx: RequestContext): Promise<FollowUpCheck[]> {
    return followUpsOf(ctx).load(h.id);
  }

  @Mutation(() => Hire, { description: 'Records a hire from the mandatory notice of hiring; with a proposal, the proposal becomes HIRED in the same transaction.' })
  async recordHire(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordHireInput) input: RecordHireInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Hire> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    checkForeignId(problems, 'input.companyId', input.companyId, 'company');
    checkOccupationUri(problems, 'input.occupationUri', input.occupationUri);
    const latestStart = addDays(today(), MAX_DAYS_AHEAD);
    if (input.startDate > latestStart) problems.add('input.startDate', `must not be more than ${MAX_DAYS_AHEAD} days ahead (${latestStart})`);
    checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
    checkRange(problems, 'input.weeklyHours', input.weeklyHours, 1, 48);
    if (!Number.isInteger(input.grossMonthlyWageCents) || input.grossMonthlyWageCents <= 0) problems.add('input.grossMonthlyWageCents', 'must be above 0 (euro cents)');
    problems.throwIfAny();
    let id: string;
    try {
      ({ id } = await runMutation(ctx, { operation: 'recordHire', idempotencyKey, input }, async (m) => {
        await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
        const proposal = input.proposalId ? await proposalHiredThrough(ctx, m, input) : null;
        const vacancyId = input.vacancyId ?? proposal?.vacancyId ?? null;
        if (vacancyId) {
          const field = input.vacancyId ? 'input.vacancyId' : 'input.proposalId';
          const vacancy = await referenced(m, Vacancy, vacancyId, field, 'vacancy');
          const mismatch = new ProblemList();
          if (vacancy.companyId !== input.companyId) mismatch.add(field, `is ${input.vacancyId ? 'a vacancy' : 'a proposal to a vacancy'} of another company`);
          if (input.startDate < vacancy.openedOn) mismatch.add('input.startDate', `must not be before the vacancy opened (${vacancy.openedOn})`);
          mismatch.throwIfAny();
        }
        const repo = m.getRepository(Hire);
        if (await repo.existsBy({ personId: input.personId, companyId: input.companyId, startDate: input.startDate })) throw duplicateHire();
        const { proposalId: _proposal, ...notice } = input;
        const saved = await repo.save(repo.create({
          ...notice, organisationId: ctx.principal.organisationId, vacancyId, endDate: input.endDate ?? null,
        }));
        if (proposal) await moveProposal(m, proposal.id, 'HIRED', null, saved.id);
        await hireChanged(m, saved, 'recorded');
        return saved.id;
      }));
    } catch (err) {
      if (isUniqueViolation(err, 'hire_once')) throw duplicateHire();
      throw err;
    }
    return reloaded(ctx, Hire, id, 'hire');
  }

  @Mutation(() => Hire, { description: 'Records whether the person is still employed 6 or 12 months after the hire; once per check.' })
  async recordFollowUp(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordFollowUpInput) input: RecordFollowUpInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Hire> {
    const problems = new ProblemList();
    if (!(FOLLOW_UP_MONTHS as readonly number[]).includes(input.monthsAfter)) problems.add('input.monthsAfter', 'must be 6 or 12');
    checkNotFuture(problems, 'input.checkedOn', input.checkedOn);
    problems.throwIfAny();
    try {
      await runMutation(ctx, { operation: 'recordFollowUp', idempotencyKey, input }, async (m) => {
        const hire = await referenced(m, Hire, input.hireId, 'input.hireId', 'hire', true);
        assertHolds(ctx, hire.organisationId, 'The hire');
        const due = addMonths(hire.startDate, input.monthsAfter);
        if (input.checkedOn < due) {
          throw badInput({ field: 'input.checkedOn', message: `must not be before ${due}, ${input.monthsAfter} months after the hire started` });
        }
        const repo = m.getRepository(FollowUpCheck);
        if (await repo.existsBy({ hireId: hire.id, monthsAfter: input.monthsAfter })) throw duplicateFollowUp(input.monthsAfter);
        const check = await repo.save(repo.create({ ...input, hireId: hire.id }));
        await hireChanged(m, hire, 'followed_up', { type: 'FollowUpCheck', id: check.id, version: 1, status: check.stillEmployed ? 'EMPLOYED' : 'NOT_EMPLOYED' });
        return hire.id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'follow_up_once')) throw duplicateFollowUp(input.monthsAfter);
      throw err;
    }
    return reloaded(ctx, Hire, input.hireId, 'hire');
  }
}
