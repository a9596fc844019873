import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import {
  badInput, byId, conflict, connectionType, keysetPage, PageArgs, ProblemList, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { assertHolds, assertRegisteredHere } from '../access/holders';
import { checkForeignId, checkVersion, isUniqueViolation, isUuid, referenced, reloaded } from '../common/rules';
import { OrganisationRef, PersonRef, ProgrammeRef, ref } from '../federation/references';
import { Hire } from '../hire/hire.type';
import { Candidate, candidateProfile } from '../matching/candidate';
import { MatchExplanation } from '../matching/match.type';
import { assessOwnJobSeeker } from '../matching/matching.service';
import { explanationFrom, snapshotOf } from '../matching/scoring';
import { Vacancy } from '../vacancy/vacancy.type';
import { ChangeProposalStatusInput, ProposalsFilter, ProposeCandidateInput } from './proposal.input';
import { checkReason, checkTransition, HOLDS_THE_PAIR, LIVE_STATUSES, moveProposal } from './proposal.service';
import { VacancyProposal } from './proposal.type';

export const VacancyProposalConnection = connectionType(VacancyProposal, 'VacancyProposal');

const duplicateProposal = () => conflict(
  'The person is already proposed to this vacancy (a proposal PROPOSED, INTERVIEW, ACCEPTED or HIRED); propose them again only once that one was rejected or withdrawn',
  'input.personId',
);

@Resolver(() => VacancyProposal)
export class VacancyProposalResolver {
  @Query(() => VacancyProposal, { nullable: true })
  async proposal(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<VacancyProposal | null> {
    return isUuid(id) ? byId(ctx, VacancyProposal).load(id) : null;
  }

  @Query(() => VacancyProposalConnection, { nullable: true, description: 'Candidates your employment centre proposed to vacancies, earliest proposal first.' })
  async proposals(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ProposalsFilter, { nullable: true }) filter?: ProposalsFilter | null,
  ): Promise<Connection<VacancyProposal>> {
    const qb = ctx.db.getRepository(VacancyProposal).createQueryBuilder('p');
    qb.where('p.organisation_id = :centre', { centre: ctx.principal.organisationId });
    if (filter?.vacancyId) {
      if (!isUuid(filter.vacancyId)) throw badInput({ field: 'filter.vacancyId', message: 'not a valid id' });
      qb.andWhere('p.vacancy_id = :vacancyId', { vacancyId: filter.vacancyId });
    }
    if (filter?.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter?.live != null) qb.andWhere(`p.status ${filter.live ? 'IN' : 'NOT IN'} (:...live)`, { live: LIVE_STATUSES });
    return keysetPage(ctx, qb, [
      { column: 'p.created_at', property: 'proposedAt' },
      { column: 'p.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Vacancy)
  async vacancy(@Root() p: VacancyProposal, @Ctx() ctx: RequestContext): Promise<Vacancy> {
    return (await byId(ctx, Vacancy).load(p.vacancyId))!;
  }

  @FieldResolver(() => PersonRef, { nullable: true, description: 'The job seeker proposed; host companies see the pseudonymised `candidate` instead.' })
  person(@Root() p: VacancyProposal): PersonRef {
    return ref(p.personId);
  }

  @FieldResolver(() => Candidate, { description: 'The job seeker as a company sees them (pseudonymised): the same pseudonym as among the vacancy’s candidates.' })
  candidate(@Root() p: VacancyProposal, @Ctx() ctx: RequestContext): Promise<Candidate> {
    return candidateProfile(ctx, p.personId);
  }

  @FieldResolver(() => OrganisationRef, { description: 'The employment centre that proposed the candidate.' })
  proposedBy(@Root() p: VacancyProposal): OrganisationRef {
    return ref(p.organisationId);
  }

  @FieldResolver(() => ProgrammeRef, { description: 'The programme the candidate was proposed under (of their registration).' })
  programme(@Root() p: VacancyProposal): ProgrammeRef {
    return ref(p.programmeId);
  }

  @FieldResolver(() => MatchExplanation, { description: 'Why the candidate matched the vacancy, as it stood when they were proposed.' })
  explanation(@Root() p: VacancyProposal): MatchExplanation {
    return explanationFrom(p.explanation);
  }

  @FieldResolver(() => Hire, { nullable: true, description: 'The hire the proposal ended in (status HIRED).' })
  async hire(@Root() p: VacancyProposal, @Ctx() ctx: RequestContext): Promise<Hire | null> {
    return p.hireId ? byId(ctx, Hire).load(p.hireId) : null;
  }

  @Mutation(() => VacancyProposal, {
    description:
      'Proposes a job seeker of your employment centre to one of its open vacancies, keeping the match score and explanation of the moment. ' +
      'One proposal per person and vacancy at a time: again only once an earlier one was rejected or withdrawn.',
  })
  async proposeCandidate(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ProposeCandidateInput) input: ProposeCandidateInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<VacancyProposal> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    problems.throwIfAny();
    let id: string;
    try {
      ({ id } = await runMutation(ctx, { operation: 'proposeCandidate', idempotencyKey, input }, async (m) => {
        // Shared lock: proposals to one vacancy go together, and a vacancy does not close under them.
        const vacancy = await referenced(m, Vacancy, input.vacancyId, 'input.vacancyId', 'vacancy', 'shared');
        assertHolds(ctx, vacancy.organisationId, 'The vacancy');
        if (vacancy.status !== 'OPEN') {
          throw badInput({ field: 'input.vacancyId', message: `the vacancy is ${vacancy.status} (since ${vacancy.closedOn}): candidates are proposed to open vacancies only` });
        }
        await assertRegisteredHere(ctx, m, input.personId, 'input.personId');
        const repo = m.getRepository(VacancyProposal);
        if (await repo.existsBy({ vacancyId: vacancy.id, personId: input.personId, status: In([...HOLDS_THE_PAIR]) })) throw duplicateProposal();
        const scored = await assessOwnJobSeeker(m, ctx.principal.organisationId, input.personId, vacancy);
        // assertRegisteredHere found the registration this reads.
        if (!scored) throw badInput({ field: 'input.personId', message: 'the person is not registered as a job seeker at your employment centre' });
        const saved = await repo.save(repo.create({
          vacancyId: vacancy.id,
          personId: input.personId,
          organisationId: ctx.principal.organisationId,
          companyId: vacancy.companyId,
          programmeId: scored.profile.programmeId,
          status: 'PROPOSED',
          score: scored.assessment.score,
          explanation: snapshotOf(scored.assessment),
          note: input.note,
          reason: null,
          hireId: null,
        }));
        return saved.id;
      }));
    } catch (err) {
      // A concurrent proposal of the same pair committed first.
      if (isUniqueViolation(err, 'vacancy_proposal_once')) throw duplicateProposal();
      throw err;
    }
    return reloaded(ctx, VacancyProposal, id, 'proposal');
  }

  @Mutation(() => VacancyProposal, {
    description:
      'Records what became of a proposal: INTERVIEW, ACCEPTED, REJECTED (with the reason) or WITHDRAWN (with the reason). HIRED comes from recordHire with the proposal.',
  })
  async changeProposalStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeProposalStatusInput) input: ChangeProposalStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<VacancyProposal> {
    const { id } = await runMutation(ctx, { operation: 'changeProposalStatus', idempotencyKey, input }, async (m) => {
      const p = await referenced(m, VacancyProposal, input.proposalId, 'input.proposalId', 'proposal', true);
      assertHolds(ctx, p.organisationId, 'The proposal');
      checkVersion(p, input.expectedVersion, 'The proposal');
      checkTransition(p.status, input.status);
      const problems = new ProblemList();
      const reason = checkReason(problems, input.status, input.reason);
      problems.throwIfAny();
      await moveProposal(m, p.id, input.status, reason);
      return p.id;
    });
    return reloaded(ctx, VacancyProposal, id, 'proposal');
  }
}
