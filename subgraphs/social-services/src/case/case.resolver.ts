import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, InputType, Field, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, byId, conflict, connectionType, groupedBy, keysetPage, PageArgs, ProblemList, runMutation,
  type Connection, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { assertOwnsCase, assertOwnsPerson, listedSql, standingSql } from '../access/standing';
import { Assessment } from '../assessment/assessment.type';
import { CaseStatus } from '../common/enums';
import { checkVersion, isUuid, referenced, reloaded } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { Person } from '../person/person.type';
import { PersonalPlan } from '../plan/plan.type';
import { Programme } from '../programme/programme.type';
import { Referral } from '../referral/referral.type';
import { AddTeamMemberInput, ChangeCaseStatusInput, OpenCaseInput, RemoveTeamMemberInput, type TeamMemberInput } from './case.input';
import { Case, CaseTeamMember } from './case.type';

export const CaseConnection = connectionType(Case, 'Case');

@InputType()
export class CasesFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus | null;
}

/** Which status changes a case may make. A closed case stays closed: a new taking in charge opens a new case. */
const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  OPEN: ['SUSPENDED', 'CLOSED'],
  SUSPENDED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

export function teamOf(ctx: RequestContext) {
  return groupedBy(ctx, CaseTeamMember, 'caseId', { orderBy: { joinedOn: 'ASC', id: 'ASC' } });
}

async function addMembers(m: EntityManager, caseId: string, members: readonly TeamMemberInput[], joinedOn: string, field: string): Promise<void> {
  for (const [i, member] of members.entries()) {
    await referenced(m, Organisation, member.organisationId, `${field}.${i}.organisationId`, 'organisation');
  }
  const repo = m.getRepository(CaseTeamMember);
  await repo.save(members.map((member) => repo.create({ ...member, caseId, joinedOn, leftOn: null })));
}

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { nullable: true })
  async case(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Case | null> {
    return isUuid(id) ? byId(ctx, Case).load(id) : null;
  }

  @Query(() => CaseConnection, { nullable: true, description: 'Cases the caller may see (those of the people it may see), oldest taking in charge first.' })
  async cases(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CasesFilter, { nullable: true }) filter?: CasesFilter | null,
  ): Promise<Connection<Case>> {
    const qb = ctx.db.getRepository(Case).createQueryBuilder('c');
    const visible = listedSql(ctx, standingSql('p', ':caller'));
    qb.where(`EXISTS (SELECT 1 FROM person p WHERE p.id = c.person_id AND ${visible})`, { caller: ctx.principal.organisationId });
    if (filter?.programmeId) {
      if (!isUuid(filter.programmeId)) throw badInput({ field: 'filter.programmeId', message: 'not a valid id' });
      qb.andWhere('c.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    if (filter?.status) qb.andWhere('c.status = :status', { status: filter.status });
    return keysetPage(ctx, qb, [
      { column: 'c.opened_on', property: 'openedOn' },
      { column: 'c.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Person, { nullable: true })
  async person(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Person | null> {
    return byId(ctx, Person).load(c.personId);
  }

  @FieldResolver(() => Programme)
  async programme(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Programme | null> {
    return byId(ctx, Programme).load(c.programmeId);
  }

  @FieldResolver(() => Organisation, { description: 'The social services that took the person in charge.' })
  async ownerOrganisation(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(c.ownerOrganisationId);
  }

  @FieldResolver(() => [CaseTeamMember], { description: 'The équipe: every member, past ones with their leaving date.' })
  async team(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<CaseTeamMember[]> {
    const team = await teamOf(ctx).load(c.id);
    // The case manager leads the équipe and is listed first; the rest by joining date.
    return [...team].sort((a, b) => Number(b.role === 'CASE_MANAGER') - Number(a.role === 'CASE_MANAGER'));
  }

  @FieldResolver(() => [Assessment], { description: 'Multidimensional evaluations, latest first.' })
  async assessments(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Assessment[]> {
    return groupedBy(ctx, Assessment, 'caseId', { orderBy: { assessedOn: 'DESC', id: 'ASC' } }).load(c.id);
  }

  @FieldResolver(() => PersonalPlan, { nullable: true, description: 'The plan in force: the draft or signed one, else the latest.' })
  async plan(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<PersonalPlan | null> {
    const plans = await plansOf(ctx).load(c.id);
    return plans.find((p) => p.status === 'DRAFT' || p.status === 'SIGNED') ?? plans[0] ?? null;
  }

  @FieldResolver(() => [PersonalPlan], { description: 'Every plan of the case, latest first.' })
  async plans(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<PersonalPlan[]> {
    return plansOf(ctx).load(c.id);
  }

  @FieldResolver(() => [Referral])
  async referrals(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Referral[]> {
    return groupedBy(ctx, Referral, 'caseId', { orderBy: { sentAt: 'DESC', id: 'ASC' } }).load(c.id);
  }

  @Mutation(() => Case, { description: 'Takes a person in charge within a programme (presa in carico).' })
  async openCase(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OpenCaseInput) input: OpenCaseInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Case> {
    const { id } = await runMutation(ctx, { operation: 'openCase', idempotencyKey, input }, async (m) => {
      const person = await referenced(m, Person, input.personId, 'input.personId', 'person', true);
      await assertOwnsPerson(ctx, m, person.id);
      const programme = await referenced(m, Programme, input.programmeId, 'input.programmeId', 'programme');
      const owner = await m.getRepository(Organisation).findOneBy({ id: ctx.principal.organisationId });
      if (!owner || owner.kind !== 'SOCIAL_SERVICES') throw badInput({ field: 'input', message: 'only a social services organisation in the registry can take a person in charge' });
      const problems = new ProblemList();
      if (input.openedOn < programme.startDate || input.openedOn > programme.endDate) {
        problems.add('input.openedOn', `must fall within the programme (${programme.startDate} to ${programme.endDate})`);
      }
      if (input.openedOn < person.birthDate) problems.add('input.openedOn', 'must not be before the birth date');
      if (!programme.territory.includes(person.residenceMunicipalityCode)) {
        problems.add('input.personId', "the person does not live in the programme's territory");
      }
      problems.throwIfAny();
      const live = await m.getRepository(Case).findOne({ where: { personId: person.id, programmeId: programme.id, status: 'OPEN' } })
        ?? await m.getRepository(Case).findOne({ where: { personId: person.id, programmeId: programme.id, status: 'SUSPENDED' } });
      if (live) throw conflict('The person already has a live case in this programme', 'input.personId');
      const repo = m.getRepository(Case);
      const c = await repo.save(repo.create({
        personId: person.id,
        programmeId: programme.id,
        ownerOrganisationId: owner.id,
        status: 'OPEN',
        openedOn: input.openedOn,
        closedOn: null,
        closureReason: null,
        caseManagerName: input.caseManagerName,
      }));
      await addMembers(m, c.id, input.team, input.openedOn, 'input.team');
      await m.getRepository(CaseTeamMember).save({ caseId: c.id, organisationId: owner.id, role: 'CASE_MANAGER', operatorName: input.caseManagerName, joinedOn: input.openedOn, leftOn: null });
      return c.id;
    });
    return reloaded(ctx, Case, id, 'case');
  }

  @Mutation(() => Case, { description: 'Suspends, resumes or closes a case.' })
  async changeCaseStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeCaseStatusInput) input: ChangeCaseStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Case> {
    const { id } = await runMutation(ctx, { operation: 'changeCaseStatus', idempotencyKey, input }, async (m) => {
      const c = await referenced(m, Case, input.caseId, 'input.caseId', 'case', true);
      assertOwnsCase(ctx, c);
      checkVersion(c, input.expectedVersion, 'The case');
      if (!CASE_TRANSITIONS[c.status].includes(input.status)) {
        throw badInput({ field: 'input.status', message: `a ${c.status} case cannot become ${input.status}` });
      }
      const problems = new ProblemList();
      if (input.status === 'CLOSED') {
        if (!input.closedOn) problems.add('input.closedOn', 'is required when closing a case');
        else if (input.closedOn < c.openedOn) problems.add('input.closedOn', `must not be before the case was opened (${c.openedOn})`);
        if (!input.closureReason) problems.add('input.closureReason', 'is required when closing a case');
      } else if (input.closedOn || input.closureReason) {
        problems.add(input.closedOn ? 'input.closedOn' : 'input.closureReason', 'only applies when closing a case');
      }
      problems.throwIfAny();
      c.status = input.status;
      c.closedOn = input.closedOn ?? null;
      c.closureReason = input.closureReason ?? null;
      await m.getRepository(Case).save(c);
      return c.id;
    });
    return reloaded(ctx, Case, id, 'case');
  }

  @Mutation(() => Case, { description: "Adds a partner's professional to the case team." })
  async addCaseTeamMember(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddTeamMemberInput) input: AddTeamMemberInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Case> {
    const { id } = await runMutation(ctx, { operation: 'addCaseTeamMember', idempotencyKey, input }, async (m) => {
      const c = await referenced(m, Case, input.caseId, 'input.caseId', 'case', true);
      assertOwnsCase(ctx, c);
      if (c.status === 'CLOSED') throw badInput({ field: 'input.caseId', message: 'the case is closed' });
      if (input.joinedOn < c.openedOn) throw badInput({ field: 'input.joinedOn', message: `must not be before the case was opened (${c.openedOn})` });
      const { caseId: _c, joinedOn: _j, ...member } = input;
      await addMembers(m, c.id, [member], input.joinedOn, 'input');
      return c.id;
    });
    return reloaded(ctx, Case, id, 'case');
  }

  @Mutation(() => Case, { description: 'Records that a member left the case team; past membership stays on record.' })
  async removeCaseTeamMember(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RemoveTeamMemberInput) input: RemoveTeamMemberInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Case> {
    const { id } = await runMutation(ctx, { operation: 'removeCaseTeamMember', idempotencyKey, input }, async (m) => {
      const member = await referenced(m, CaseTeamMember, input.memberId, 'input.memberId', 'case team member', true);
      assertOwnsCase(ctx, await referenced(m, Case, member.caseId, 'input.memberId', 'case'));
      if (member.leftOn) throw badInput({ field: 'input.memberId', message: `the member already left on ${member.leftOn}` });
      if (member.role === 'CASE_MANAGER') throw badInput({ field: 'input.memberId', message: 'the case manager cannot leave the team; close or transfer the case' });
      if (input.leftOn < member.joinedOn) throw badInput({ field: 'input.leftOn', message: `must not be before joining (${member.joinedOn})` });
      member.leftOn = input.leftOn;
      await m.getRepository(CaseTeamMember).save(member);
      return member.caseId;
    });
    return reloaded(ctx, Case, id, 'case');
  }
}

export function plansOf(ctx: RequestContext) {
  return groupedBy(ctx, PersonalPlan, 'caseId', { orderBy: { createdAt: 'DESC', id: 'ASC' } });
}

@Resolver(() => CaseTeamMember)
export class CaseTeamMemberResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() member: CaseTeamMember, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(member.organisationId);
  }
}
