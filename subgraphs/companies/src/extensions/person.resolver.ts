import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { groupedBy, type RequestContext } from '@intreccio/shared';
import { PersonRef } from '../common/references';
import { Internship } from '../internship/internship.type';

@Resolver(() => PersonRef)
export class PersonInternshipsResolver {
  @FieldResolver(() => [Internship], { description: "The person's internships, most recent start first." })
  async internships(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Internship[]> {
    return groupedBy(ctx, Internship, 'personId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(person.id);
  }
}
