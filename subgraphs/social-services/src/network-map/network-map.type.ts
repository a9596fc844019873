import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { WITHHELD_NOTE } from '@intreccio/shared';
import type { Organisation } from '../organisation/organisation.type';

@ObjectType({ description: 'An organisation of the network map: a partner of the registry, or a host company.' })
export class NetworkNode {
  @Field(() => ID, { description: "The organisation's id in the registry; for a host company not in it, its `Company` id." })
  id: string;

  @Field(() => String, { description: 'SOCIAL_SERVICES, EMPLOYMENT_CENTRE, TRAINING_PROVIDER, COMPANY_NETWORK or COMPANY.' })
  kind: string;

  @Field(() => String)
  name: string;

  /** Set by the resolver; the field resolves the registry's record. */
  organisationId: string | null;

  organisation?: Organisation | null;
}

@ObjectType({
  description:
    'Two organisations working together, either way round: `from` comes first in the order of the pathway (social services, employment centre, ' +
    'training, company network, company), then by id.',
})
export class NetworkEdge {
  @Field(() => ID)
  from: string;

  @Field(() => ID)
  to: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'People the two share: on the same live case team, both with the person’s active consent; between the company network and a host company, ' +
      `the people of the internships it promoted there. ${WITHHELD_NOTE}`,
  })
  sharedPeople: number | null;

  @Field(() => Int, { nullable: true, description: `Referrals sent between the two, either way. ${WITHHELD_NOTE}` })
  referrals: number | null;

  @Field(() => Float, { nullable: true, description: 'Median days from a referral to its answer; withheld when fewer than 5 were answered.' })
  medianResponseDays: number | null;
}

/** A map as social services resolve it: the programmes it covers, and what the company network added. */
export interface NetworkMapSource {
  id: string;
  programmeIds: string[];
  companyLinks?: string | null;
}

const LINKS = '@requires(fields: "companyLinks")';

@ObjectType({
  description:
    "The network of a lead body's programmes: its organisations and host companies, and the people and referrals between them. " +
    'Aggregates only: figures below 5 are null and named in `suppressed`.',
})
@Directive('@key(fields: "id")')
export class NetworkMap {
  @Field(() => ID)
  @Directive('@inaccessible')
  id: string;

  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  aggregateGrant?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  companyLinks?: string | null;

  @Field(() => [NetworkNode], { description: 'The programmes’ partners, every organisation an edge reaches, and the host companies of their internships.' })
  @Directive(LINKS)
  nodes: NetworkNode[];

  @Field(() => [NetworkEdge])
  @Directive(LINKS)
  edges: NetworkEdge[];

  @Field(() => [String], { description: 'The figures withheld, as `<from>:<to>.<figure>` (e.g. `…:….sharedPeople`).' })
  @Directive(LINKS)
  suppressed: string[];
}
