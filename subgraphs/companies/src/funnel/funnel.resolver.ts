import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { daySql, FUNNEL_MEMBERS_SQL, funnelRecordsOf, recordsAggregateSql, recordSql, type FunnelReference, type RequestContext } from '@intreccio/shared';

/** Social services' funnel of a cohort: the company network adds the days its people's internships started. */
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

/** Each member's internships in the programme that started (whatever came of them): one record (person, start) each. */
const STARTED_SQL = `
  WITH members AS (${FUNNEL_MEMBERS_SQL})
  SELECT m.k, ${recordsAggregateSql(recordSql('m.person_id', [daySql('i.started_on')]), 'm.person_id, i.started_on')} AS records
    FROM members m JOIN internship i ON i.person_id = m.person_id AND i.programme_id = m.programme_id
   WHERE i.started_on IS NOT NULL
   GROUP BY m.k`;

@Resolver(() => OutcomeFunnelRef)
export class InternshipFunnelResolver {
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "members aggregateGrant")')
  async internshipMilestones(@Root() funnel: FunnelReference, @Ctx() ctx: RequestContext): Promise<string> {
    return funnelRecordsOf(ctx, 'internships', STARTED_SQL).load(funnel);
  }
}
