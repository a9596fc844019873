import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import { currentProfile, profilesOf, skillRecordsOf } from '../common/loaders';
import { DrivingLicence, IscedLevel, SkillLevel, WorkShift } from '../common/enums';
import { Skill, skillOrPlaceholder } from '../esco/esco.type';
import { LanguageSkill } from '../job-seeker/job-seeker.type';
import { seenBy } from './matching.service';
import { Match } from './match.type';

@ObjectType({ description: 'A skill of a candidate, with how well they master it.' })
export class CandidateSkill {
  @Field(() => Skill)
  skill: Skill;

  @Field(() => SkillLevel)
  level: SkillLevel;
}

/**
 * The pseudonymised profile a company sees of a job seeker: skills, availability and (from the lead
 * body) the first name. The pseudonym is stable for one company and different for another; the
 * person's id never reaches the company.
 */
@ObjectType('Candidate', { description: 'A job seeker as a company sees them: pseudonymised, with skills, availability and first name.' })
@Directive('@key(fields: "pseudonym")')
export class Candidate {
  @Field(() => ID, { description: 'Stable for your organisation, different for any other; not the person’s id.' })
  pseudonym: string;

  @Field(() => String, { description: 'For the gateway: lets the lead body add the first name for this caller and request.' })
  @Directive('@inaccessible')
  ticket: string;

  @Field(() => [CandidateSkill], { description: 'Recorded skills, most recently recorded first.' })
  skills: CandidateSkill[];

  @Field(() => Int, { nullable: true, description: 'Hours a week the candidate is available for.' })
  weeklyHours: number | null;

  @Field(() => [WorkShift])
  shifts: WorkShift[];

  @Field(() => Int, { nullable: true, description: 'How far the candidate can travel to work, in km.' })
  mobilityRadiusKm: number | null;

  @Field(() => [DrivingLicence])
  drivingLicences: DrivingLicence[];

  @Field(() => IscedLevel, { nullable: true })
  educationLevel: IscedLevel | null;

  @Field(() => [LanguageSkill])
  languages: LanguageSkill[];

  /** Who the candidate is; kept here, never sent. */
  personId: string;
}

/** The candidate profile of a job seeker for the caller: from the records `seenBy` admits, through the request's loaders. */
export async function candidateProfile(ctx: RequestContext, personId: string): Promise<Candidate> {
  const [allProfiles, allRecords] = await Promise.all([profilesOf(ctx).load(personId), skillRecordsOf(ctx).load(personId)]);
  const seen = seenBy(ctx, personId);
  const profile = currentProfile(allProfiles.filter((p) => seen(p.employmentCentreId)));
  const records = allRecords.filter((r) => seen(r.organisationId));
  return {
    pseudonym: ctx.access.pseudonym(personId),
    // The first name is for the companies and the company network, who see candidates pseudonymised;
    // a partner who may see the person asks social services for it directly, under its own standing.
    ticket: ctx.access.hasRole('company_tutor', 'company_network_operator') ? ctx.access.grant('candidate', personId) : '',
    skills: records.map((r) => ({ skill: skillOrPlaceholder(r.skillUri), level: r.level })),
    weeklyHours: profile?.weeklyHours ?? null,
    shifts: profile?.shifts ?? [],
    mobilityRadiusKm: profile?.mobilityRadiusKm ?? null,
    drivingLicences: profile?.drivingLicences ?? [],
    educationLevel: profile?.educationLevel ?? null,
    languages: profile?.languages ?? [],
    personId,
  };
}

@Resolver(() => Match)
export class MatchResolver {
  @FieldResolver(() => Candidate, { description: 'The job seeker as a company sees them (pseudonymised).' })
  candidate(@Root() match: Match, @Ctx() ctx: RequestContext): Promise<Candidate> {
    return candidateProfile(ctx, match.person.id);
  }
}
