import { distanceKm, municipalityByCadastralCode } from '@intreccio/shared';
import type { DrivingLicence } from '../common/enums';
import { skillsOf } from '../esco/esco.type';
import type { Vacancy } from '../vacancy/vacancy.type';
import type { Match, MatchExplanation } from './match.type';

/**
 * How a job seeker and a vacancy are scored. Each part gives a fit from 0 to 1, weighted:
 *
 *   required skills   0.50  share of the vacancy's required skills the person has (1 when none are required)
 *   optional skills   0.10  share of its optional skills the person has (1 when there are none)
 *   distance          0.20  1 at home, falling to 0.5 at the edge of the person's mobility radius,
 *                           then to 0 at twice the radius (at least 10 km past it)
 *   hours             0.10  1 when the vacancy's weekly hours fit the person's availability, else the
 *                           share of them the person can cover
 *   licences          0.05  share of the required driving licences the person holds (1 when none)
 *   occupation        0.05  the vacancy's occupation is one the person wants
 *
 * Skills weigh most because they are what a company hires for and what training can change; distance
 * and hours come next because they decide whether a job is sustainable for people with care duties
 * or no car. Nothing is a hard filter except that only open vacancies are matched: a poor fit is
 * still shown, low in the list, with the gaps that explain it.
 */
export const WEIGHTS = { requiredSkills: 0.5, optionalSkills: 0.1, distance: 0.2, hours: 0.1, licences: 0.05, occupation: 0.05 } as const;

/** What matching needs to know about a job seeker. */
export interface SeekerFacts {
  personId: string;
  weeklyHours: number;
  mobilityRadiusKm: number;
  domicileMunicipalityCode: string;
  drivingLicences: readonly string[];
  desiredOccupationUris: readonly string[];
  /** ESCO URIs of the person's skills (for candidates, only those the vacancies ask for). */
  skills: { has(uri: string): boolean };
  /** The centre of the registration the facts come from. */
  employmentCentreId?: string;
}

/** A scored pair before it is dressed for the API: cheap enough to compute for thousands of candidates. */
export interface Assessment {
  seeker: SeekerFacts;
  vacancy: Vacancy;
  score: number;
  covered: string[];
  missing: string[];
  optionalCovered: string[];
  distanceKm: number | null;
  withinMobilityRadius: boolean;
  hoursFit: boolean;
  missingLicences: DrivingLicence[];
  desiredOccupation: boolean;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function distanceBetween(a: string, b: string): number | null {
  if (a === b) return 0;
  const from = municipalityByCadastralCode(a);
  const to = municipalityByCadastralCode(b);
  return from && to ? Math.round(distanceKm(from, to) * 10) / 10 : null;
}

function distanceFit(km: number | null, radius: number): number {
  if (km === null) return 0;
  if (km <= radius) return 1 - 0.5 * (km / Math.max(radius, 1));
  return Math.max(0, 0.5 * (1 - (km - radius) / Math.max(radius, 10)));
}

export function assess(seeker: SeekerFacts, vacancy: Vacancy): Assessment {
  const covered: string[] = [];
  const missing: string[] = [];
  for (const uri of vacancy.requiredSkillUris) (seeker.skills.has(uri) ? covered : missing).push(uri);
  const optionalCovered = vacancy.optionalSkillUris.filter((uri) => seeker.skills.has(uri));
  const km = distanceBetween(seeker.domicileMunicipalityCode, vacancy.municipalityCode);
  const hoursFit = vacancy.weeklyHours <= seeker.weeklyHours;
  const missingLicences = vacancy.requiredLicences.filter((l) => !seeker.drivingLicences.includes(l));
  const desiredOccupation = seeker.desiredOccupationUris.includes(vacancy.occupationUri);
  const score =
    WEIGHTS.requiredSkills * share(covered.length, vacancy.requiredSkillUris.length) +
    WEIGHTS.optionalSkills * share(optionalCovered.length, vacancy.optionalSkillUris.length) +
    WEIGHTS.distance * distanceFit(km, seeker.mobilityRadiusKm) +
    WEIGHTS.hours * (hoursFit ? 1 : seeker.weeklyHours / vacancy.weeklyHours) +
    WEIGHTS.licences * share(vacancy.requiredLicences.length - missingLicences.length, vacancy.requiredLicences.length) +
    WEIGHTS.occupation * (desiredOccupation ? 1 : 0);
  return {
    seeker,
    vacancy,
    score: Math.round(score * 1000) / 1000,
    covered,
    missing,
    optionalCovered,
    distanceKm: km,
    withinMobilityRadius: km !== null && km <= seeker.mobilityRadiusKm,
    hoursFit,
    missingLicences,
    desiredOccupation,
  };
}

/** Best first; among equals the newer vacancy, then a stable order. */
export function byScoreForPerson(a: Assessment, b: Assessment): number {
  return b.score - a.score || (a.vacancy.openedOn < b.vacancy.openedOn ? 1 : a.vacancy.openedOn > b.vacancy.openedOn ? -1 : 0) || (a.vacancy.id < b.vacancy.id ? -1 : 1);
}

export function byScoreForVacancy(a: Assessment, b: Assessment): number {
  return b.score - a.score || (a.seeker.personId < b.seeker.personId ? -1 : a.seeker.personId > b.seeker.personId ? 1 : 0);
}

function labels(uris: readonly string[]): string {
  return skillsOf(uris).map((s) => s.label).join(', ');
}

function summarise(a: Assessment): string {
  const v = a.vacancy;
  const parts: string[] = [];
  const required = v.requiredSkillUris.length;
  if (required === 0) parts.push('no skills required');
  else {
    let text = `has ${a.covered.length} of ${required} required skills`;
    if (a.missing.length) text += ` (missing: ${labels(a.missing)})`;
    parts.push(text);
  }
  if (v.optionalSkillUris.length) parts.push(`${a.optionalCovered.length} of ${v.optionalSkillUris.length} optional skills`);
  if (a.distanceKm === null) parts.push('distance unknown');
  else {
    const radius = a.seeker.mobilityRadiusKm;
    parts.push(`${a.distanceKm} km from home, ${a.withinMobilityRadius ? 'within' : 'beyond'} the ${radius} km the person can travel`);
  }
  parts.push(
    a.hoursFit
      ? `${v.weeklyHours} h/week fits the ${a.seeker.weeklyHours} h available`
      : `${v.weeklyHours} h/week exceeds the ${a.seeker.weeklyHours} h available`,
  );
  if (a.missingLicences.length) parts.push(`lacks licence ${a.missingLicences.join(', ')}`);
  if (a.desiredOccupation) parts.push('wants this occupation');
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * A scored pair as it can be kept: skills by ESCO URI, and the sentence for people. A proposal keeps
 * one, so it can show later why the candidate was proposed, whatever changed since.
 */
export interface MatchSnapshot {
  coveredSkills: string[];
  missingSkills: string[];
  optionalSkillsCovered: string[];
  distanceKm: number | null;
  withinMobilityRadius: boolean;
  hoursFit: boolean;
  missingLicences: DrivingLicence[];
  desiredOccupation: boolean;
  summary: string;
}

export function snapshotOf(a: Assessment): MatchSnapshot {
  return {
    coveredSkills: a.covered,
    missingSkills: a.missing,
    optionalSkillsCovered: a.optionalCovered,
    distanceKm: a.distanceKm,
    withinMobilityRadius: a.withinMobilityRadius,
    hoursFit: a.hoursFit,
    missingLicences: a.missingLicences,
    desiredOccupation: a.desiredOccupation,
    summary: summarise(a),
  };
}

/** The explanation of a match, live or kept: one shape for both. */
export function explanationFrom(s: MatchSnapshot): MatchExplanation {
  return {
    coveredSkills: skillsOf(s.coveredSkills),
    missingSkills: skillsOf(s.missingSkills),
    optionalSkillsCovered: skillsOf(s.optionalSkillsCovered),
    distanceKm: s.distanceKm,
    withinMobilityRadius: s.withinMobilityRadius,
    hoursFit: s.hoursFit,
    missingLicences: s.missingLicences,
    desiredOccupation: s.desiredOccupation,
    summary: s.summary,
  };
}

export function toMatch(a: Assessment): Match {
  return { vacancy: a.vacancy, person: { id: a.seeker.personId }, score: a.score, explanation: explanationFrom(snapshotOf(a)) };
}
