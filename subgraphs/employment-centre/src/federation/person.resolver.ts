import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import {
  currentProfile, hiresOfPerson, orientationSessionsOf, profilesOf, skillRecordsOf, skillsAssessmentsOf, workHistoryOf,
} from '../common/loaders';
import { Hire } from '../hire/hire.type';
import { JobSeekerProfile } from '../job-seeker/job-seeker.type';
import { Match } from '../matching/match.type';
import { checkMatchPage, matchesForPerson } from '../matching/matching.service';
import { OrientationSession } from '../orientation/orientation-session.type';
import { SkillRecord } from '../skill-record/skill-record.type';
import { SkillsAssessment } from '../skills-assessment/skills-assessment.type';
import { WorkExperience } from '../work-history/work-experience.type';
import { PersonRef } from './references';

/** What the employment centre knows about a person of the network. */
@Resolver(() => PersonRef)
export class PersonExtensionResolver {
  @FieldResolver(() => JobSeekerProfile, { nullable: true, description: "The person's latest registration as a job seeker." })
  async jobSeeker(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<JobSeekerProfile | null> {
    return currentProfile(await profilesOf(ctx).load(person.id));
  }

  @FieldResolver(() => [JobSeekerProfile], { description: 'Every registration as a job seeker, one per programme, latest first.' })
  async jobSeekerProfiles(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<JobSeekerProfile[]> {
    return profilesOf(ctx).load(person.id);
  }

  @FieldResolver(() => [SkillRecord], { description: 'Skills recorded for the person, most recently recorded first.' })
  async skills(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<SkillRecord[]> {
    return skillRecordsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [WorkExperience], { description: 'Work history, latest job first.' })
  async workHistory(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<WorkExperience[]> {
    return workHistoryOf(ctx).load(person.id);
  }

  @FieldResolver(() => [OrientationSession], { description: 'Orientation sessions, latest first.' })
  async orientationSessions(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<OrientationSession[]> {
    return orientationSessionsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [SkillsAssessment], { description: 'Skills assessments, latest first.' })
  async skillsAssessments(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<SkillsAssessment[]> {
    return skillsAssessmentsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [Hire], { description: 'Hires of the person, latest first.' })
  async hires(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Hire[]> {
    return hiresOfPerson(ctx).load(person.id);
  }

  @FieldResolver(() => [Match], {
    description: 'Open vacancies ranked for the person, best first, each with the reasons. Empty for a person not registered as a job seeker.',
  })
  async matches(@Root() person: PersonRef, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first?: number | null): Promise<Match[]> {
    const size = first ?? 10;
    checkMatchPage(size);
    return matchesForPerson(ctx, person.id, size);
  }
}
