import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';

// Entities other partners own. This subgraph knows only their ids; the fields it adds to them are
// field resolvers going through per-request loaders. No descriptions: the owner's stand, and two
// differing ones would make composition hint.

@ObjectType('Person')
@Directive('@key(fields: "id")')
export class PersonRef {
  @Field(() => ID)
  id: string;

  /** Social services' grant for this request: the centre's records about the person are shared with the caller. */
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

@Directive(PUBLIC)
@ObjectType('Company')
@Directive('@key(fields: "id")')
export class CompanyRef {
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  /** The company network's grant for this request: the caller is the company's own user. */
  @Field(() => String, { nullable: true })
  @Directive('@external')
  accessGrant?: string | null;
}

@ObjectType('Organisation')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}

export const ref = (id: string): { id: string } => ({ id });
export const refOrNull = (id: string | null): { id: string } | null => (id ? { id } : null);
