import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Mutation, Resolver, Root } from 'type-graphql';
import { IsPositive, Length, Max } from 'class-validator';
import { badInput, byId, forbidden, ProblemList, runMutation, type RequestContext } from '@intreccio/shared';
import { InternshipTutorKind } from '../common/enums';
import { referenced, reloaded, today } from '../common/rules';
import { LocalDate } from '../common/scalars';
import { Company } from '../company/company.type';
import { Internship, lastDayOf } from '../internship/internship.type';
import { TutoringVisit } from './tutoring-visit.type';
import { assertPromotes } from '../access/holders';

@InputType()
export class RecordTutoringVisitInput {
  @Field(() => ID)
  internshipId: string;

  @Field(() => LocalDate)
  visitedOn: string;

  @Field(() => InternshipTutorKind)
  tutorKind: InternshipTutorKind;

  @Field(() => Float, { description: 'Hours spent: more than 0, at most 8, in quarters of an hour at the finest.' })
  @IsPositive()
  @Max(8)
  hours: number;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 5000)
  notes: string;
}

@Resolver(() => TutoringVisit)
export class TutoringVisitResolver {
  @FieldResolver(() => Internship, { nullable: true })
  async internship(@Root() v: TutoringVisit, @Ctx() ctx: RequestContext): Promise<Internship | null> {
    return byId(ctx, Internship).load(v.internshipId);
  }

  @Mutation(() => TutoringVisit, {
    description: "Records a tutoring visit during an internship: by the company network's operators, or by a host company's tutor for its own interns.",
  })
  async recordTutoringVisit(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordTutoringVisitInput) input: RecordTutoringVisitInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<TutoringVisit> {
    const problems = new ProblemList();
    if (Math.round(input.hours * 4) !== input.hours * 4) problems.add('input.hours', 'must be in quarters of an hour (e.g. 1.25, 1.5)');
    problems.throwIfAny();
    const { id } = await runMutation(ctx, { operation: 'recordTutoringVisit', idempotencyKey, input }, async (m) => {
      const internship = await referenced(m, Internship, input.internshipId, 'input.internshipId', 'internship', 'shared');
      if (ctx.principal.roles.includes('company_network_operator')) {
        assertPromotes(ctx, internship);
      } else {
        // A host company's tutor records the company's own visits, and only for interns at that company.
        const company = await m.getRepository(Company).findOneBy({ id: internship.companyId });
        if (!company?.organisationId || company.organisationId !== ctx.principal.organisationId) {
          throw forbidden("A company tutor records visits of their own company's interns only");
        }
        if (input.tutorKind !== 'COMPANY_TUTOR') throw forbidden('A company tutor records COMPANY_TUTOR visits only');
      }
      if (internship.status === 'PLANNED' || !internship.startedOn) {
        throw badInput({ field: 'input.internshipId', message: 'the internship has not started; tutoring visits happen while it runs' });
      }
      const lastDay = lastDayOf(internship);
      if (input.visitedOn < internship.startedOn || input.visitedOn > lastDay) {
        problems.add('input.visitedOn', `must fall within the internship (${internship.startedOn} to ${lastDay})`);
      } else if (input.visitedOn > today()) {
        problems.add('input.visitedOn', 'must not be in the future');
      }
      problems.throwIfAny();
      const repo = m.getRepository(TutoringVisit);
      const saved = await repo.save(repo.create({
        internshipId: internship.id,
        programmeId: internship.programmeId,
        visitedOn: input.visitedOn,
        tutorKind: input.tutorKind,
        hours: input.hours,
        notes: input.notes,
      }));
      return saved.id;
    });
    return reloaded(ctx, TutoringVisit, id, 'tutoring visit');
  }
}
