import { buildFiscalCode, type Principal } from '@intreccio/shared';
import type { ProgrammeCast } from './pathway';
import { PATHWAY } from './pathway';
import { eventually } from './eventually';
import type { TestNetwork } from './network';

/**
 * People walked through a programme of their own for the savings ledger, every record written
 * through the gateway by the role that writes it in real life: the case manager takes the person in
 * charge (with the équipe and consents) and records their benefits and plan; the training body their
 * hours; the company network the internship, its allowances and tutoring; the employment centre the
 * hire and its follow-ups.
 */

const OCCUPATION = 'http://data.europa.eu/esco/occupation/3a55bf97-a0d2-47a0-a8b3-b248d32c7969';
const COURSE_TITLE = 'Production and finishing operator (100 h)';

export const LEDGER_TOTALS = `
  asOf unitCostVersion unitCosts { version validFrom }
  peopleInProgramme peopleHired monthsEmployed
  avoidedBenefitsCents fiscalReturnCents grossSavingsCents deadweightCents grossSavingsAfterDeadweightCents
  trainingCostCents allowancesCents tutoringCostCents caseManagementCostCents programmeCostCents netSavingsCents benefitCostRatio
  outcomes { outcome { code priceCents } verified paymentsDueCents suppressed }
  outcomesVerified outcomePaymentsDueCents
  records { cases benefits hires followUps enrollments allowancePayments tutoringVisits }
  suppressed`;

export const LEDGER_LINE = `
  person { id givenName } unitCostVersion hired hireDate horizonEnd monthsEmployed
  hires { hireId startDate plannedEndDate grossMonthlyWageCents followUpIds countedThrough countEndedBy monthsCounted fiscalReturnCents }
  benefits { benefitId kind monthlyAmountCents startDate entitlementEndDate avoidanceRate months avoidedCents }
  avoidedBenefitsCents fiscalReturnCents grossSavingsCents deadweightCents grossSavingsAfterDeadweightCents
  training { attendedHours hourCostCents costCents enrollmentIds }
  allowances { paidCents paymentIds }
  tutoring { hours hourCostCents costCents visitIds }
  caseManagement { months monthCostCents costCents caseIds }
  programmeCostCents netSavingsCents
  outcomes { outcome { code } planId planStartDate weeksEmployed verified paymentDueCents }`;

export const SAVINGS = `query Savings($id: ID!, $version: Int) { programme(id: $id) { savings(unitCostVersion: $version) { ${LEDGER_TOTALS} } } }`;
export const SAVINGS_LEDGER = `query SavingsLedger($id: ID!, $person: ID, $version: Int, $first: Int, $after: String) { programme(id: $id) {
  savingsLedger(personId: $person, unitCostVersion: $version, first: $first, after: $after) {
    asOf unitCostVersion notShared lines { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LEDGER_LINE} } } } } } }`;
export const SET_UNIT_COSTS = `mutation SetUnitCosts($i: SetProgrammeUnitCostsInput!, $key: String) { setProgrammeUnitCosts(input: $i, idempotencyKey: $key) {
  version validFrom trainingHourCents tutoringHourCents caseManagementMonthCents fiscalRate deadweight horizonMonths
  avoidanceRates { kind rate } setBy setByOrganisation { id } setAt } }`;
export const DEFINE_OUTCOME = `mutation DefineOutcome($i: DefineProgrammeOutcomeInput!, $key: String) { defineProgrammeOutcome(input: $i, idempotencyKey: $key) {
  id code name minWeeksEmployed withinMonthsOfPlanStart priceCents } }`;

export interface UnitCosts {
  validFrom: string;
  trainingHourCents: number;
  tutoringHourCents: number;
  caseManagementMonthCents: number;
  fiscalRate: number;
  deadweight: number;
  horizonMonths?: number;
  avoidanceRates: { kind: string; rate: number }[];
}

export interface PersonStory {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'FEMALE' | 'MALE';
  /** Taken in charge on. */
  openedOn: string;
  benefits?: { kind: string; monthlyAmountCents: number; startDate: string; endDate?: string; entitlementEndDate?: string }[];
  /** The signed plan, with an internship step when there is an internship. */
  planStart?: string;
  trainingHours?: number[];
  internship?: {
    startDate: string;
    endDate: string;
    monthlyAllowanceCents: number;
    payments: [month: string, amountCents: number, paidOn: string][];
    visits: [visitedOn: string, hours: number][];
  };
  hire?: {
    startDate: string;
    endDate?: string;
    grossMonthlyWageCents: number;
    followUps: [monthsAfter: number, checkedOn: string, stillEmployed: boolean][];
  };
}

export interface WalkedPerson {
  personId: string;
  caseId: string;
  benefitIds: string[];
  planId: string | null;
  enrollmentIds: string[];
  paymentIds: string[];
  visitIds: string[];
  hireId: string | null;
  followUpIds: string[];
}

export class LedgerProgramme {
  private edition: string | null = null;
  private walked = 0;

  private constructor(readonly net: TestNetwork, readonly cast: ProgrammeCast, readonly id: string, readonly code: string) {}

  /**
   * A programme of the cast's lead body, with its partners, internship rules and one edition of the
   * training body's course, over `startDate`–`endDate`.
   */
  static async create(net: TestNetwork, cast: ProgrammeCast, code: string, startDate: string, endDate: string): Promise<LedgerProgramme> {
    const { coordinator } = cast;
    const created = await net.ok(coordinator, 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }', {
      i: {
        code, name: `Ledger ${code}`, leadOrganisationId: cast.socialServices.id, territory: [cast.socialServices.municipalityCode],
        startDate, endDate, budgetCents: 50_000_000, referralResponseDays: 10,
      },
    });
    const id = created.createProgramme.id as string;
    for (const org of [cast.employmentCentre, cast.trainingBody, cast.companyNetwork, cast.hostCompany]) {
      await net.ok(coordinator, 'mutation($i: AddProgrammePartnerInput!) { addProgrammePartner(input: $i) { id } }', {
        i: { programmeId: id, organisationId: org.id, role: 'Partner', joinedOn: startDate },
      });
    }
    await net.ok(coordinator, 'mutation($i: SetInternshipRulesInput!) { setInternshipRules(input: $i) { version } }', {
      i: { programmeId: id, allowanceMinCents: 20_000, allowanceMaxCents: 60_000, minWeeklyHours: 10, maxWeeklyHours: 30, maxMonths: 12 },
    });
    return new LedgerProgramme(net, cast, id, code);
  }

  private key(what: string): string {
    return `${this.code}-${what}`;
  }

  async setUnitCosts(costs: UnitCosts, key: string, who: Principal = this.cast.coordinator): Promise<any> {
    return (await this.net.ok(who, SET_UNIT_COSTS, { i: { programmeId: this.id, ...costs }, key: this.key(key) })).setProgrammeUnitCosts;
  }

  async defineOutcome(code: string, minWeeksEmployed: number, withinMonthsOfPlanStart: number, priceCents: number): Promise<any> {
    return (await this.net.ok(this.cast.coordinator, DEFINE_OUTCOME, {
      i: { programmeId: this.id, code, name: `Employed ${minWeeksEmployed} weeks within ${withinMonthsOfPlanStart} months`, minWeeksEmployed, withinMonthsOfPlanStart, priceCents },
      key: this.key(`outcome-${code}`),
    })).defineProgrammeOutcome;
  }

  private async courseEdition(): Promise<string> {
    if (this.edition) return this.edition;
    const { net, cast } = this;
    const providers = (await net.ok(cast.trainingOperator, PATHWAY.ownCourses)).trainingProviders;
    const course = providers.find((p: any) => p.organisation?.id === cast.trainingBody.id).courses.find((c: any) => c.title === COURSE_TITLE);
    const edition = (await net.ok(cast.trainingOperator, PATHWAY.scheduleCourseEdition, {
      i: { courseId: course.id, programmeId: this.id, startDate: '2024-01-22', endDate: '2024-03-29', seats: 20, municipalityCode: cast.trainingBody.municipalityCode, venue: 'Aula 3' },
      key: this.key('edition'),
    })).scheduleCourseEdition;
    await net.ok(cast.trainingOperator, PATHWAY.changeEditionStatus, { i: { editionId: edition.id, status: 'RUNNING', effectiveOn: '2024-01-22' }, key: this.key('edition-running') });
    this.edition = edition.id as string;
    return this.edition;
  }

  /** Walks one person through the programme as the story tells, each record by its partner. */
  async walk(story: PersonStory): Promise<WalkedPerson> {
    const { net, cast } = this;
    const n = ++this.walked;
    const key = (what: string) => this.key(`p${n}-${what}`);
    const { caseManager, cpiOperator, trainingOperator, networkOperator } = cast;
    const identity = { givenName: story.givenName, familyName: story.familyName, birthDate: story.birthDate, sex: story.sex, birthPlaceCode: 'G752' };
    const person = (await net.ok(caseManager, PATHWAY.createPerson, {
      i: { ...identity, fiscalCode: buildFiscalCode(identity), residenceMunicipalityCode: cast.socialServices.municipalityCode, targetGroups: ['LONG_TERM_UNEMPLOYED'] },
      key: key('person'),
    })).createPerson;
    const personId = person.id as string;
    const theCase = (await net.ok(caseManager, PATHWAY.openCase, {
      i: {
        personId, programmeId: this.id, openedOn: story.openedOn, caseManagerName: 'Chiara Neri',
        team: [
          { organisationId: cast.employmentCentre.id, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Conti' },
          { organisationId: cast.trainingBody.id, role: 'TRAINING_OPERATOR', operatorName: 'Elena Ricci' },
          { organisationId: cast.companyNetwork.id, role: 'COMPANY_NETWORK_OPERATOR', operatorName: 'Giulia Rinaldi' },
        ],
      },
      key: key('case'),
    })).openCase;
    for (const org of [cast.socialServices, cast.employmentCentre, cast.trainingBody, cast.companyNetwork]) {
      await net.ok(caseManager, PATHWAY.grantConsent, { i: { personId, organisationId: org.id, purpose: 'DATA_SHARING', givenOn: story.openedOn }, key: key(`consent-${org.key}`) });
    }
    const walked: WalkedPerson = {
      personId, caseId: theCase.id, benefitIds: [], planId: null, enrollmentIds: [], paymentIds: [], visitIds: [], hireId: null, followUpIds: [],
    };
    for (const [i, b] of (story.benefits ?? []).entries()) {
      const created = await net.ok(caseManager, 'mutation($i: CreateBenefitInput!, $key: String) { createBenefit(input: $i, idempotencyKey: $key) { id } }', {
        i: { personId, ...b }, key: key(`benefit-${i}`),
      });
      walked.benefitIds.push(created.createBenefit.id);
    }
    let internshipStep: string | null = null;
    if (story.planStart) {
      const plan = (await net.ok(caseManager, PATHWAY.createPersonalPlan, {
        i: { caseId: theCase.id, goals: 'A stable job within the year', startDate: story.planStart, endDate: '2025-12-31' }, key: key('plan'),
      })).createPersonalPlan;
      walked.planId = plan.id;
      if (story.internship) {
        const steps = (await net.ok(caseManager, PATHWAY.addPlanStep, {
          i: { planId: plan.id, kind: 'INTERNSHIP', ownerOrganisationId: cast.companyNetwork.id, plannedStart: story.internship.startDate, plannedEnd: story.internship.endDate },
          key: key('step'),
        })).addPlanStep.steps;
        internshipStep = steps[0].id;
      }
      await net.ok(caseManager, PATHWAY.signPersonalPlan, { i: { planId: plan.id, signedOn: story.planStart }, key: key('sign') });
    }
    if (story.trainingHours?.length) {
      const enrolled = (await net.ok(trainingOperator, PATHWAY.enrollPerson, {
        i: { personId, programmeId: this.id, editionId: await this.courseEdition(), enrolledOn: '2024-01-15' }, key: key('enrol'),
      })).enrollPerson;
      walked.enrollmentIds.push(enrolled.id);
      for (const [i, hours] of story.trainingHours.entries()) {
        await net.ok(trainingOperator, PATHWAY.recordAttendance, { i: { enrollmentId: enrolled.id, hours }, key: key(`attendance-${i}`) });
      }
    }
    if (story.internship && internshipStep) {
      const s = story.internship;
      const tutor = (await net.ok(networkOperator, PATHWAY.addCompanyTutor, {
        i: { companyId: cast.hostCompany.id, name: `Tutor ${story.givenName}`, role: 'Head of finishing' }, key: key('tutor'),
      })).addCompanyTutor;
      const steps = (await net.ok(networkOperator, PATHWAY.planSteps, { id: personId })).person.case.plan.steps;
      const token = steps.find((x: any) => x.id === internshipStep).placementToken;
      const internship = (await net.ok(networkOperator, PATHWAY.createInternship, {
        i: {
          personId, programmeId: this.id, planStepId: internshipStep, planStepToken: token, companyId: cast.hostCompany.id, companyTutorId: tutor.id,
          promoterTutorName: 'Giulia Rinaldi', startDate: s.startDate, endDate: s.endDate, weeklyHours: 25, monthlyAllowanceCents: s.monthlyAllowanceCents,
        },
        key: key('internship'),
      })).createInternship;
      await net.ok(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: internship.id, status: 'ACTIVE', startedOn: s.startDate }, key: key('internship-active') });
      for (const [month, amountCents, paidOn] of s.payments) {
        const paid = (await net.ok(networkOperator, PATHWAY.recordAllowancePayment, {
          i: { internshipId: internship.id, month, amountCents, paidOn }, key: key(`allowance-${month}`),
        })).recordAllowancePayment;
        walked.paymentIds.push(paid.id);
      }
      for (const [i, [visitedOn, hours]] of s.visits.entries()) {
        const visit = (await net.ok(networkOperator, PATHWAY.recordTutoringVisit, {
          i: { internshipId: internship.id, visitedOn, tutorKind: 'PROMOTER_TUTOR', hours, notes: '' }, key: key(`visit-${i}`),
        })).recordTutoringVisit;
        walked.visitIds.push(visit.id);
      }
      await net.ok(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: internship.id, status: 'COMPLETED', outcome: story.hire ? 'HIRED' : 'NOT_HIRED' }, key: key('internship-done') });
    }
    if (story.hire) {
      const h = story.hire;
      await net.ok(cpiOperator, PATHWAY.registerJobSeeker, {
        i: {
          personId, programmeId: this.id, registeredOn: story.openedOn, profilingClass: 'HIGH', educationLevel: 'LOWER_SECONDARY',
          languages: [{ language: 'it', level: 'B2' }], drivingLicences: ['B'], weeklyHours: 30, shifts: ['MORNING'], mobilityRadiusKm: 25,
          domicileMunicipalityCode: cast.socialServices.municipalityCode, desiredOccupations: [OCCUPATION],
        },
        key: key('did'),
      });
      const hired = (await net.ok(cpiOperator, PATHWAY.recordHire, {
        i: {
          personId, programmeId: this.id, companyId: cast.hostCompany.id, startDate: h.startDate, endDate: h.endDate ?? null,
          contractType: h.endDate ? 'FIXED_TERM' : 'PERMANENT', weeklyHours: 30, grossMonthlyWageCents: h.grossMonthlyWageCents, occupationUri: OCCUPATION,
        },
        key: key('hire'),
      })).recordHire;
      walked.hireId = hired.id;
      for (const [monthsAfter, checkedOn, stillEmployed] of h.followUps) {
        await net.ok(cpiOperator, PATHWAY.recordFollowUp, { i: { hireId: hired.id, monthsAfter, checkedOn, stillEmployed, note: '' }, key: key(`follow-up-${monthsAfter}`) });
      }
      const [row] = await net.network.subgraph('employment-centre').database.dataSource.query(
        'SELECT coalesce(array_agg(id::text ORDER BY months_after), \'{}\') AS ids FROM follow_up_check WHERE hire_id = $1', [hired.id],
      );
      walked.followUpIds = row.ids;
    }
    return walked;
  }
}

/**
 * Waits until no subgraph has an event to deliver: the partners' events about the people just walked
 * reach social services in the background, and their handling would be counted with a request's statements.
 */
export async function eventsDelivered(net: TestNetwork): Promise<void> {
  await eventually('every event delivered', async () => {
    for (const s of net.network.subgraphs) {
      const [row] = await s.database.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL');
      if (row.n > 0) return false;
    }
    return true;
  }, 30_000);
}
