import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { daySql, FUNNEL_MEMBERS_SQL, funnelRecordsOf, recordsAggregateSql, recordSql, type FunnelReference, type RequestContext } from '@intreccio/shared';

/** Social services' funnel of a cohort: the employment centre adds the hires of its people and what the follow-ups found. */
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

/**
 * Each member's hires in the programme: one record (person, start, the 6-month check's day if it found
 * the person employed, the 12-month check's likewise).
 */
const HIRED_SQL = `
  WITH members AS (${FUNNEL_MEMBERS_SQL})
  SELECT m.k, ${recordsAggregateSql(recordSql('m.person_id', ['h.start_date', 'f6.checked_on', 'f12.checked_on'].map(daySql)), 'm.person_id, h.start_date')} AS records
    FROM members m
    JOIN hire h ON h.person_id = m.person_id AND h.programme_id = m.programme_id
    LEFT JOIN follow_up_check f6 ON f6.hire_id = h.id AND f6.months_after = 6 AND f6.still_employed
    LEFT JOIN follow_up_check f12 ON f12.hire_id = h.id AND f12.months_after = 12 AND f12.still_employed
   GROUP BY m.k`;

@Resolver(() => OutcomeFunnelRef)
export class EmploymentFunnelResolver {
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  @Directive('@requires(fields: "members aggregateGrant")')
  async employmentMilestones(@Root() funnel: FunnelReference, @Ctx() ctx: RequestContext): Promise<string> {
    return funnelRecordsOf(ctx, 'hires', HIRED_SQL).load(funnel);
  }
}
