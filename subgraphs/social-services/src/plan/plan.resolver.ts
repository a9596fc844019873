import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, forbidden, groupedBy, PLACEMENT_TOKEN_TTL_SECONDS, placementSubject, ProblemList, runMutation, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { assertOwnsCase, personVisibility, personVisibilityIn } from '../access/standing';
import { Assessment } from '../assessment/assessment.type';
import { Case } from '../case/case.type';
import type { PlanStatus, PlanStepStatus } from '../common/enums';
import { checkDateOrder, checkVersion, referenced, reloaded, today } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { ProgrammePartner } from '../programme/programme.type';
import { Referral } from '../referral/referral.type';
import {
  AddPlanStepInput, ChangePlanStatusInput, ChangePlanStepStatusInput, CreatePersonalPlanInput, SignPersonalPlanInput,
  type PlanStepInput,
} from './plan.input';
import { PersonalPlan, PlanStep } from './plan.type';

const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  DRAFT: ['SIGNED', 'CANCELLED'],
  SIGNED: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

const STEP_TRANSITIONS: Record<PlanStepStatus, readonly PlanStepStatus[]> = {
  PLANNED: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

/** Steps an internship may still be planned for: not yet done, not cancelled. */
const PLACEABLE: ReadonlySet<PlanStepStatus> = new Set(['PLANNED', 'IN_PROGRESS']);

/** Steps must fall within the plan and be owned by partners of the case's programme. */
async function checkSteps(m: EntityManager, plan: Pick<PersonalPlan, 'startDate' | 'endDate'>, programmeId: string, steps: readonly PlanStepInput[], field: (i: number) => string): Promise<void> {
  const partners = new Set((await m.getRepository(ProgrammePartner).findBy({ programmeId })).map((p) => p.organisationId));
  const problems = new ProblemList();
  steps.forEach((step, i) => {
    if (!partners.has(step.ownerOrganisationId)) problems.add(`${field(i)}.ownerOrganisationId`, 'is not a partner of the programme');
    checkDateOrder(problems, 'plannedStart', step.plannedStart, `${field(i)}.plannedEnd`, step.plannedEnd);
    if (step.plannedStart && step.plannedStart < plan.startDate) problems.add(`${field(i)}.plannedStart`, `must not be before the plan starts (${plan.startDate})`);
    if (step.plannedEnd && step.plannedEnd > plan.endDate) problems.add(`${field(i)}.plannedEnd`, `must not be after the plan ends (${plan.endDate})`);
  });
  problems.throwIfAny();
}

async function insertSteps(m: EntityManager, planId: string, steps: readonly PlanStepInput[], firstPosition: number): Promise<void> {
  const repo = m.getRepository(PlanStep);
  await repo.save(steps.map((s, i) => repo.create({
    ...s,
    planId,
    position: firstPosition + i,
    status: 'PLANNED',
    plannedStart: s.plannedStart ?? null,
    plannedEnd: s.plannedEnd ?? null,
  })));
}

@Resolver(() => PersonalPlan)
export class PersonalPlanResolver {
  @FieldResolver(() => [PlanStep])
  async steps(@Root() plan: PersonalPlan, @Ctx() ctx: RequestContext): Promise<PlanStep[]> {
    return groupedBy(ctx, PlanStep, 'planId', { orderBy: { position: 'ASC' } }).load(plan.id);
  }

  @FieldResolver(() => Case, { nullable: true })
  async case(@Root() plan: PersonalPlan, @Ctx() ctx: RequestContext): Promise<Case | null> {
    return byId(ctx, Case).load(plan.caseId);
  }

  @FieldResolver(() => Assessment, { nullable: true })
  async assessment(@Root() plan: PersonalPlan, @Ctx() ctx: RequestContext): Promise<Assessment | null> {
    return plan.assessmentId ? byId(ctx, Assessment).load(plan.assessmentId) : null;
  }

  @Mutation(() => PersonalPlan, { description: 'Drafts a personalised project for a case. A case has one draft or signed plan at a time.' })
  async createPersonalPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreatePersonalPlanInput) input: CreatePersonalPlanInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<PersonalPlan> {
    const { id } = await runMutation(ctx, { operation: 'createPersonalPlan', idempotencyKey, input }, async (m) => {
      const c = await referenced(m, Case, input.caseId, 'input.caseId', 'case', true);
      assertOwnsCase(ctx, c);
      if (c.status !== 'OPEN') throw badInput({ field: 'input.caseId', message: `the case is ${c.status}` });
      const problems = new ProblemList();
      checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
      if (input.startDate < c.openedOn) problems.add('input.startDate', `must not be before the case was opened (${c.openedOn})`);
      if (input.assessmentId) {
        const assessment = await referenced(m, Assessment, input.assessmentId, 'input.assessmentId', 'assessment');
        if (assessment.caseId !== c.id) problems.add('input.assessmentId', 'belongs to another case');
      }
      problems.throwIfAny();
      const live = await m.getRepository(PersonalPlan).createQueryBuilder('p')
        .where('p.case_id = :caseId', { caseId: c.id }).andWhere("p.status IN ('DRAFT','SIGNED')").getExists();
      if (live) throw badInput({ field: 'input.caseId', message: 'the case already has a draft or signed plan; complete or cancel it first' });
      await checkSteps(m, input, c.programmeId, input.steps, (i) => `input.steps.${i}`);
      const repo = m.getRepository(PersonalPlan);
      const plan = await repo.save(repo.create({
        caseId: c.id,
        assessmentId: input.assessmentId ?? null,
        status: 'DRAFT',
        goals: input.goals,
        startDate: input.startDate,
        endDate: input.endDate,
        signedOn: null,
      }));
      await insertSteps(m, plan.id, input.steps, 1);
      return plan.id;
    });
    return reloaded(ctx, PersonalPlan, id, 'personal plan');
  }

  @Mutation(() => PersonalPlan)
  async addPlanStep(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddPlanStepInput) input: AddPlanStepInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<PersonalPlan> {
    const { id } = await runMutation(ctx, { operation: 'addPlanStep', idempotencyKey, input }, async (m) => {
      const plan = await referenced(m, PersonalPlan, input.planId, 'input.planId', 'personal plan', true);
      const c = await referenced(m, Case, plan.caseId, 'input.planId', 'case');
      assertOwnsCase(ctx, c);
      if (plan.status !== 'DRAFT' && plan.status !== 'SIGNED') throw badInput({ field: 'input.planId', message: `the plan is ${plan.status}` });
      const { planId: _p, ...step } = input;
      await checkSteps(m, plan, c.programmeId, [step], () => 'input');
      const last = await m.getRepository(PlanStep).maximum('position', { planId: plan.id });
      await insertSteps(m, plan.id, [step], (last ?? 0) + 1);
      return plan.id;
    });
    return reloaded(ctx, PersonalPlan, id, 'personal plan');
  }

  @Mutation(() => PersonalPlan, { description: 'Records that the person signed the plan; its steps can then start.' })
  async signPersonalPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SignPersonalPlanInput) input: SignPersonalPlanInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<PersonalPlan> {
    const { id } = await runMutation(ctx, { operation: 'signPersonalPlan', idempotencyKey, input }, async (m) => {
      const plan = await referenced(m, PersonalPlan, input.planId, 'input.planId', 'personal plan', true);
      assertOwnsCase(ctx, await referenced(m, Case, plan.caseId, 'input.planId', 'case'));
      checkVersion(plan, input.expectedVersion, 'The plan');
      if (plan.status !== 'DRAFT') throw badInput({ field: 'input.planId', message: `only a DRAFT plan can be signed; this one is ${plan.status}` });
      if (input.signedOn > today()) throw badInput({ field: 'input.signedOn', message: 'must not be in the future' });
      const stepCount = await m.getRepository(PlanStep).countBy({ planId: plan.id });
      if (stepCount === 0) throw badInput({ field: 'input.planId', message: 'a plan needs at least one step before it is signed' });
      plan.status = 'SIGNED';
      plan.signedOn = input.signedOn;
      await m.getRepository(PersonalPlan).save(plan);
      return plan.id;
    });
    return reloaded(ctx, PersonalPlan, id, 'personal plan');
  }

  @Mutation(() => PersonalPlan, { description: 'Completes or cancels a plan.' })
  async changePlanStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePlanStatusInput) input: ChangePlanStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<PersonalPlan> {
    const { id } = await runMutation(ctx, { operation: 'changePlanStatus', idempotencyKey, input }, async (m) => {
      const plan = await referenced(m, PersonalPlan, input.planId, 'input.planId', 'personal plan', true);
      assertOwnsCase(ctx, await referenced(m, Case, plan.caseId, 'input.planId', 'case'));
      checkVersion(plan, input.expectedVersion, 'The plan');
      if (input.status === 'SIGNED') throw badInput({ field: 'input.status', message: 'use signPersonalPlan to record the signature' });
      if (!PLAN_TRANSITIONS[plan.status].includes(input.status)) {
        throw badInput({ field: 'input.status', message: `a ${plan.status} plan cannot become ${input.status}` });
      }
      plan.status = input.status;
      await m.getRepository(PersonalPlan).save(plan);
      return plan.id;
    });
    return reloaded(ctx, PersonalPlan, id, 'personal plan');
  }

  @Mutation(() => PlanStep, { description: 'Moves a step along as its owner records the activity.' })
  async changePlanStepStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePlanStepStatusInput) input: ChangePlanStepStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<PlanStep> {
    const { id } = await runMutation(ctx, { operation: 'changePlanStepStatus', idempotencyKey, input }, async (m) => {
      const step = await referenced(m, PlanStep, input.stepId, 'input.stepId', 'plan step', true);
      const plan = await referenced(m, PersonalPlan, step.planId, 'input.stepId', 'personal plan');
      const theCase = await referenced(m, Case, plan.caseId, 'input.stepId', 'case');
      // The partner that owns the step records its progress while the person's data is shared with
      // it (the case team and consent); the case manager of the case may too.
      if (step.ownerOrganisationId !== ctx.principal.organisationId) assertOwnsCase(ctx, theCase);
      if (!(await personVisibilityIn(ctx, m, theCase.personId))) {
        throw forbidden("input.stepId: the person's data is no longer shared with your organisation (case team and consent)", 'input.stepId');
      }
      checkVersion(step, input.expectedVersion, 'The step');
      if (input.status === 'IN_PROGRESS' && plan.status !== 'SIGNED') {
        throw badInput({ field: 'input.status', message: 'a step can start only once the person has signed the plan' });
      }
      if (!STEP_TRANSITIONS[step.status].includes(input.status)) {
        throw badInput({ field: 'input.status', message: `a ${step.status} step cannot become ${input.status}` });
      }
      step.status = input.status;
      if (input.description != null) step.description = input.description;
      await m.getRepository(PlanStep).save(step);
      return step.id;
    });
    // The step is read as the caller stands with the person now: a retry gets what a read would.
    const step = await reloaded(ctx, PlanStep, id, 'plan step');
    const theCase = await byId(ctx, Case).load((await byId(ctx, PersonalPlan).load(step.planId))!.caseId);
    return ctx.access.vouch(step, await personVisibility(ctx, theCase!.personId), theCase!.personId);
  }
}

@Resolver(() => PlanStep)
export class PlanStepResolver {
  @FieldResolver(() => Organisation)
  async ownerOrganisation(@Root() step: PlanStep, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(step.ownerOrganisationId);
  }

  @FieldResolver(() => [Referral], { description: 'Referrals made for this step.' })
  async referrals(@Root() step: PlanStep, @Ctx() ctx: RequestContext): Promise<Referral[]> {
    return groupedBy(ctx, Referral, 'planStepId', { orderBy: { sentAt: 'DESC', id: 'ASC' } }).load(step.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "For the partner carrying out an internship step: pass it with the step's id to createInternship (valid 30 minutes, for you alone). "
      + 'Null unless the step is an INTERNSHIP your organisation owns, PLANNED or IN_PROGRESS, of a plan the person signed, on a live case whose data is shared with you.',
  })
  async placementToken(@Root() step: PlanStep, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (step.kind !== 'INTERNSHIP' || !PLACEABLE.has(step.status) || step.ownerOrganisationId !== ctx.principal.organisationId) return null;
    const plan = await byId(ctx, PersonalPlan).load(step.planId);
    if (plan?.status !== 'SIGNED') return null;
    const theCase = await byId(ctx, Case).load(plan.caseId);
    if (!theCase || theCase.status === 'CLOSED' || !(await personVisibility(ctx, theCase.personId))) return null;
    const sub = placementSubject({ personId: theCase.personId, programmeId: theCase.programmeId, stepId: step.id });
    return ctx.access.grant('plan-step', sub, { ttlSeconds: PLACEMENT_TOKEN_TTL_SECONDS });
  }
}
