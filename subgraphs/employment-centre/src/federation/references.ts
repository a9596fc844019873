import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Entities other partners own. This subgraph knows only their ids; the fields it adds to them are
// field resolvers going through per-request loaders. No descriptions: the owner's stand, and two
// differing ones would make composition hint.

@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Programme')
@Directive('@key(fields: "id")')
export class ProgrammeRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Company')
@Directive('@key(fields: "id")')
export class CompanyRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Organisation')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}

export const ref = (id: string): { id: string } => ({ id });
export const refOrNull = (id: string | null): { id: string } | null => (id ? { id } : null);
