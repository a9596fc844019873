import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@intreccio/shared';
import {
  currentProfile, hiresOfPerson, orientationSessionsOf, profilesOf, proposalsOfPerson, skillRecordsOf, skillsAssessmentsOf, workHistoryOf,
} from '../common/loaders';
import { Hire } from '../hire/hire.type';
import { JobSeekerProfile } from '../job-seeker/job-seeker.type';
import { Match } from '../matching/match.type';
import { checkMatchPage, matchesForPerson } from '../matching/matching.service';
import { OrientationSession } from '../orientation/orientation-session.type';
import { VacancyProposal } from '../proposal/proposal.type';
import { SkillRecord } from '../skill-record/skill-record.type';
import { SkillsAssessment } from '../skills-assessment/skills-assessment.type';
import { WorkExperience } from '../work-history/work-experience.type';
import { PersonRef } from './references';

// Every field needs social services' grant for the person: the gateway fetches it first.
const GRANTED = '@requires(fields: "accessGrant")';

/** What the employment centre knows about a person of the network. */
@Resolver(() => PersonRef)
export class PersonExtensionResolver {
  @FieldResolver(() => JobSeekerProfile, { nullable: true, description: "The person's latest registration as a job seeker." })
  @Directive(GRANTED)
  async jobSeeker(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<JobSeekerProfile | null> {
    const profiles = await profilesOf(ctx).load(person.id);
    // Without the grant a centre sees its own registrations only: the latest of those.
    const visible = ctx.access.isGranted('person', person.id) ? profiles : profiles.filter((p) => p.employmentCentreId === ctx.principal.organisationId);
    return currentProfile(visible);
  }

  @FieldResolver(() => [JobSeekerProfile], { nullable: true, description: 'Every registration as a job seeker, one per programme, latest first.' })
  @Directive(GRANTED)
  async jobSeekerProfiles(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<JobSeekerProfile[]> {
    return profilesOf(ctx).load(person.id);
  }

  @FieldResolver(() => [SkillRecord], { nullable: true, description: 'Skills recorded for the person, most recently recorded first.' })
  @Directive(GRANTED)
  async skills(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<SkillRecord[]> {
    return skillRecordsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [WorkExperience], { nullable: true, description: 'Work history, latest job first.' })
  @Directive(GRANTED)
  async workHistory(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<WorkExperience[]> {
    return workHistoryOf(ctx).load(person.id);
  }

  @FieldResolver(() => [OrientationSession], { nullable: true, description: 'Orientation sessions, latest first.' })
  @Directive(GRANTED)
  async orientationSessions(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<OrientationSession[]> {
    return orientationSessionsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [SkillsAssessment], { nullable: true, description: 'Skills assessments, latest first.' })
  @Directive(GRANTED)
  async skillsAssessments(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<SkillsAssessment[]> {
    return skillsAssessmentsOf(ctx).load(person.id);
  }

  @FieldResolver(() => [Hire], { nullable: true, description: 'Hires of the person, latest first.' })
  @Directive(GRANTED)
  async hires(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Hire[]> {
    return hiresOfPerson(ctx).load(person.id);
  }

  @FieldResolver(() => [Match], {
    nullable: true,
    description: 'Open vacancies ranked for the person, best first, each with the reasons. Empty for a person not registered as a job seeker.',
  })
  @Directive(GRANTED)
  async matches(@Root() person: PersonRef, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first?: number | null): Promise<Match[]> {
    const size = first ?? 10;
    checkMatchPage(size);
    return matchesForPerson(ctx, person.id, size);
  }

  @FieldResolver(() => [VacancyProposal], { nullable: true, description: 'Vacancies the person was proposed to, latest proposal first, and what came of each.' })
  @Directive(GRANTED)
  async proposals(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<VacancyProposal[]> {
    return proposalsOfPerson(ctx).load(person.id);
  }
}
