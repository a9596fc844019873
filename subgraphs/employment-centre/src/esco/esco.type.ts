import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC, escoOccupation, escoSkill, type EscoOccupation, type EscoSkill } from '@intreccio/shared';
import { SkillKind } from '../common/enums';

@Directive(PUBLIC)
@ObjectType({ description: 'A skill or knowledge concept of the ESCO taxonomy (v1.1.1), identified by its URI.' })
@Directive('@key(fields: "uri")')
export class Skill {
  @Field(() => String, { description: 'ESCO URI, e.g. http://data.europa.eu/esco/skill/<id>.' })
  @Directive(PUBLIC)
  uri: string;

  @Field(() => String, { description: 'Preferred label in English.' })
  @Directive(PUBLIC)
  label: string;

  @Field(() => SkillKind)
  @Directive(PUBLIC)
  kind: SkillKind;
}

@Directive(PUBLIC)
@ObjectType({ description: 'An occupation of the ESCO taxonomy (v1.1.1), identified by its URI.' })
@Directive('@key(fields: "uri")')
export class Occupation {
  @Field(() => String, { description: 'ESCO URI, e.g. http://data.europa.eu/esco/occupation/<id>.' })
  @Directive(PUBLIC)
  uri: string;

  @Field(() => String, { description: 'Preferred label in English.' })
  @Directive(PUBLIC)
  label: string;

  @Field(() => String, { description: 'ISCO-08 unit group (four digits).' })
  @Directive(PUBLIC)
  iscoGroup: string;

  essentialSkillUris: readonly string[];
  optionalSkillUris: readonly string[];
}

function toSkill(s: EscoSkill): Skill {
  return { uri: s.uri, label: s.label, kind: s.kind };
}

export function toOccupation(o: EscoOccupation): Occupation {
  return { uri: o.uri, label: o.label, iscoGroup: o.iscoGroup, essentialSkillUris: o.essentialSkills, optionalSkillUris: o.optionalSkills };
}

export function skillByUri(uri: string): Skill | null {
  const s = escoSkill(uri);
  return s ? toSkill(s) : null;
}

export function occupationByUri(uri: string): Occupation | null {
  const o = escoOccupation(uri);
  return o ? toOccupation(o) : null;
}

/**
 * Skills for stored URIs. Every URI was checked against ESCO when written; one the reference data
 * no longer knows is left out rather than failing the whole answer.
 */
export function skillsOf(uris: readonly string[]): Skill[] {
  const skills: Skill[] = [];
  for (const uri of uris) {
    const s = skillByUri(uri);
    if (s) skills.push(s);
  }
  return skills;
}

/** A stored URI shown even when ESCO stops listing it, so a record never loses its subject. */
export function skillOrPlaceholder(uri: string): Skill {
  return skillByUri(uri) ?? { uri, label: uri, kind: 'SKILL' };
}

export function occupationOrPlaceholder(uri: string): Occupation {
  return occupationByUri(uri) ?? { uri, label: uri, iscoGroup: '', essentialSkillUris: [], optionalSkillUris: [] };
}
