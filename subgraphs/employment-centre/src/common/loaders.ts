import { requestLoader, groupedBy, type RequestContext } from '@intreccio/shared';
import { FollowUpCheck, Hire } from '../hire/hire.type';
import { JobSeekerProfile } from '../job-seeker/job-seeker.type';
import { OrientationSession } from '../orientation/orientation-session.type';
import { VacancyProposal } from '../proposal/proposal.type';
import { SkillRecord } from '../skill-record/skill-record.type';
import { SkillsAssessment } from '../skills-assessment/skills-assessment.type';
import { Vacancy } from '../vacancy/vacancy.type';
import { WorkExperience } from '../work-history/work-experience.type';

// Every reader of the same relation uses the same loader (same options), so a query asking for a
// person's skills and matches reads the skill records once.

export const profilesOf = (ctx: RequestContext) =>
  groupedBy(ctx, JobSeekerProfile, 'personId', { orderBy: { registeredOn: 'DESC', id: 'ASC' } });

export const skillRecordsOf = (ctx: RequestContext) =>
  groupedBy(ctx, SkillRecord, 'personId', { orderBy: { recordedOn: 'DESC', id: 'ASC' } });

export const workHistoryOf = (ctx: RequestContext) =>
  groupedBy(ctx, WorkExperience, 'personId', { orderBy: { startDate: 'DESC', id: 'ASC' } });

export const orientationSessionsOf = (ctx: RequestContext) =>
  groupedBy(ctx, OrientationSession, 'personId', { orderBy: { heldOn: 'DESC', id: 'ASC' } });

export const skillsAssessmentsOf = (ctx: RequestContext) =>
  groupedBy(ctx, SkillsAssessment, 'personId', { orderBy: { startedOn: 'DESC', id: 'ASC' } });

export const hiresOfPerson = (ctx: RequestContext) =>
  groupedBy(ctx, Hire, 'personId', { orderBy: { startDate: 'DESC', id: 'ASC' } });

export const hiresOfCompany = (ctx: RequestContext) =>
  groupedBy(ctx, Hire, 'companyId', { orderBy: { startDate: 'DESC', id: 'ASC' } });

export const hiresOfVacancy = (ctx: RequestContext) =>
  groupedBy(ctx, Hire, 'vacancyId', { orderBy: { startDate: 'ASC', id: 'ASC' } });

export const followUpsOf = (ctx: RequestContext) =>
  groupedBy(ctx, FollowUpCheck, 'hireId', { orderBy: { monthsAfter: 'ASC' } });

export const vacanciesOfCompany = (ctx: RequestContext) =>
  groupedBy(ctx, Vacancy, 'companyId', { orderBy: { openedOn: 'DESC', id: 'ASC' } });

export const proposalsOfVacancy = (ctx: RequestContext) =>
  groupedBy(ctx, VacancyProposal, 'vacancyId', { orderBy: { proposedAt: 'ASC', id: 'ASC' } });

export const proposalsOfPerson = (ctx: RequestContext) =>
  groupedBy(ctx, VacancyProposal, 'personId', { orderBy: { proposedAt: 'DESC', id: 'ASC' } });

/** The registration that matters now: the most recent one. */
export function currentProfile(profiles: readonly JobSeekerProfile[]): JobSeekerProfile | null {
  return profiles[0] ?? null;
}

/** Every open vacancy, read once per request whoever asks. */
export function openVacancies(ctx: RequestContext): Promise<Vacancy[]> {
  return ctx.loaders
    .get('Vacancy#open', () =>
      requestLoader<string, Vacancy[]>(ctx.loaders, async (keys) => {
        const rows = await ctx.db.getRepository(Vacancy).find({ where: { status: 'OPEN' }, order: { openedOn: 'DESC', id: 'ASC' } });
        return keys.map(() => rows);
      }),
    )
    .load('open');
}
