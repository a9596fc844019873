import type { GraphQLResolveInfo } from 'graphql';
import type { EntityManager } from 'typeorm';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, connectionType, forbidden, keysetPage, PageArgs, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { assertOwnsCase, personVisibility, standingSql } from '../access/standing';
import { Case } from '../case/case.type';
import { checkVersion, isUuid, referenced, reloaded } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { Person } from '../person/person.type';
import { PersonalPlan, PlanStep } from '../plan/plan.type';
import { Programme, ProgrammePartner } from '../programme/programme.type';
import { CompleteReferralInput, CreateReferralInput, RecordReferralContactInput, ReferralsFilter, RespondToReferralInput } from './referral.input';
import { Referral } from './referral.type';
import { referralChanged } from '../events/events';

export const ReferralConnection = connectionType(Referral, 'Referral');

const DAY_MS = 86_400_000;

function wholeDays(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Only the receiving organisation answers a referral. */
/** The organisation asked acts on a referral while the case is live: a closed case's referrals are history. */
async function assertReceiverOnLiveCase(ctx: RequestContext, m: EntityManager, referral: Referral): Promise<void> {
  if (ctx.principal.organisationId !== referral.toOrganisationId) throw forbidden('Only the receiving organisation can act on this referral');
  const c = await m.getRepository(Case).findOneBy({ id: referral.caseId });
  if (!c || c.status === 'CLOSED') throw badInput({ field: 'input.referralId', message: 'the case of this referral is closed' });
}

/** The receiver sees the referral it has just acted on (an answer, a contact, the outcome), logged as a read of another's record. */
async function asActed(ctx: RequestContext, referral: Referral): Promise<Referral> {
  if (ctx.access.pseudonymised) return referral;
  const own = (await personVisibility(ctx, referral.personId)) === 'own';
  return ctx.access.vouch(referral, own ? 'own' : 'shared', referral.personId);
}

function notBefore(field: string, at: Date, earliest: Date, what: string): void {
  if (at < earliest) throw badInput({ field, message: `must not be before ${what} (${earliest.toISOString()})` });
  if (at.getTime() > Date.now() + 60_000) throw badInput({ field, message: 'must not be in the future' });
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { nullable: true })
  async referral(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Referral | null> {
    return isUuid(id) ? byId(ctx, Referral).load(id) : null;
  }

  @Query(() => ReferralConnection, {
    nullable: true,
    description: "Referrals the caller's organisation sent or received, and for case managers those of the people in their care; oldest first.",
  })
  async referrals(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ReferralsFilter, { nullable: true }) filter?: ReferralsFilter | null,
  ): Promise<Connection<Referral>> {
    const qb = ctx.db.getRepository(Referral).createQueryBuilder('r');
    // The parties see a referral while the person's data is shared with them, and the organisation asked
    // while it acts on it (to answer, then to record the contact and the outcome) on a live case; the
    // social services holding the person, always.
    const standing = standingSql('p', ':caller');
    const shared = `EXISTS (SELECT 1 FROM person p WHERE p.id = r.person_id AND ${standing.shared})`;
    const awaited = "(r.to_organisation_id = :caller AND r.status IN ('SENT', 'ACCEPTED') AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = r.case_id AND c.status <> 'CLOSED'))";
    const parties = `((r.from_organisation_id = :caller OR r.to_organisation_id = :caller) AND (${shared} OR ${awaited}))`;
    const own = `EXISTS (SELECT 1 FROM person p WHERE p.id = r.person_id AND ${standing.own})`;
    qb.where(ctx.access.hasRole('case_manager') ? `(${parties} OR ${own})` : parties, { caller: ctx.principal.organisationId });
    for (const [key, column] of [['programmeId', 'programme_id'], ['toOrganisationId', 'to_organisation_id'], ['fromOrganisationId', 'from_organisation_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      if (!isUuid(value)) throw badInput({ field: `filter.${key}`, message: 'not a valid id' });
      qb.andWhere(`r.${column} = :${key}`, { [key]: value });
    }
    if (filter?.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter?.overdue != null) {
      const overdue = "r.status = 'SENT' AND r.sent_at < now() - make_interval(days => (SELECT referral_response_days FROM programme WHERE id = r.programme_id))";
      qb.andWhere(filter.overdue ? `(${overdue})` : `NOT (${overdue})`);
    }
    return keysetPage(ctx, qb, [
      { column: 'r.sent_at', property: 'sentAt' },
      { column: 'r.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Person, { nullable: true })
  async person(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<Person | null> {
    return byId(ctx, Person).load(r.personId);
  }

  @FieldResolver(() => Case, { nullable: true })
  async case(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<Case | null> {
    return byId(ctx, Case).load(r.caseId);
  }

  @FieldResolver(() => Programme)
  async programme(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<Programme | null> {
    return byId(ctx, Programme).load(r.programmeId);
  }

  @FieldResolver(() => Organisation)
  async fromOrganisation(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(r.fromOrganisationId);
  }

  @FieldResolver(() => Organisation)
  async toOrganisation(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(r.toOrganisationId);
  }

  @FieldResolver(() => PlanStep, { nullable: true })
  async planStep(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<PlanStep | null> {
    return r.planStepId ? byId(ctx, PlanStep).load(r.planStepId) : null;
  }

  @FieldResolver(() => Int, { description: 'Whole days from sending to the answer, or to now while unanswered.' })
  elapsedDays(@Root() r: Referral): number {
    return wholeDays(r.sentAt, r.respondedAt ?? new Date());
  }

  @FieldResolver(() => Boolean, { description: 'Unanswered for longer than the programme allows.' })
  async overdue(@Root() r: Referral, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (r.status !== 'SENT') return false;
    const programme = await byId(ctx, Programme).load(r.programmeId);
    return !!programme && wholeDays(r.sentAt, new Date()) > programme.referralResponseDays;
  }

  @Mutation(() => Referral, { description: 'Refers the person of a case to a partner of the programme.' })
  async createReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Referral> {
    const { id } = await runMutation(ctx, { operation: 'createReferral', idempotencyKey, input }, async (m) => {
      const c = await referenced(m, Case, input.caseId, 'input.caseId', 'case');
      assertOwnsCase(ctx, c);
      if (c.status !== 'OPEN') throw badInput({ field: 'input.caseId', message: `the case is ${c.status}` });
      const to = await referenced(m, Organisation, input.toOrganisationId, 'input.toOrganisationId', 'organisation');
      // A host company sees the pseudonymised candidate profile only: it is reached through the company network.
      if (to.kind === 'COMPANY') throw badInput({ field: 'input.toOrganisationId', message: 'a host company is reached through the company network that promotes the internship' });
      if (input.toOrganisationId === ctx.principal.organisationId) throw badInput({ field: 'input.toOrganisationId', message: 'cannot refer to your own organisation' });
      if (!(await m.getRepository(ProgrammePartner).existsBy({ programmeId: c.programmeId, organisationId: input.toOrganisationId }))) {
        throw badInput({ field: 'input.toOrganisationId', message: 'is not a partner of the programme' });
      }
      if (input.planStepId) {
        const step = await referenced(m, PlanStep, input.planStepId, 'input.planStepId', 'plan step');
        const plan = await referenced(m, PersonalPlan, step.planId, 'input.planStepId', 'personal plan');
        if (plan.caseId !== c.id) throw badInput({ field: 'input.planStepId', message: 'belongs to another case' });
        if (step.ownerOrganisationId !== input.toOrganisationId) throw badInput({ field: 'input.planStepId', message: 'is owned by another organisation' });
      }
      const sentAt = input.sentAt ?? new Date();
      notBefore('input.sentAt', sentAt, new Date(`${c.openedOn}T00:00:00Z`), 'the case was opened');
      const repo = m.getRepository(Referral);
      const saved = await repo.save(repo.create({
        caseId: c.id,
        personId: c.personId,
        programmeId: c.programmeId,
        fromOrganisationId: ctx.principal.organisationId,
        toOrganisationId: input.toOrganisationId,
        planStepId: input.planStepId ?? null,
        reason: input.reason,
        status: 'SENT',
        sentAt,
      }));
      await referralChanged(m, saved, 'sent');
      return saved.id;
    });
    return reloaded(ctx, Referral, id, 'referral');
  }

  @Mutation(() => Referral, { description: 'The receiving partner accepts or declines a referral.' })
  async respondToReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RespondToReferralInput) input: RespondToReferralInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Referral> {
    const { id } = await runMutation(ctx, { operation: 'respondToReferral', idempotencyKey, input }, async (m) => {
      const r = await referenced(m, Referral, input.referralId, 'input.referralId', 'referral', true);
      await assertReceiverOnLiveCase(ctx, m, r);
      checkVersion(r, input.expectedVersion, 'The referral');
      if (r.status !== 'SENT') throw badInput({ field: 'input.referralId', message: `the referral was already answered (${r.status})` });
      if (!input.accept && !input.declineReason) throw badInput({ field: 'input.declineReason', message: 'is required when declining' });
      const respondedAt = input.respondedAt ?? new Date();
      notBefore('input.respondedAt', respondedAt, r.sentAt, 'the referral was sent');
      r.status = input.accept ? 'ACCEPTED' : 'DECLINED';
      r.respondedAt = respondedAt;
      r.declineReason = input.accept ? null : input.declineReason ?? null;
      await m.getRepository(Referral).save(r);
      await referralChanged(m, r, input.accept ? 'accepted' : 'declined');
      return r.id;
    });
    return asActed(ctx, await reloaded(ctx, Referral, id, 'referral'));
  }

  @Mutation(() => Referral, { description: 'The receiving partner records its first contact with the person.' })
  async recordReferralContact(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordReferralContactInput) input: RecordReferralContactInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Referral> {
    const { id } = await runMutation(ctx, { operation: 'recordReferralContact', idempotencyKey, input }, async (m) => {
      const r = await referenced(m, Referral, input.referralId, 'input.referralId', 'referral', true);
      await assertReceiverOnLiveCase(ctx, m, r);
      if (r.status !== 'ACCEPTED') throw badInput({ field: 'input.referralId', message: `first contact is recorded on an ACCEPTED referral; this one is ${r.status}` });
      if (r.firstContactAt) throw badInput({ field: 'input.referralId', message: 'first contact is already recorded' });
      notBefore('input.firstContactAt', input.firstContactAt, r.sentAt, 'the referral was sent');
      r.firstContactAt = input.firstContactAt;
      await m.getRepository(Referral).save(r);
      await referralChanged(m, r, 'contacted');
      return r.id;
    });
    return asActed(ctx, await reloaded(ctx, Referral, id, 'referral'));
  }

  @Mutation(() => Referral, { description: 'The receiving partner reports the outcome and closes the loop.' })
  async completeReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteReferralInput) input: CompleteReferralInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Referral> {
    const { id } = await runMutation(ctx, { operation: 'completeReferral', idempotencyKey, input }, async (m) => {
      const r = await referenced(m, Referral, input.referralId, 'input.referralId', 'referral', true);
      await assertReceiverOnLiveCase(ctx, m, r);
      checkVersion(r, input.expectedVersion, 'The referral');
      if (r.status !== 'ACCEPTED') throw badInput({ field: 'input.referralId', message: `only an ACCEPTED referral can be completed; this one is ${r.status}` });
      const completedAt = input.completedAt ?? new Date();
      notBefore('input.completedAt', completedAt, r.firstContactAt ?? r.sentAt, 'the first contact');
      r.status = 'COMPLETED';
      r.completedAt = completedAt;
      r.outcome = input.outcome;
      await m.getRepository(Referral).save(r);
      await referralChanged(m, r, 'completed');
      return r.id;
    });
    return asActed(ctx, await reloaded(ctx, Referral, id, 'referral'));
  }
}
