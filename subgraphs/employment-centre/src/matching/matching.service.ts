import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { requestLoader, ProblemList, type RequestContext } from '@intreccio/shared';
import { checkFirst } from '../common/rules';
import { currentProfile, openVacancies, profilesOf, skillRecordsOf } from '../common/loaders';
import { JobSeekerProfile } from '../job-seeker/job-seeker.type';
import { SkillRecord } from '../skill-record/skill-record.type';
import type { Vacancy } from '../vacancy/vacancy.type';
import type { Match } from './match.type';
import { assess, byScoreForPerson, byScoreForVacancy, toMatch, type Assessment, type SeekerFacts } from './scoring';

export const MAX_MATCHES = 100;

export function checkMatchPage(first: number): void {
  const problems = new ProblemList();
  checkFirst(problems, first, MAX_MATCHES);
  problems.throwIfAny();
}

/**
 * Open vacancies ranked for one person. Profiles, skill records and open vacancies come from the
 * request's loaders, so a page of hundreds of people costs one statement for each, whatever its size;
 * the scoring itself is in memory.
 */
export async function matchesForPerson(ctx: RequestContext, personId: string, first: number): Promise<Match[]> {
  const [allProfiles, allRecords, vacancies] = await Promise.all([profilesOf(ctx).load(personId), skillRecordsOf(ctx).load(personId), openVacancies(ctx)]);
  // Scored on what the caller may see: every centre's records with the person's grant, else its own.
  const seen = seenBy(ctx, personId);
  const profile = currentProfile(allProfiles.filter((p) => seen(p.employmentCentreId)));
  const records = allRecords.filter((r) => seen(r.organisationId));
  if (!profile || first === 0) return [];
  const seeker = seekerFacts(personId, profile, records);
  return vacancies.map((v) => assess(seeker, v)).sort(byScoreForPerson).slice(0, first).map(toMatch);
}

function seekerFacts(personId: string, profile: JobSeekerProfile, records: readonly SkillRecord[]): SeekerFacts {
  return {
    personId,
    weeklyHours: profile.weeklyHours,
    mobilityRadiusKm: profile.mobilityRadiusKm,
    domicileMunicipalityCode: profile.domicileMunicipalityCode,
    drivingLicences: profile.drivingLicences,
    desiredOccupationUris: profile.desiredOccupationUris,
    skills: new Set(records.map((r) => r.skillUri)),
    employmentCentreId: profile.employmentCentreId,
  };
}

/**
 * How a job seeker of `centreId` scores for a vacancy on the centre's own records (its latest
 * registration of the person, the skills it recorded), read in the transaction `m`: what `Person.matches`
 * shows that centre, taken at the moment it proposes the person. Null when the centre has no registration.
 */
export async function assessOwnJobSeeker(
  m: EntityManager, centreId: string, personId: string, vacancy: Vacancy,
): Promise<{ assessment: Assessment; profile: JobSeekerProfile } | null> {
  const profile = await m.getRepository(JobSeekerProfile).findOne({ where: { personId, employmentCentreId: centreId }, order: { registeredOn: 'DESC', id: 'ASC' } });
  if (!profile) return null;
  const records = await m.getRepository(SkillRecord).find({ where: { personId, organisationId: centreId } });
  return { assessment: assess(seekerFacts(personId, profile, records), vacancy), profile };
}

interface CandidateRow {
  person_id: string;
  employment_centre_id: string;
  weekly_hours: number;
  mobility_radius_km: number;
  domicile_municipality_code: string;
  driving_licences: string;
  desired_occupations: string;
  skills: string;
}

const words = (text: string): string[] => (text ? text.split(' ') : []);

/**
 * The skills the vacancies of a request ask for, numbered in the order sent to SQL: each candidate's
 * skills come back as those numbers (1-based) and are kept as bits, which is far cheaper for tens of
 * thousands of candidates than sets of URIs.
 */
class SkillIndex {
  private readonly position: Map<string, number>;
  constructor(uris: readonly string[]) {
    this.position = new Map(uris.map((uri, i) => [uri, i]));
  }

  holding(numbers: string): SeekerFacts['skills'] {
    const bits = new Uint32Array(((this.position.size + 31) >>> 5) || 1);
    for (const n of words(numbers)) {
      const i = Number(n) - 1;
      bits[i >>> 5]! |= 1 << (i & 31);
    }
    const position = this.position;
    return {
      has(uri: string): boolean {
        const i = position.get(uri);
        return i !== undefined && (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
      },
    };
  }
}

/** Whether a record held by `holder` may go into what the caller is shown about `personId`. */
export function seenBy(ctx: RequestContext, personId: string): (holder: string | null) => boolean {
  if (ctx.access.isGranted('person', personId) || !centreOnly(ctx)) return () => true;
  return (holder) => holder === ctx.principal.organisationId;
}

/**
 * An employment centre without a grant works from its own records only; the company network and host
 * companies see every job seeker, but only through the pseudonymised candidate view.
 */
export function centreOnly(ctx: RequestContext): boolean {
  return ctx.access.hasRole('cpi_operator') && !ctx.access.hasRole('company_network_operator', 'company_tutor');
}

/**
 * Job seekers ranked for each vacancy asked in the request, in one statement for all of them. Only
 * people with at least one of a vacancy's skills, or who want its occupation, are candidates: the
 * others could only score on distance and hours, and reading every job seeker of a large network to
 * rank them last would not scale. Each person is taken with their latest registration, and with the
 * skills the vacancies ask for (the rest do not change the score).
 */
function candidateAssessments(ctx: RequestContext): DataLoader<Vacancy, Assessment[], string> {
  return ctx.loaders.get('Vacancy#candidates', () =>
    requestLoader<Vacancy, Assessment[], string>(ctx.loaders, async (vacancies) => {
      const open = vacancies.filter((v) => v.status === 'OPEN');
      if (open.length === 0) return vacancies.map(() => []);
      const skills = [...new Set(open.flatMap((v) => [...v.requiredSkillUris, ...v.optionalSkillUris]))];
      const wantedSkills = new SkillIndex(skills);
      const occupations = [...new Set(open.map((v) => v.occupationUri))];
      // A centre ranks its own job seekers on its own records; the others see every job seeker.
      const centre = centreOnly(ctx) ? ctx.principal.organisationId : null;
      // Lists come as space-separated text (URIs and licence codes hold no spaces): splitting is many
      // times cheaper than parsing array literals for tens of thousands of rows.
      const rows: CandidateRow[] = await ctx.db.query(
        `WITH holders AS (
           SELECT s.person_id, string_agg(array_position($1::text[], s.skill_uri)::text, ' ') AS skills FROM skill_record s
            WHERE s.skill_uri = ANY($1::text[]) AND ($3::uuid IS NULL OR s.organisation_id = $3) GROUP BY s.person_id)
         SELECT DISTINCT ON (p.person_id) p.person_id, p.employment_centre_id, p.weekly_hours, p.mobility_radius_km, p.domicile_municipality_code,
                array_to_string(p.driving_licences, ' ') AS driving_licences, array_to_string(p.desired_occupations, ' ') AS desired_occupations,
                coalesce(h.skills, '') AS skills
           FROM job_seeker_profile p LEFT JOIN holders h ON h.person_id = p.person_id
          WHERE (h.person_id IS NOT NULL OR p.desired_occupations && $2::text[]) AND ($3::uuid IS NULL OR p.employment_centre_id = $3)
          ORDER BY p.person_id, p.registered_on DESC, p.id`,
        [skills, occupations, centre],
      );
      const seekers: SeekerFacts[] = rows.map((r) => ({
        personId: r.person_id,
        weeklyHours: r.weekly_hours,
        mobilityRadiusKm: r.mobility_radius_km,
        domicileMunicipalityCode: r.domicile_municipality_code,
        drivingLicences: words(r.driving_licences),
        desiredOccupationUris: words(r.desired_occupations),
        skills: wantedSkills.holding(r.skills),
        employmentCentreId: r.employment_centre_id,
      }));
      return vacancies.map((v) => {
        if (v.status !== 'OPEN') return [];
        const wanted = [...v.requiredSkillUris, ...v.optionalSkillUris];
        const best = new TopN<Assessment>(MAX_MATCHES, byScoreForVacancy);
        for (const s of seekers) {
          if (s.desiredOccupationUris.includes(v.occupationUri) || wanted.some((uri) => s.skills.has(uri))) best.offer(assess(s, v));
        }
        return best.sorted();
      });
    }, { cacheKeyFn: (v) => v.id }),
  );
}

/** The best `first` candidates for a vacancy (at most `MAX_MATCHES`). */
export async function candidatesForVacancy(ctx: RequestContext, vacancy: Vacancy, first: number): Promise<Match[]> {
  if (first === 0) return [];
  return (await candidateAssessments(ctx).load(vacancy)).slice(0, first).map(toMatch);
}

/**
 * The `n` best of a stream by `compare`, kept sorted: a candidate worse than the n-th is dropped at
 * once, so ranking tens of thousands of job seekers never sorts them all.
 */
export class TopN<T> {
  private readonly items: T[] = [];
  constructor(private readonly n: number, private readonly compare: (a: T, b: T) => number) {}

  offer(item: T): void {
    const items = this.items;
    if (items.length === this.n && this.compare(item, items[items.length - 1]!) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(items[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    if (items.length > this.n) items.pop();
  }

  sorted(): T[] {
    return this.items;
  }
}
