import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';

/*
 * Entities owned by other subgraphs. Here each is only its key: the gateway fetches the rest from the
 * owner, and this subgraph adds its own fields to Person, Programme and Skill.
 */

@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id: string;

  /** Social services' grant for this request: training's records about the person are shared with the caller. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  accessGrant?: string | null;
}

@Directive(PUBLIC)
@ObjectType('Programme')
@Directive('@key(fields: "id")')
export class ProgrammeRef {
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;
}

@ObjectType('Organisation')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}

/** An ESCO skill, owned by the employment centre (label, kind); training adds the courses that teach it. */
@Directive(PUBLIC)
@ObjectType('Skill')
@Directive('@key(fields: "uri")')
export class SkillRef {
  // Typed and described by the owner: a key field must have one type in every subgraph.
  @Field(() => String)
  @Directive(PUBLIC)
  uri: string;
}

export const personRef = (id: string): PersonRef => ({ id });
export const programmeRef = (id: string): ProgrammeRef => ({ id });
export const organisationRef = (id: string): OrganisationRef => ({ id });
export const skillRef = (uri: string): SkillRef => ({ uri });
