import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { groupedBy, type RequestContext } from '@intreccio/shared';
import { PersonRef } from '../common/references';
import { Internship } from '../internship/internship.type';

@Resolver(() => PersonRef)
export class PersonInternshipsResolver {
  @FieldResolver(() => [Internship], {
    nullable: true,
    description: "The person's internships, most recent start first; a host company sees only those at its own company.",
  })
  @Directive('@requires(fields: "accessGrant")')
  async internships(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Internship[]> {
    return groupedBy(ctx, Internship, 'personId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(person.id);
  }
}
