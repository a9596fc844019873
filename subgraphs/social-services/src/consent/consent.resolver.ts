import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import { badInput, byId, conflict, runMutation, type RequestContext } from '@intreccio/shared';
import { assertOwnsPerson } from '../access/standing';
import { ConsentPurpose } from '../common/enums';
import { LocalDate } from '../common/scalars';
import { checkVersion, referenced, reloaded, today } from '../common/rules';
import { Organisation } from '../organisation/organisation.type';
import { Person } from '../person/person.type';
import { Consent } from './consent.type';

@InputType()
export class GrantConsentInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID, { description: 'The organisation the person allows to see their data.' })
  organisationId: string;

  @Field(() => ConsentPurpose, { defaultValue: 'DATA_SHARING' })
  purpose: ConsentPurpose;

  @Field(() => LocalDate)
  givenOn: string;
}

@InputType()
export class RevokeConsentInput {
  @Field(() => ID)
  consentId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate)
  revokedOn: string;
}

@Resolver(() => Consent)
export class ConsentResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() consent: Consent, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return byId(ctx, Organisation).load(consent.organisationId);
  }

  @Mutation(() => Consent, { description: 'Records that the person consents to an organisation seeing their data.' })
  async grantConsent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GrantConsentInput) input: GrantConsentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Consent> {
    if (input.givenOn > today()) throw badInput({ field: 'input.givenOn', message: 'must not be in the future' });
    const { id } = await runMutation(ctx, { operation: 'grantConsent', idempotencyKey, input }, async (m) => {
      await referenced(m, Person, input.personId, 'input.personId', 'person', true);
      await assertOwnsPerson(ctx, m, input.personId);
      await referenced(m, Organisation, input.organisationId, 'input.organisationId', 'organisation');
      const repo = m.getRepository(Consent);
      if (await repo.existsBy({ personId: input.personId, organisationId: input.organisationId, purpose: input.purpose, status: 'ACTIVE' })) {
        throw conflict('The person already has an active consent for this organisation and purpose', 'input.organisationId');
      }
      const saved = await repo.save(repo.create({ ...input, status: 'ACTIVE', revokedOn: null }));
      return saved.id;
    });
    return reloaded(ctx, Consent, id, 'consent');
  }

  @Mutation(() => Consent, { description: 'Revokes a consent; access based on it ends with the next request.' })
  async revokeConsent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RevokeConsentInput) input: RevokeConsentInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ): Promise<Consent> {
    const { id } = await runMutation(ctx, { operation: 'revokeConsent', idempotencyKey, input }, async (m) => {
      const consent = await referenced(m, Consent, input.consentId, 'input.consentId', 'consent', true);
      await assertOwnsPerson(ctx, m, consent.personId);
      checkVersion(consent, input.expectedVersion, 'The consent');
      if (consent.status === 'REVOKED') throw badInput({ field: 'input.consentId', message: `the consent was already revoked on ${consent.revokedOn}` });
      if (input.revokedOn < consent.givenOn) throw badInput({ field: 'input.revokedOn', message: `must not be before the consent was given (${consent.givenOn})` });
      consent.status = 'REVOKED';
      consent.revokedOn = input.revokedOn;
      await m.getRepository(Consent).save(consent);
      return consent.id;
    });
    return reloaded(ctx, Consent, id, 'consent');
  }
}
