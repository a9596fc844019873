import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { byId, groupedBy, runMutation, type RequestContext } from '@intreccio/shared';
import { checkVersion, referenced, reloaded } from '../common/rules';
import { Company } from '../company/company.type';
import { Internship } from '../internship/internship.type';
import { AddCompanyTutorInput, UpdateCompanyTutorInput } from './tutor.input';
import { CompanyTutor } from './tutor.type';

@Resolver(() => CompanyTutor)
export class CompanyTutorResolver {
  @FieldResolver(() => Company)
  async company(@Root() tutor: CompanyTutor, @Ctx() ctx: RequestContext): Promise<Company | null> {
    return byId(ctx, Company).load(tutor.companyId);
  }

  @FieldResolver(() => [Internship], { description: 'Internships this tutor follows or followed, most recent start first.' })
  async internships(@Root() tutor: CompanyTutor, @Ctx() ctx: RequestContext): Promise<Internship[]> {
    return groupedBy(ctx, Internship, 'companyTutorId', { orderBy: { startDate: 'DESC', id: 'ASC' } }).load(tutor.id);
  }

  @Mutation(() => CompanyTutor, { description: 'Adds a tutor to a company; tutors start active.' })
  async addCompanyTutor(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddCompanyTutorInput) input: AddCompanyTutorInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<CompanyTutor> {
    const { id } = await runMutation(ctx, { operation: 'addCompanyTutor', idempotencyKey, input }, async (m) => {
      const company = await referenced(m, Company, input.companyId, 'input.companyId', 'company');
      const repo = m.getRepository(CompanyTutor);
      const saved = await repo.save(repo.create({
        companyId: company.id,
        name: input.name.trim(),
        role: input.role.trim(),
        email: input.email ?? null,
        phone: input.phone ?? null,
        active: true,
      }));
      return saved.id;
    });
    return reloaded(ctx, CompanyTutor, id, 'company tutor');
  }

  @Mutation(() => CompanyTutor, { description: "Corrects a tutor's details, or marks them inactive so they take no new interns." })
  async updateCompanyTutor(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCompanyTutorInput) input: UpdateCompanyTutorInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<CompanyTutor> {
    const { id } = await runMutation(ctx, { operation: 'updateCompanyTutor', idempotencyKey, input }, async (m) => {
      const tutor = await referenced(m, CompanyTutor, input.id, 'input.id', 'company tutor', true);
      checkVersion(tutor, input.expectedVersion, 'The tutor');
      if (input.name != null) tutor.name = input.name.trim();
      if (input.role != null) tutor.role = input.role.trim();
      if (input.email !== undefined) tutor.email = input.email;
      if (input.phone !== undefined) tutor.phone = input.phone;
      if (input.active != null) tutor.active = input.active;
      await m.getRepository(CompanyTutor).save(tutor);
      return tutor.id;
    });
    return reloaded(ctx, CompanyTutor, id, 'company tutor');
  }
}
