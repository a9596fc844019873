import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { byId, type RequestContext } from '@intreccio/shared';
import { Person } from '../person/person.type';

/**
 * A job seeker as a company sees them among a vacancy's candidates: the employment centre gives the
 * pseudonym, skills and availability, and a ticket it signed for the company's organisation; the lead
 * body adds the first name, and only for a valid ticket. The person's id never reaches the company.
 */
@ObjectType('Candidate')
@Directive('@key(fields: "pseudonym")')
export class CandidateName {
  @Field(() => ID)
  pseudonym: string;

  @Field(() => String)
  @Directive('@external')
  ticket: string;

  /** The person the ticket names, once verified. */
  personId?: string;
}

export const candidateReference = {
  __resolveReference: (ref: { pseudonym: string; ticket?: string }, ctx: RequestContext): CandidateName | null => {
    const personId = ctx.access.readGrant('candidate', ref.ticket);
    return personId ? { pseudonym: ref.pseudonym, ticket: ref.ticket!, personId } : null;
  },
};

@Resolver(() => CandidateName)
export class CandidateNameResolver {
  @FieldResolver(() => String, { nullable: true, description: "The candidate's first name: the only identity a company sees." })
  @Directive('@requires(fields: "ticket")')
  async firstName(@Root() candidate: CandidateName, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!candidate.personId) return null;
    return (await byId(ctx, Person).load(candidate.personId))?.givenName ?? null;
  }
}
