import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { internshipChanged, statusChange } from '../events/events';
import {
  assertNotErased, badInput, byId, connectionType, escoOccupationProblem, forbidden, groupedBy, keysetPage, PageArgs, ProblemList, readPlacement,
  runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { AllowancePayment } from '../allowance/allowance-payment.type';
import {
  OccupationRef, occupationRef, OrganisationRef, organisationRef, PersonRef, personRef, ProgrammeRef, programmeRef,
} from '../common/references';
import {
  checkDateOrder, checkForeignId, checkVersion, conflictsAsErrors, isUuid, referenced, reloaded, today, withArticle,
} from '../common/rules';
import { Company } from '../company/company.type';
import { Opportunity } from '../scouting/scouting.type';
import { CompanyTutor } from '../tutor/tutor.type';
import { TutoringVisit } from '../tutoring/tutoring-visit.type';
import { ChangeInternshipStatusInput, CreateInternshipInput, InternshipsFilter, UpdateInternshipInput } from './internship.input';
import {
  assertPersonFree, checkAgainstRules, checkTutorCapacity, INTERNSHIP_CONSTRAINTS, INTERNSHIP_TRANSITIONS, OUTCOMES_ON, rulesFor,
  type InternshipTerms,
} from './internship.service';
import { Internship } from './internship.type';
import { assertPromotes } from '../access/holders';

export const InternshipConnection = connectionType(Internship, 'Internship');

const TERM_FIELDS = { allowance: 'input.monthlyAllowanceCents', hours: 'input.weeklyHours', endDate: 'input.endDate' };
const TUTOR_FIELD = 'input.companyTutorId';

/** The host company's tutor must be one of its own, active, and below the limit of interns at once. */
async function checkTutor(m: EntityManager, problems: ProblemList, tutorId: string, companyId: string, span: InternshipTerms, exceptId?: string): Promise<void> {
  // Locked so that concurrent placements with one tutor are counted one after the other.
  const tutor = await referenced(m, CompanyTutor, tutorId, TUTOR_FIELD, 'company tutor', true);
  if (tutor.companyId !== companyId) problems.add(TUTOR_FIELD, 'is a tutor of another company');
  else if (!tutor.active) problems.add(TUTOR_FIELD, 'is no longer an active tutor');
  else await checkTutorCapacity(m, problems, TUTOR_FIELD, tutor.id, span, exceptId);
}

const ASK_FOR_TOKEN = "ask social services for the step's PlanStep.placementToken first (it is given to the user of the organisation that carries out "
  + 'the INTERNSHIP step of a plan the person signed, for 30 minutes)';

/**
 * An internship carries out a step of a personal plan the person signed: social services vouch for it
 * with the step's placement token, for this caller, this person, this programme and this step.
 */
function assertPlacementVouched(ctx: RequestContext, input: CreateInternshipInput): void {
  const placement = readPlacement(ctx, input.planStepToken);
  if (!placement) {
    throw forbidden(`input.planStepToken: not a valid placement token for you, or expired: ${ASK_FOR_TOKEN}`, 'input.planStepToken');
  }
  const problems = new ProblemList();
  if (placement.stepId !== input.planStepId) problems.add('input.planStepToken', `is for another plan step than input.planStepId: ${ASK_FOR_TOKEN}`);
  if (placement.personId !== input.personId) problems.add('input.planStepToken', `is for another person than input.personId: ${ASK_FOR_TOKEN}`);
  if (placement.programmeId !== input.programmeId) problems.add('input.planStepToken', `is for another programme than input.programmeId: ${ASK_FOR_TOKEN}`);
  problems.throwIfAny();
}

@Resolver(() => Internship)
export class InternshipResolver {
  @Query(() => Internship, { nullable: true })
  async internship(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Internship | null> {
    return isUuid(id) ? byId(ctx, Internship).load(id) : null;
  }

  @Query(() => InternshipConnection, {
    nullable: true,
    description: "Internships your organisation promotes (company network) or hosts (a host company's users), earliest start first.",
  })
  async internships(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => InternshipsFilter, { nullable: true }) filter?: InternshipsFilter | null,
  ): Promise<Connection<Internship>> {
    const qb = ctx.db.getRepository(Internship).createQueryBuilder('i');
    const promoted = 'i.promoter_organisation_id = :caller';
    const hosted = 'i.company_id IN (SELECT c.id FROM company c WHERE c.organisation_id = :caller)';
    const scope = [ctx.access.hasRole('company_network_operator') && promoted, ctx.access.hasRole('company_tutor') && hosted].filter(Boolean);
    qb.where(`(${scope.join(' OR ')})`, { caller: ctx.principal.organisationId });
    const problems = new ProblemList();
    for (const [key, column] of [['programmeId', 'programme_id'], ['companyId', 'company_id'], ['personId', 'person_id']] as const) {
      const value = filter?.[key];
      if (!value) continue;
      checkForeignId(problems, `filter.${key}`, value);
      qb.andWhere(`i.${column} = :${key}`, { [key]: value });
    }
    problems.throwIfAny();
    if (filter?.status) qb.andWhere('i.status = :status', { status: filter.status });
    return keysetPage(ctx, qb, [
      { column: 'i.start_date', property: 'startDate' },
      { column: 'i.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => PersonRef, { description: 'The intern.' })
  person(@Root() i: Internship): PersonRef {
    return personRef(i.personId);
  }

  @FieldResolver(() => ProgrammeRef)
  programme(@Root() i: Internship): ProgrammeRef {
    return programmeRef(i.programmeId);
  }

  @FieldResolver(() => OrganisationRef, { description: 'The promoter: usually the company network or the employment centre.' })
  promoterOrganisation(@Root() i: Internship): OrganisationRef {
    return organisationRef(i.promoterOrganisationId)!;
  }

  @FieldResolver(() => Company, { description: 'The host company.' })
  async company(@Root() i: Internship, @Ctx() ctx: RequestContext): Promise<Company | null> {
    return byId(ctx, Company).load(i.companyId);
  }

  @FieldResolver(() => CompanyTutor)
  async companyTutor(@Root() i: Internship, @Ctx() ctx: RequestContext): Promise<CompanyTutor | null> {
    return byId(ctx, CompanyTutor).load(i.companyTutorId);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The scouting opportunity it takes up, if any.' })
  async opportunity(@Root() i: Internship, @Ctx() ctx: RequestContext): Promise<Opportunity | null> {
    return i.opportunityId ? byId(ctx, Opportunity).load(i.opportunityId) : null;
  }

  @FieldResolver(() => OccupationRef, { nullable: true })
  occupation(@Root() i: Internship): OccupationRef | null {
    return occupationRef(i.occupationUri);
  }

  @FieldResolver(() => [AllowancePayment], { nullable: true, description: 'Allowance paid, by month.' })
  async allowancePayments(@Root() i: Internship, @Ctx() ctx: RequestContext): Promise<AllowancePayment[]> {
    return groupedBy(ctx, AllowancePayment, 'internshipId', { orderBy: { month: 'ASC', id: 'ASC' } }).load(i.id);
  }

  @FieldResolver(() => [TutoringVisit], { description: 'Tutoring visits, oldest first.' })
  async tutoringVisits(@Root() i: Internship, @Ctx() ctx: RequestContext): Promise<TutoringVisit[]> {
    return groupedBy(ctx, TutoringVisit, 'internshipId', { orderBy: { visitedOn: 'ASC', id: 'ASC' } }).load(i.id);
  }

  @Mutation(() => Internship, {
    description: "Plans an internship (PLANNED) for an INTERNSHIP step of the person's signed personal plan (with the step's placement token from social services), "
      + "within the programme's rules for allowance, hours and duration.",
  })
  async createInternship(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateInternshipInput) input: CreateInternshipInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Internship> {
    const promoterOrganisationId = input.promoterOrganisationId ?? ctx.principal.organisationId;
    if (promoterOrganisationId !== ctx.principal.organisationId) {
      throw forbidden('input.promoterOrganisationId: an organisation records the internships it promotes itself', 'input.promoterOrganisationId');
    }
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId);
    checkForeignId(problems, 'input.programmeId', input.programmeId);
    checkForeignId(problems, 'input.planStepId', input.planStepId);
    checkForeignId(problems, 'input.promoterOrganisationId', promoterOrganisationId);
    if (input.occupationUri) {
      const problem = escoOccupationProblem(input.occupationUri);
      if (problem) problems.add('input.occupationUri', problem);
    }
    checkDateOrder(problems, 'startDate', input.startDate, 'input.endDate', input.endDate);
    problems.throwIfAny();
    assertPlacementVouched(ctx, input);
    // A retry may carry a fresh token for the same step: the request is the rest of the input.
    const { planStepToken: _token, ...request } = input;
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'createInternship', idempotencyKey, input: request }, async (m) => {
      await assertNotErased(m, input.personId, 'input.personId');
      const rules = await rulesFor(m, input.programmeId);
      const company = await referenced(m, Company, input.companyId, 'input.companyId', 'company');
      const placement = new ProblemList();
      checkAgainstRules(placement, rules, input, TERM_FIELDS);
      if (input.opportunityId) {
        const opportunity = await referenced(m, Opportunity, input.opportunityId, 'input.opportunityId', 'opportunity');
        if (opportunity.companyId !== company.id) placement.add('input.opportunityId', 'was found at another company');
        else if (opportunity.programmeId !== input.programmeId) placement.add('input.opportunityId', 'belongs to another programme');
        else if (opportunity.status === 'CLOSED') placement.add('input.opportunityId', 'is closed');
      }
      await checkTutor(m, placement, input.companyTutorId, company.id, input);
      placement.throwIfAny();
      await assertPersonFree(m, input.personId, input, promoterOrganisationId);
      const repo = m.getRepository(Internship);
      const saved = await repo.save(repo.create({
        personId: input.personId,
        programmeId: input.programmeId,
        planStepId: input.planStepId,
        promoterOrganisationId,
        companyId: company.id,
        companyTutorId: input.companyTutorId,
        promoterTutorName: input.promoterTutorName.trim(),
        opportunityId: input.opportunityId ?? null,
        occupationUri: input.occupationUri ?? null,
        startDate: input.startDate,
        endDate: input.endDate,
        weeklyHours: input.weeklyHours,
        monthlyAllowanceCents: input.monthlyAllowanceCents,
        status: 'PLANNED',
        outcome: null,
        startedOn: null,
        interruptedOn: null,
        interruptionReason: null,
      }));
      await internshipChanged(m, saved, 'planned');
      return saved.id;
    }), INTERNSHIP_CONSTRAINTS);
    return reloaded(ctx, Internship, id, 'internship');
  }

  @Mutation(() => Internship, { description: 'Changes the tutors of a live internship, or the dates, hours and allowance of a PLANNED one.' })
  async updateInternship(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateInternshipInput) input: UpdateInternshipInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Internship> {
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'updateInternship', idempotencyKey, input }, async (m) => {
      const internship = await referenced(m, Internship, input.internshipId, 'input.internshipId', 'internship', true);
      assertPromotes(ctx, internship);
      checkVersion(internship, input.expectedVersion, 'The internship');
      const problems = new ProblemList();
      if (internship.status === 'COMPLETED' || internship.status === 'INTERRUPTED') {
        throw badInput({ field: 'input.internshipId', message: `the internship is ${internship.status}` });
      }
      const termKeys = ['startDate', 'endDate', 'weeklyHours', 'monthlyAllowanceCents'] as const;
      const termsChange = termKeys.some((k) => input[k] != null);
      if (termsChange && internship.status !== 'PLANNED') {
        for (const k of termKeys) if (input[k] != null) problems.add(`input.${k}`, `changes only while the internship is PLANNED; it is ${internship.status}`);
        problems.throwIfAny();
      }
      const terms: InternshipTerms = {
        startDate: input.startDate ?? internship.startDate,
        endDate: input.endDate ?? internship.endDate,
        weeklyHours: input.weeklyHours ?? internship.weeklyHours,
        monthlyAllowanceCents: input.monthlyAllowanceCents ?? internship.monthlyAllowanceCents,
      };
      checkDateOrder(problems, 'startDate', terms.startDate, 'input.endDate', terms.endDate);
      problems.throwIfAny();
      if (termsChange) checkAgainstRules(problems, await rulesFor(m, internship.programmeId), terms, TERM_FIELDS);
      const tutorId = input.companyTutorId ?? internship.companyTutorId;
      if (input.companyTutorId != null || termsChange) await checkTutor(m, problems, tutorId, internship.companyId, terms, internship.id);
      problems.throwIfAny();
      if (termsChange) await assertPersonFree(m, internship.personId, terms, internship.promoterOrganisationId, internship.id);
      Object.assign(internship, terms, { companyTutorId: tutorId });
      if (input.promoterTutorName != null) internship.promoterTutorName = input.promoterTutorName.trim();
      await m.getRepository(Internship).save(internship);
      await internshipChanged(m, internship, 'updated');
      return internship.id;
    }), INTERNSHIP_CONSTRAINTS);
    return reloaded(ctx, Internship, id, 'internship');
  }

  @Mutation(() => Internship, { description: 'Starts, suspends, resumes, completes (with the outcome) or interrupts (with the reason) an internship.' })
  async changeInternshipStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeInternshipStatusInput) input: ChangeInternshipStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Internship> {
    const { id } = await conflictsAsErrors(() => runMutation(ctx, { operation: 'changeInternshipStatus', idempotencyKey, input }, async (m) => {
      const internship = await referenced(m, Internship, input.internshipId, 'input.internshipId', 'internship', true);
      assertPromotes(ctx, internship);
      checkVersion(internship, input.expectedVersion, 'The internship');
      const from = internship.status;
      const to = input.status;
      if (!INTERNSHIP_TRANSITIONS[from].includes(to)) {
        throw badInput({ field: 'input.status', message: `${withArticle(from)} internship cannot become ${to}` });
      }
      const problems = new ProblemList();
      const outcomes = OUTCOMES_ON[to];
      if (outcomes) {
        if (!input.outcome) problems.add('input.outcome', `is required when an internship becomes ${to}`);
        else if (!outcomes.includes(input.outcome)) problems.add('input.outcome', `${withArticle(to)} internship ends with ${outcomes.join(' or ')}, not ${input.outcome}`);
      } else if (input.outcome) {
        problems.add('input.outcome', 'only applies when completing or interrupting');
      }
      const starting = from === 'PLANNED' && to === 'ACTIVE';
      const startedOn = starting ? input.startedOn ?? internship.startDate : internship.startedOn;
      if (starting) {
        if (startedOn! < internship.startDate || startedOn! > internship.endDate) {
          problems.add('input.startedOn', `must fall within the internship (${internship.startDate} to ${internship.endDate})`);
        } else if (startedOn! > today()) {
          problems.add(input.startedOn ? 'input.startedOn' : 'input.status', `the internship starts on ${startedOn}; it cannot be started before then`);
        }
        // The programme's bounds may have tightened since the internship was planned.
        const rules = await rulesFor(m, internship.programmeId);
        checkAgainstRules(problems, rules, internship, { allowance: 'input.status', hours: 'input.status', endDate: 'input.status' });
      } else if (input.startedOn) {
        problems.add('input.startedOn', 'only applies when a PLANNED internship starts');
      }
      if (to === 'INTERRUPTED') {
        if (!input.interruptionReason) problems.add('input.interruptionReason', 'is required when interrupting an internship');
        if (!input.interruptedOn) {
          problems.add('input.interruptedOn', 'is required when interrupting an internship');
        } else if (input.interruptedOn > internship.endDate) {
          problems.add('input.interruptedOn', `must not be after the planned end (${internship.endDate})`);
        } else if (startedOn && input.interruptedOn < startedOn) {
          problems.add('input.interruptedOn', `must not be before the internship started (${startedOn})`);
        } else if (input.interruptedOn > today()) {
          problems.add('input.interruptedOn', 'must not be in the future');
        }
      } else if (input.interruptedOn || input.interruptionReason) {
        problems.add(input.interruptedOn ? 'input.interruptedOn' : 'input.interruptionReason', 'only applies when interrupting an internship');
      }
      problems.throwIfAny();
      // Live internships never overlap, and the set only shrinks; the check is repeated in case rows arrived by other paths.
      if (starting) await assertPersonFree(m, internship.personId, internship, internship.promoterOrganisationId, internship.id);
      internship.status = to;
      internship.startedOn = startedOn;
      if (outcomes) internship.outcome = input.outcome!;
      if (to === 'INTERRUPTED') {
        internship.interruptedOn = input.interruptedOn!;
        internship.interruptionReason = input.interruptionReason!;
      }
      await m.getRepository(Internship).save(internship);
      await internshipChanged(m, internship, statusChange(from, to));
      return internship.id;
    }), INTERNSHIP_CONSTRAINTS);
    return reloaded(ctx, Internship, id, 'internship');
  }
}
