import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { daySql, FUNNEL_MEMBERS_SQL, funnelRecordsOf, recordsAggregateSql, recordSql, type FunnelReference, type RequestContext } from '@intreccio/shared';

/** Social services' funnel of a cohort: this subgraph adds the days its people completed a course or were certified. */
@ObjectType('OutcomeFunnel')
@Directive('@key(fields: "id")')
export class OutcomeFunnelRef {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  members?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  aggregateGrant?: string | null;
}

/** Each member's completed courses and certificates in the programme: one record (person, day) per distinct day. */
const TRAINED_SQL = `
  WITH members AS (${FUNNEL_MEMBERS_SQL}),
  trained AS (
    SELECT m.k, m.person_id, e.completed_on AS day
      FROM members m JOIN enrollment e ON e.person_id = m.person_id AND e.programme_id = m.programme_id
     WHERE e.status = 'COMPLETED'
    UNION
    SELECT m.k, m.person_id, c.issued_on
      FROM members m JOIN certification c ON c.person_id = m.person_id AND c.programme_id = m.programme_id)
  SELECT k, ${recordsAggregateSql(recordSql('person_id', [daySql('day')]), 'person_id, day')} AS records FROM trained GROUP BY k`;

@Resolver(() => OutcomeFunnelRef)
export class TrainingFunnelResolver {
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "members aggregateGrant")')
  async trainingMilestones(@Root() funnel: FunnelReference, @Ctx() ctx: RequestContext): Promise<string> {
    return funnelRecordsOf(ctx, 'trained', TRAINED_SQL).load(funnel);
  }
}
