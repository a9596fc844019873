import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  assertNotErased, badInput, byId, conflict, connectionType, escoOccupationProblem, keysetPage, PageArgs, ProblemList, runMutation,
  type Connection, type RequestContext,
} from '@intreccio/shared';
import { languageName } from '../common/languages';
import { checkForeignId, checkVersion, isUniqueViolation, isUuid, referenced, reloaded } from '../common/rules';
import { Occupation, occupationOrPlaceholder } from '../esco/esco.type';
import { OrganisationRef, PersonRef, ProgrammeRef, ref } from '../federation/references';
import { JobSeekersFilter, RegisterJobSeekerInput, UpdateJobSeekerProfileInput } from './job-seeker.input';
import { checkProfileFacts } from './job-seeker.service';
import { JobSeekerProfile, LanguageSkill } from './job-seeker.type';
import { assertHolds } from '../access/holders';

@Resolver(() => LanguageSkill)
export class LanguageSkillResolver {
  @FieldResolver(() => String, { description: 'English name of the language, e.g. Italian.' })
  name(@Root() l: LanguageSkill): string {
    return languageName(l.language);
  }
}

export const JobSeekerProfileConnection = connectionType(JobSeekerProfile, 'JobSeekerProfile');

const duplicate = () => conflict('The person is already registered as a job seeker in this programme', 'input.personId');

@Resolver(() => JobSeekerProfile)
export class JobSeekerResolver {
  @Query(() => JobSeekerProfile, { nullable: true })
  async jobSeeker(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<JobSeekerProfile | null> {
    return isUuid(id) ? byId(ctx, JobSeekerProfile).load(id) : null;
  }

  @Query(() => JobSeekerProfileConnection, { nullable: true, description: "Your employment centre's job seekers, in order of registration." })
  async jobSeekers(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => JobSeekersFilter, { nullable: true }) filter?: JobSeekersFilter | null,
  ): Promise<Connection<JobSeekerProfile>> {
    const qb = ctx.db.getRepository(JobSeekerProfile).createQueryBuilder('p');
    qb.where('p.employment_centre_id = :centre', { centre: ctx.principal.organisationId });
    if (filter?.programmeId) {
      if (!isUuid(filter.programmeId)) throw badInput({ field: 'filter.programmeId', message: 'not a valid id' });
      qb.andWhere('p.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    if (filter?.profilingClass) qb.andWhere('p.profiling_class = :profilingClass', { profilingClass: filter.profilingClass });
    if (filter?.occupationUri) {
      const problem = escoOccupationProblem(filter.occupationUri);
      if (problem) throw badInput({ field: 'filter.occupationUri', message: problem });
      qb.andWhere('p.desired_occupations @> ARRAY[:occupationUri]::text[]', { occupationUri: filter.occupationUri });
    }
    return keysetPage(ctx, qb, [
      { column: 'p.registered_on', property: 'registeredOn' },
      { column: 'p.id', property: 'id' },
    ], page, info);
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  person(@Root() p: JobSeekerProfile): PersonRef {
    return ref(p.personId);
  }

  @FieldResolver(() => ProgrammeRef, { nullable: true })
  programme(@Root() p: JobSeekerProfile): ProgrammeRef {
    return ref(p.programmeId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true, description: 'The employment centre where the person registered.' })
  employmentCentre(@Root() p: JobSeekerProfile): OrganisationRef {
    return ref(p.employmentCentreId);
  }

  @FieldResolver(() => [Occupation], { description: 'ESCO occupations the person wants to work in.' })
  desiredOccupations(@Root() p: JobSeekerProfile): Occupation[] {
    return p.desiredOccupationUris.map(occupationOrPlaceholder);
  }

  @Mutation(() => JobSeekerProfile, { description: 'Registers a person as a job seeker in a programme (the DID). One registration per person and programme.' })
  async registerJobSeeker(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterJobSeekerInput) input: RegisterJobSeekerInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<JobSeekerProfile> {
    const problems = new ProblemList();
    checkForeignId(problems, 'input.personId', input.personId, 'person');
    checkForeignId(problems, 'input.programmeId', input.programmeId, 'programme');
    const languages = checkProfileFacts(problems, input);
    problems.throwIfAny();
    let id: string;
    try {
      ({ id } = await runMutation(ctx, { operation: 'registerJobSeeker', idempotencyKey, input }, async (m) => {
        await assertNotErased(m, input.personId, 'input.personId');
        const repo = m.getRepository(JobSeekerProfile);
        if (await repo.existsBy({ personId: input.personId, programmeId: input.programmeId })) throw duplicate();
        const saved = await repo.save(repo.create({
          personId: input.personId,
          programmeId: input.programmeId,
          employmentCentreId: ctx.principal.organisationId,
          registeredOn: input.registeredOn,
          profilingClass: input.profilingClass,
          educationLevel: input.educationLevel,
          languages: languages ?? [],
          drivingLicences: input.drivingLicences,
          weeklyHours: input.weeklyHours,
          shifts: input.shifts,
          mobilityRadiusKm: input.mobilityRadiusKm,
          domicileMunicipalityCode: input.domicileMunicipalityCode.toUpperCase(),
          desiredOccupationUris: input.desiredOccupations,
        }));
        return saved.id;
      }));
    } catch (err) {
      if (isUniqueViolation(err, 'job_seeker_per_programme')) throw duplicate();
      throw err;
    }
    return reloaded(ctx, JobSeekerProfile, id, 'job seeker profile');
  }

  @Mutation(() => JobSeekerProfile, { description: 'Updates a job seeker profile; lists given replace the stored ones.' })
  async updateJobSeekerProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateJobSeekerProfileInput) input: UpdateJobSeekerProfileInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<JobSeekerProfile> {
    const problems = new ProblemList();
    const languages = checkProfileFacts(problems, input);
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'updateJobSeekerProfile', idempotencyKey, input }, async (m) => {
      const profile = await referenced(m, JobSeekerProfile, input.id, 'input.id', 'job seeker profile', true);
      assertHolds(ctx, profile.employmentCentreId, 'The job seeker profile');
      checkVersion(profile, input.expectedVersion, 'The job seeker profile');
      for (const key of ['profilingClass', 'educationLevel', 'drivingLicences', 'weeklyHours', 'shifts', 'mobilityRadiusKm'] as const) {
        if (input[key] != null) (profile as unknown as Record<string, unknown>)[key] = input[key];
      }
      if (languages) profile.languages = languages;
      if (input.domicileMunicipalityCode != null) profile.domicileMunicipalityCode = input.domicileMunicipalityCode.toUpperCase();
      if (input.desiredOccupations != null) profile.desiredOccupationUris = input.desiredOccupations;
      await m.getRepository(JobSeekerProfile).save(profile);
      return profile.id;
    });
    return reloaded(ctx, JobSeekerProfile, id, 'job seeker profile');
  }
}
