import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';

/*
 * Entities owned by other subgraphs. Person and Programme are extended here (this subgraph adds
 * fields to them), so their keys are resolvable: a representation becomes `{ id }` without a
 * database read. Organisation and Occupation are only pointed at.
 */

@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id: string;

  /** Social services' grant for this request: the internships of the person are shared with the caller. */
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

@ObjectType('Occupation')
@Directive('@key(fields: "uri", resolvable: false)')
export class OccupationRef {
  // A String, as the employment centre, which owns the type, declares its key.
  @Field(() => String)
  uri: string;
}

export function personRef(id: string): PersonRef {
  return { id };
}

export function programmeRef(id: string): ProgrammeRef {
  return { id };
}

export function organisationRef(id: string | null): OrganisationRef | null {
  return id ? { id } : null;
}

export function occupationRef(uri: string | null): OccupationRef | null {
  return uri ? { uri } : null;
}
