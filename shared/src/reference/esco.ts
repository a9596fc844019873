import { readReference } from './places';

export const ESCO_SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
export const ESCO_OCCUPATION_PREFIX = 'http://data.europa.eu/esco/occupation/';

export interface EscoSkill {
  uri: string;
  label: string;
  kind: 'SKILL' | 'KNOWLEDGE';
}

export interface EscoOccupation {
  uri: string;
  label: string;
  /** ISCO-08 unit group, four digits. */
  iscoGroup: string;
  /** ESCO code, e.g. 9112.1. */
  code: string;
  essentialSkills: readonly string[];
  optionalSkills: readonly string[];
}

type SkillRow = [uuid: string, label: string, kind: 'S' | 'K'];
type OccupationRow = [uuid: string, label: string, iscoGroup: string, code: string, essential: number[], optional: number[]];

interface Esco {
  skills: Map<string, EscoSkill>;
  occupations: Map<string, EscoOccupation>;
}

let esco: Esco | undefined;

/** ESCO v1.1.1 (English), loaded once on first use: every skill, and occupations with their skills. */
function load(): Esco {
  if (esco) return esco;
  const file = readReference<{ skills: SkillRow[]; occupations: OccupationRow[] }>('esco.json');
  const skillList = file.skills.map(([uuid, label, kind]): EscoSkill => ({ uri: ESCO_SKILL_PREFIX + uuid, label, kind: kind === 'K' ? 'KNOWLEDGE' : 'SKILL' }));
  const skills = new Map(skillList.map((s) => [s.uri, s]));
  const occupations = new Map(
    file.occupations.map(([uuid, label, iscoGroup, code, essential, optional]): [string, EscoOccupation] => [
      ESCO_OCCUPATION_PREFIX + uuid,
      {
        uri: ESCO_OCCUPATION_PREFIX + uuid,
        label,
        iscoGroup,
        code,
        essentialSkills: essential.map((i) => skillList[i]!.uri),
        optionalSkills: optional.map((i) => skillList[i]!.uri),
      },
    ]),
  );
  esco = { skills, occupations };
  return esco;
}

export function escoSkill(uri: string): EscoSkill | undefined {
  return load().skills.get(uri);
}

export function escoOccupation(uri: string): EscoOccupation | undefined {
  return load().occupations.get(uri);
}

export function allEscoOccupations(): IterableIterator<EscoOccupation> {
  return load().occupations.values();
}

/** Case-insensitive search on labels: those starting with the text first, then those containing it. */
function search<T extends { label: string }>(items: Iterable<T>, text: string, limit: number): T[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const label = item.label.toLowerCase();
    if (label.startsWith(needle)) starts.push(item);
    else if (label.includes(needle)) contains.push(item);
  }
  const byLabel = (a: T, b: T) => a.label.localeCompare(b.label);
  return [...starts.sort(byLabel), ...contains.sort(byLabel)].slice(0, limit);
}

export function searchEscoSkills(text: string, limit = 20): EscoSkill[] {
  return search(load().skills.values(), text, limit);
}

export function searchEscoOccupations(text: string, limit = 20): EscoOccupation[] {
  return search(load().occupations.values(), text, limit);
}

/** Why a value is not a usable ESCO skill URI, or undefined when it is one. */
export function escoSkillProblem(uri: string): string | undefined {
  if (!uri.startsWith(ESCO_SKILL_PREFIX)) return `must be an ESCO skill URI (${ESCO_SKILL_PREFIX}<id>)`;
  if (!escoSkill(uri)) return `${uri} is not a skill in ESCO v1.1.1`;
  return undefined;
}

export function escoOccupationProblem(uri: string): string | undefined {
  if (!uri.startsWith(ESCO_OCCUPATION_PREFIX)) return `must be an ESCO occupation URI (${ESCO_OCCUPATION_PREFIX}<id>)`;
  if (!escoOccupation(uri)) return `${uri} is not an occupation in ESCO v1.1.1`;
  return undefined;
}
