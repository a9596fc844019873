import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { groupedBy, type RequestContext } from '@intreccio/shared';
import { Certification } from '../certification/certification.type';
import { isUuid } from '../common/rules';
import { PersonRef } from '../common/references';
import { Enrollment } from '../enrollment/enrollment.type';

/** Training's part of a person: one statement per entity type for however many people the gateway asks about. */
@Resolver(() => PersonRef)
export class PersonTrainingResolver {
  @FieldResolver(() => [Enrollment], { nullable: true, description: 'Course enrolments, most recent first.' })
  @Directive('@requires(fields: "accessGrant")')
  async enrollments(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Enrollment[]> {
    if (!isUuid(person.id)) return [];
    return groupedBy(ctx, Enrollment, 'personId', { orderBy: { enrolledOn: 'DESC', id: 'ASC' } }).load(person.id);
  }

  @FieldResolver(() => [Certification], { nullable: true, description: 'Certificates issued to the person, most recent first.' })
  @Directive('@requires(fields: "accessGrant")')
  async certifications(@Root() person: PersonRef, @Ctx() ctx: RequestContext): Promise<Certification[]> {
    if (!isUuid(person.id)) return [];
    return groupedBy(ctx, Certification, 'personId', { orderBy: { issuedOn: 'DESC', id: 'ASC' } }).load(person.id);
  }
}
