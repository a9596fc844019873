import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  birthPlaceOn, byId, connectionType, forbidden, groupedBy, keysetPage, municipalityByCadastralCode, normaliseFiscalCode, PageArgs,
  ProblemList, runMutation, type Connection, type RequestContext,
} from '@intreccio/shared';
import { assertOwnsPerson, listedSql, standingOf, standingSql } from '../access/standing';
import { Benefit } from '../benefit/benefit.type';
import { Case } from '../case/case.type';
import { checkVersion, isUuid, referenced, reloaded } from '../common/rules';
import { Consent } from '../consent/consent.type';
import { Referral } from '../referral/referral.type';
import { CreatePersonInput, PeopleFilter, UpdatePersonInput } from './person.input';
import { assertFiscalCodeFree, checkIdentity, fiscalCodeRaces } from './person.service';
import { Person, Place } from './person.type';

export const PersonConnection = connectionType(Person, 'Person');

/** The case that matters now: the live one, else the most recently opened. */
export function currentCase(cases: Case[]): Case | null {
  return cases.find((c) => c.status !== 'CLOSED') ?? cases[0] ?? null;
}

export function casesOf(ctx: RequestContext) {
  return groupedBy(ctx, Case, 'personId', { orderBy: { openedOn: 'DESC', id: 'ASC' } });
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  async person(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Person | null> {
    return isUuid(id) ? byId(ctx, Person).load(id) : null;
  }

  @Query(() => PersonConnection, {
    nullable: true,
    description: "People the caller may see, by family and given name: for case managers, those in their organisation's care; for every partner, those whose case team it is on with their consent.",
  })
  async people(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PeopleFilter, { nullable: true }) filter?: PeopleFilter | null,
  ): Promise<Connection<Person>> {
    const qb = ctx.db.getRepository(Person).createQueryBuilder('p');
    const standing = standingSql('p', ':caller');
    qb.where(listedSql(ctx, standing), { caller: ctx.principal.organisationId });
    // Target groups are the lead body's to see; a partner may not even filter by them.
    if (filter?.targetGroup && !ctx.access.hasRole('case_manager')) {
      throw forbidden('filter.targetGroup: target groups are visible to the social services that hold the person only', 'filter.targetGroup');
    }
    if (filter?.programmeId || filter?.caseStatus) {
      const conditions = ['c.person_id = p.id'];
      if (filter.programmeId) {
        if (!isUuid(filter.programmeId)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
        conditions.push('c.programme_id = :programmeId');
      }
      if (filter.caseStatus) conditions.push('c.status = :caseStatus');
      qb.andWhere(`EXISTS (SELECT 1 FROM case_file c WHERE ${conditions.join(' AND ')})`, {
        programmeId: filter.programmeId,
        caseStatus: filter.caseStatus,
      });
    }
    if (filter?.targetGroup) qb.andWhere(`${standing.own} AND :targetGroup = ANY(p.target_groups)`, { targetGroup: filter.targetGroup });
    if (filter?.residenceMunicipalityCode) qb.andWhere('p.residence_municipality_code = :residence', { residence: filter.residenceMunicipalityCode });
    if (filter?.nameStartsWith) {
      const prefix = `${filter.nameStartsWith.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(lower(p.family_name) LIKE :prefix OR lower(p.given_name) LIKE :prefix)', { prefix });
    }
    return keysetPage(ctx, qb, [
      { column: 'p.family_name', property: 'familyName' },
      { column: 'p.given_name', property: 'givenName' },
      { column: 'p.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => Case, { nullable: true, description: 'The live case, or the latest one when all are closed.' })
  async case(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Case | null> {
    return currentCase(await casesOf(ctx).load(person.id));
  }

  @FieldResolver(() => [Case], { nullable: true, description: 'Every case, most recent first.' })
  async cases(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Case[]> {
    return casesOf(ctx).load(person.id);
  }

  @FieldResolver(() => [Consent], { nullable: true })
  async consents(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Consent[]> {
    return groupedBy(ctx, Consent, 'personId', { orderBy: { givenOn: 'DESC', id: 'ASC' } }).load(person.id);
  }

  @FieldResolver(() => [Referral], { nullable: true, description: 'Referrals of this person between partners, most recent first.' })
  async referrals(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Referral[]> {
    return groupedBy(ctx, Referral, 'personId', { orderBy: { sentAt: 'DESC', id: 'ASC' } }).load(person.id);
  }

  @FieldResolver(() => [Benefit], { nullable: true, description: 'Welfare support paid to the person.' })
  async benefits(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<Benefit[]> {
    return groupedBy(ctx, Benefit, 'personId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(person.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'For the gateway: a grant telling the other partners that the caller may see their records about the person in this request.',
  })
  @Directive('@inaccessible')
  async accessGrant(@Root() person: Person, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!ctx.access.worksWithPeople) return null;
    const standing = await standingOf(ctx).load(person.id);
    return standing.onTeamWithConsent ? ctx.access.grant('person', person.id) : null;
  }

  @FieldResolver(() => Place, { nullable: true, description: 'The birth place as registered on the birth date.' })
  birthPlace(@Root() person: Person): Place | null {
    const place = birthPlaceOn(person.birthPlaceCode, person.birthDate);
    return place ? { code: place.code, name: place.name, province: place.province } : null;
  }

  @FieldResolver(() => Place, { nullable: true })
  residenceMunicipality(@Root() person: Person): Place | null {
    const m = municipalityByCadastralCode(person.residenceMunicipalityCode);
    return m ? { code: m.cadastralCode, name: m.name, province: m.province } : null;
  }

  @Mutation(() => Person, { description: 'Registers a person taken in charge. The fiscal code is checked against birth date, sex and birth place.' })
  async createPerson(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Person> {
    const problems = new ProblemList();
    const fiscalCode = checkIdentity(problems, input, input.residenceMunicipalityCode);
    problems.throwIfAny();
    const { id } = await fiscalCodeRaces(ctx, fiscalCode, () => runMutation(ctx, { operation: 'createPerson', idempotencyKey, input }, async (m) => {
      await assertFiscalCodeFree(ctx, m, fiscalCode);
      const repo = m.getRepository(Person);
      const saved = await repo.save(repo.create({
        ...input, fiscalCode, email: input.email ?? null, phone: input.phone ?? null, registeredByOrganisationId: ctx.principal.organisationId,
      }));
      return saved.id;
    }));
    return reloaded(ctx, Person, id, 'person');
  }

  @Mutation(() => Person)
  async updatePerson(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Person> {
    const newFiscalCode = input.fiscalCode ? normaliseFiscalCode(input.fiscalCode) : null;
    const { id } = await fiscalCodeRaces(ctx, newFiscalCode, () => runMutation(ctx, { operation: 'updatePerson', idempotencyKey, input }, async (m) => {
      const person = await referenced(m, Person, input.id, 'input.id', 'person', true);
      await assertOwnsPerson(ctx, m, person.id);
      checkVersion(person, input.expectedVersion, 'The person');
      const problems = new ProblemList();
      const fiscalCode = checkIdentity(
        problems,
        { ...person, fiscalCode: input.fiscalCode === undefined ? person.fiscalCode : input.fiscalCode },
        input.residenceMunicipalityCode,
      );
      problems.throwIfAny();
      await assertFiscalCodeFree(ctx, m, fiscalCode, person.id);
      person.fiscalCode = fiscalCode;
      for (const key of ['givenName', 'familyName', 'residenceMunicipalityCode', 'targetGroups'] as const) {
        if (input[key] != null) (person as unknown as Record<string, unknown>)[key] = input[key];
      }
      if (input.email !== undefined) person.email = input.email;
      if (input.phone !== undefined) person.phone = input.phone;
      await m.getRepository(Person).save(person);
      return person.id;
    }), input.id);
    return reloaded(ctx, Person, id, 'person');
  }
}
