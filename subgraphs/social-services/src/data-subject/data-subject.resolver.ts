import { Arg, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, deleteRows, EraseDataInput, eraseOnce, ERASURE_TOKEN_TTL_SECONDS, ErasureReceipt, forbidden, PartnerRecords, partnerRecordsResolver, type RequestContext,
} from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { mayActForDataSubject } from '../access/standing';
import { isUuid } from '../common/rules';

const PARTNER = 'social-services';

@ObjectType({
  description: "A person as the subject of a data-protection request: what every partner holds about them and who read it. For the data protection officer, and for the case managers of the social services that hold the person.",
})
@Directive('@key(fields: "personId")')
export class DataSubject {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: 'For the gateway: tells the other partners that the caller may read this request.' })
  @Directive('@inaccessible')
  grant: string | null;

  @Field(() => String, {
    nullable: true,
    description: "For the data protection officer: pass it to each partner's erase mutation (valid 15 minutes). Null for anyone else.",
  })
  erasureToken: string | null;
}

/** Everything the lead body holds about a person, as plain JSON (GDPR art. 15 and 20). */
async function exportRecords(ctx: RequestContext, personId: string): Promise<Record<string, unknown>> {
  const m = ctx.db.manager;
  const [person] = await m.query(
    `SELECT id, fiscal_code AS "fiscalCode", given_name AS "givenName", family_name AS "familyName", birth_date AS "birthDate", sex,
            birth_place_code AS "birthPlaceCode", residence_municipality_code AS "residenceMunicipalityCode", email, phone,
            target_groups AS "targetGroups", registered_by_organisation_id AS "registeredByOrganisationId", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM person WHERE id = $1`, [personId]);
  const rows = (sql: string) => m.query(sql, [personId]) as Promise<Record<string, unknown>[]>;
  const [cases, team, consents, assessments, plans, steps, referrals, benefits] = await Promise.all([
    rows(`SELECT id, programme_id AS "programmeId", owner_organisation_id AS "ownerOrganisationId", status, opened_on AS "openedOn",
                 closed_on AS "closedOn", closure_reason AS "closureReason", case_manager_name AS "caseManagerName"
            FROM case_file WHERE person_id = $1 ORDER BY opened_on, id`),
    rows(`SELECT m.id, m.case_id AS "caseId", m.organisation_id AS "organisationId", m.role, m.operator_name AS "operatorName",
                 m.joined_on AS "joinedOn", m.left_on AS "leftOn"
            FROM case_team_member m JOIN case_file c ON c.id = m.case_id WHERE c.person_id = $1 ORDER BY m.joined_on, m.id`),
    rows(`SELECT id, organisation_id AS "organisationId", purpose, status, given_on AS "givenOn", revoked_on AS "revokedOn"
            FROM consent WHERE person_id = $1 ORDER BY given_on, id`),
    rows(`SELECT a.id, a.case_id AS "caseId", a.assessed_on AS "assessedOn", a.scores, a.employability_level AS "employabilityLevel", a.notes,
                 a.author_ids AS "authorIds"
            FROM assessment a JOIN case_file c ON c.id = a.case_id WHERE c.person_id = $1 ORDER BY a.assessed_on, a.id`),
    rows(`SELECT p.id, p.case_id AS "caseId", p.assessment_id AS "assessmentId", p.status, p.goals, p.start_date AS "startDate",
                 p.end_date AS "endDate", p.signed_on AS "signedOn"
            FROM personal_plan p JOIN case_file c ON c.id = p.case_id WHERE c.person_id = $1 ORDER BY p.created_at, p.id`),
    rows(`SELECT s.id, s.plan_id AS "planId", s.position, s.kind, s.owner_organisation_id AS "ownerOrganisationId", s.description, s.status,
                 s.planned_start AS "plannedStart", s.planned_end AS "plannedEnd"
            FROM plan_step s JOIN personal_plan p ON p.id = s.plan_id JOIN case_file c ON c.id = p.case_id WHERE c.person_id = $1
           ORDER BY s.plan_id, s.position`),
    rows(`SELECT id, case_id AS "caseId", from_organisation_id AS "fromOrganisationId", to_organisation_id AS "toOrganisationId",
                 plan_step_id AS "planStepId", reason, status, sent_at AS "sentAt", responded_at AS "respondedAt", decline_reason AS "declineReason",
                 first_contact_at AS "firstContactAt", completed_at AS "completedAt", outcome
            FROM referral WHERE person_id = $1 ORDER BY sent_at, id`),
    rows(`SELECT id, kind, monthly_amount_cents AS "monthlyAmountCents", start_date AS "startDate", end_date AS "endDate",
                 entitlement_end_date AS "entitlementEndDate", paying_organisation_id AS "payingOrganisationId"
            FROM benefit WHERE person_id = $1 ORDER BY start_date, id`),
  ]);
  return { person: person ?? null, cases, caseTeam: team, consents, assessments, personalPlans: plans, planSteps: steps, referrals, benefits };
}

/** The order respects the foreign keys: what points at a case or a plan goes first. */
async function eraseRecords(m: EntityManager, personId: string): Promise<Record<string, number>> {
  const byCase = 'case_id IN (SELECT id FROM case_file WHERE person_id = $1)';
  const records: Record<string, number> = {};
  records.referrals = await deleteRows(m, 'referral', 'person_id = $1', [personId]);
  records.planSteps = await deleteRows(m, 'plan_step', `plan_id IN (SELECT id FROM personal_plan WHERE ${byCase})`, [personId]);
  records.personalPlans = await deleteRows(m, 'personal_plan', byCase, [personId]);
  records.assessments = await deleteRows(m, 'assessment', byCase, [personId]);
  records.caseTeam = await deleteRows(m, 'case_team_member', byCase, [personId]);
  records.cases = await deleteRows(m, 'case_file', 'person_id = $1', [personId]);
  records.consents = await deleteRows(m, 'consent', 'person_id = $1', [personId]);
  records.benefits = await deleteRows(m, 'benefit', 'person_id = $1', [personId]);
  records.person = await deleteRows(m, 'person', 'id = $1', [personId]);
  return records;
}

@Resolver(() => DataSubject)
export class DataSubjectResolver {
  @Query(() => DataSubject, {
    nullable: true,
    description: "A person's data across the network, for a request under GDPR art. 15, 17 or 20: the data protection officer, or a case manager of the social services that hold the person.",
  })
  async dataSubject(@Ctx() ctx: RequestContext, @Arg('personId', () => ID) personId: string): Promise<DataSubject | null> {
    if (!isUuid(personId)) throw badInput({ field: 'personId', message: 'not a valid id' });
    if (!(await mayActForDataSubject(ctx, personId))) throw forbidden("The person is not in your organisation's care");
    const erasureToken = ctx.access.hasRole('data_protection_officer') ? ctx.access.grant('erasure', personId, { ttlSeconds: ERASURE_TOKEN_TTL_SECONDS }) : null;
    return { personId, grant: ctx.access.grant('data-subject', personId), erasureToken };
  }

  @FieldResolver(() => PartnerRecords, { description: "The lead body's records about the person." })
  socialServices(@Root() subject: DataSubject): PartnerRecords {
    return { partner: PARTNER, personId: subject.personId } as PartnerRecords;
  }

  @Mutation(() => ErasureReceipt, {
    description: "Erases everything the lead body holds about the person (GDPR art. 17), leaving a pseudonymous tombstone. Safe to retry: a second request returns the first receipt. Send it with the other partners' erase mutations in one operation.",
  })
  async eraseSocialServicesData(@Ctx() ctx: RequestContext, @Arg('input', () => EraseDataInput) input: EraseDataInput): Promise<ErasureReceipt> {
    if (!isUuid(input.personId)) throw badInput({ field: 'input.personId', message: 'not a valid id' });
    if (!(await mayActForDataSubject(ctx, input.personId, true))) {
      throw forbidden("input.personId: only the data protection officer of the social services holding the person may erase their data", 'input.personId');
    }
    return eraseOnce(ctx, input.personId, input.requestReference, (m) => eraseRecords(m, input.personId));
  }
}

export const PartnerRecordsResolver = partnerRecordsResolver(PARTNER, 'socialServices', exportRecords);
