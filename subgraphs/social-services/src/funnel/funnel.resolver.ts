import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  byId, cohortPeriod, Records, funnelGrantSubject, funnelId, groupedBy, parseFunnelId, ProblemList, type FunnelKey, type RequestContext,
} from '@intreccio/shared';
import { checkMunicipality } from '../common/rules';
import { Programme, ProgrammePartner } from '../programme/programme.type';
import { tallyFunnel, withholdFunnel, type WithheldFunnel } from './funnel.compute';
import { cohortMembersOf, ownMilestonesOf } from './funnel.sql';
import { FunnelFilter, FunnelStage, OutcomeFunnel, type FunnelSource } from './funnel.type';

/**
 * Who reads a programme's funnel: the coordinators and case managers of its lead body, and the
 * operators of its partners (an employment centre, a training body, the company network). Host
 * companies, data protection officers and anyone outside the programme do not.
 */
export async function mayReadFunnel(ctx: RequestContext, programme: Programme): Promise<boolean> {
  const access = ctx.access;
  if (access.anonymous || access.pseudonymised) return false;
  const org = ctx.principal.organisationId;
  if (access.hasRole('coordinator', 'case_manager') && programme.leadOrganisationId === org) return true;
  if (!access.hasRole('cpi_operator', 'training_operator', 'company_network_operator')) return false;
  const partners = await groupedBy(ctx, ProgrammePartner, 'programmeId', { orderBy: { joinedOn: 'ASC', id: 'ASC' } }).load(programme.id);
  return partners.some((p) => p.organisationId === org);
}

/** The funnel's source from a checked key. */
export function funnelSource(key: FunnelKey): FunnelSource {
  return { id: funnelId(key), key, period: key.cohort ? cohortPeriod(key.cohort) : null };
}

/** A representation from the gateway, with the milestones the other partners added. */
export const funnelEntity = {
  __resolveReference: (ref: Record<string, unknown>): FunnelSource | null => {
    const key = parseFunnelId(ref.id);
    if (!key) return null;
    const text = (name: string) => (typeof ref[name] === 'string' ? (ref[name] as string) : null);
    return {
      ...funnelSource(key),
      trainingMilestones: text('trainingMilestones'),
      internshipMilestones: text('internshipMilestones'),
      employmentMilestones: text('employmentMilestones'),
    };
  },
};

function checkFilter(programme: Programme, filter: FunnelFilter | null | undefined): FunnelKey {
  const problems = new ProblemList();
  const cohort = filter?.cohort?.trim() || null;
  const territory = filter?.territory?.trim().toUpperCase() || null;
  if (cohort) {
    const period = cohortPeriod(cohort);
    if (!period) problems.add('filter.cohort', `${cohort} is not a cohort: give a quarter such as 2025-Q1, or a year such as 2025`);
    else if (period.to < programme.startDate || period.from > programme.endDate) {
      problems.add('filter.cohort', `${cohort} is outside the programme, which runs from ${programme.startDate} to ${programme.endDate}`);
    }
  }
  if (territory) {
    const before = problems.problems.length;
    checkMunicipality(problems, 'filter.territory', territory);
    if (problems.problems.length === before && !programme.territory.includes(territory)) {
      problems.add('filter.territory', `${territory} is not in the programme's territory (${programme.territory.join(', ')})`);
    }
  }
  problems.throwIfAny();
  return { programmeId: programme.id, cohort, territory };
}

@Resolver(() => Programme)
export class ProgrammeFunnelResolver {
  @FieldResolver(() => OutcomeFunnel, {
    nullable: true,
    description:
      "The programme's outcome funnel, for a cohort and a municipality of residence or for everyone: people at each stage of the pathway " +
      'and the median days each stage took. For the lead body and the partners of the programme; aggregates only.',
  })
  async funnel(
    @Root() programme: Programme,
    @Arg('filter', () => FunnelFilter, { nullable: true }) filter?: FunnelFilter | null,
  ): Promise<FunnelSource> {
    return funnelSource(checkFilter(programme, filter));
  }
}

const figures = new WeakMap<RequestContext['loaders'], Map<string, Promise<WithheldFunnel>>>();

/** The funnel's figures, once per funnel and request (`stages` and `suppressed` share them). */
function computed(ctx: RequestContext, f: FunnelSource): Promise<WithheldFunnel> {
  let memo = figures.get(ctx.loaders);
  if (!memo) figures.set(ctx.loaders, (memo = new Map()));
  let result = memo.get(f.id);
  if (!result) {
    result = (async () => {
      const missing = (['trainingMilestones', 'internshipMilestones', 'employmentMilestones'] as const).filter((name) => typeof f[name] !== 'string');
      // A partner that did not answer leaves its stages unknown: no figure rather than a wrong one.
      if (missing.length) throw new Error(`the funnel lacks partners' milestones: ${missing.join(', ')}`);
      const own = await ownMilestonesOf(ctx).load(f);
      return withholdFunnel(tallyFunnel({
        own: own.records,
        ownDays: { inCharge: 0, evaluated: 2, signed: 3 },
        isMember: own.isMember,
        training: Records.decode(f.trainingMilestones!, 1),
        internships: Records.decode(f.internshipMilestones!, 1),
        hires: Records.decode(f.employmentMilestones!, 3),
      }));
    })();
    memo.set(f.id, result);
  }
  return result;
}

/** The member list the gateway hands the other partners: the cohort's person ids, sorted, 16 bytes each, base64. */
async function memberListOf(ctx: RequestContext, f: FunnelSource): Promise<string> {
  const cohort = await cohortMembersOf(ctx).load(f);
  return cohort.records.memberList(cohort.isMember);
}

@Resolver(() => OutcomeFunnel)
export class OutcomeFunnelResolver {
  @FieldResolver(() => String, { nullable: true })
  async members(@Root() f: FunnelSource, @Ctx() ctx: RequestContext): Promise<string> {
    return memberListOf(ctx, f);
  }

  @FieldResolver(() => String, { nullable: true })
  async aggregateGrant(@Root() f: FunnelSource, @Ctx() ctx: RequestContext): Promise<string> {
    const members = await memberListOf(ctx, f);
    return ctx.access.grant('aggregate', funnelGrantSubject(f.id, members));
  }

  @FieldResolver(() => [FunnelStage])
  async stages(@Root() f: FunnelSource, @Ctx() ctx: RequestContext): Promise<FunnelStage[]> {
    return (await computed(ctx, f)).stages;
  }

  @FieldResolver(() => [String])
  async suppressed(@Root() f: FunnelSource, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await computed(ctx, f)).suppressed;
  }

  @FieldResolver(() => String, { nullable: true })
  cohort(@Root() f: FunnelSource): string | null {
    return f.key.cohort;
  }

  @FieldResolver(() => String, { nullable: true })
  territory(@Root() f: FunnelSource): string | null {
    return f.key.territory;
  }
}

/** The programme of a funnel, for the rule on representations. */
export const funnelProgramme = (ctx: RequestContext, f: FunnelSource) => byId(ctx, Programme).load(f.key.programmeId);
