import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema, getIntrospectionQuery, getVariableValues, parse, print, validate, type IntrospectionQuery, type OperationDefinitionNode,
} from 'graphql';
import type { Principal } from '@intreccio/shared';
import { buildFiscalCode } from '@intreccio/shared';
import { DEMO_PERSONS, DEMO_PROGRAMMES, DEMO_WRITERS, type DemoProgramme } from '@intreccio/scripts';
import type { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { TestNetwork } from './support/network';
import { castOf, createInternship, internshipInput, PATHWAY, walkthroughOperations, type Placement } from './support/pathway';

/**
 * One new person walked through each demo programme's whole pathway, through the real gateway, each
 * step written by the role that does it in real life with the programme's own partners: taking in
 * charge, the referral to the employment centre, orientation and skills assessment, the evaluation and
 * the personal plan, training, scouting and the internship, the hire and its follow-ups. Each step is
 * also tried by a role that does not do it. The network holds the demo people `npm start` loads, so
 * the programme's KPIs are large enough to show the new person.
 */

let net: TestNetwork;

beforeAll(async () => {
  net = await TestNetwork.start('pathway', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: DEMO_PERSONS });
    },
  });
}, 300_000);
afterAll(() => net?.stop());

const db = (subgraph: string): DataSource => net.network.subgraph(subgraph).database.dataSource;
const count = async (subgraph: string, sql: string, params: unknown[]) => Number((await db(subgraph).query(sql, params))[0].n);

/** Sends `document` as `who` and expects it refused with `code` (on `field`, when given), the mutation's result null. */
async function refused(who: Principal, document: string, variables: Record<string, unknown>, code: string, field?: string): Promise<string> {
  const res = await net.call(who, document, variables);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
  return res.errors![0]!.message;
}

/** Who the person is, and what their pathway is about, in each programme. */
interface Story {
  person: { givenName: string; familyName: string; birthDate: string; sex: 'FEMALE' | 'MALE'; birthPlaceCode: string; residenceMunicipalityCode: string; targetGroups: string[] };
  languages: { language: string; level: string }[];
  /** The ESCO occupation the host company offers, and the person aims at. */
  occupationUri: string;
  /** The training body's professional course for it. */
  courseTitle: string;
}

const occupation = (uuid: string) => `http://data.europa.eu/esco/occupation/${uuid}`;

const STORIES: Record<string, Story> = {
  PROGRESSIVE2: {
    person: {
      givenName: 'Samira', familyName: 'Bennani', birthDate: '1993-04-12', sex: 'FEMALE', birthPlaceCode: 'Z330',
      residenceMunicipalityCode: 'G752', targetGroups: ['INTERNATIONAL_PROTECTION_HOLDER', 'SINGLE_PARENT'],
    },
    languages: [{ language: 'ar', level: 'C2' }, { language: 'it', level: 'B1' }],
    occupationUri: occupation('3a55bf97-a0d2-47a0-a8b3-b248d32c7969'), // glass engraver
    courseTitle: 'Production and finishing operator (100 h)',
  },
  FLORWORK: {
    person: {
      givenName: 'Tommaso', familyName: 'Guerrieri', birthDate: '2001-11-03', sex: 'MALE', birthPlaceCode: 'D612',
      residenceMunicipalityCode: 'D612', targetGroups: ['CARE_LEAVER', 'LONG_TERM_UNEMPLOYED'],
    },
    languages: [{ language: 'it', level: 'C2' }],
    occupationUri: occupation('72d03aad-2003-404e-ae71-a37206e3566b'), // leather goods artisanal worker
    courseTitle: 'Production and finishing operator (100 h)',
  },
};

/** The KPI figures the new person adds to, and by how much; every other figure stays as it was. */
function expectedKpiChange(attendedHours: number, costPerHourCents: number, allowanceCents: number, tutoringHours: number) {
  return {
    caseKpis: { peopleTakenInCharge: 1, liveCases: 1, evaluated: 1, withSignedPlan: 1 },
    employmentKpis: { registeredJobSeekers: 1, hires: 1, stillEmployedAt6Months: 1, stillEmployedAt12Months: 1 },
    trainingKpis: { enrolled: 1, completed: 1, certified: 1, trainingHours: attendedHours, trainingCostCents: attendedHours * costPerHourCents },
    internshipKpis: { started: 1, completed: 1, hiredAfterInternship: 1, allowancesPaidCents: allowanceCents, tutoringHours },
  } as Record<string, Record<string, number>>;
}

describe.each(DEMO_PROGRAMMES.map((p) => [p.name, p] as [string, DemoProgramme]))('%s: one person from referral to hire', (_name, programme) => {
  const cast = castOf(programme);
  const story = STORIES[programme.code]!;
  // The other programme's partners, who have nothing to do with this person.
  const elsewhere = castOf(DEMO_PROGRAMMES.find((p) => p.code !== programme.code)!);
  const key = (step: string) => `pathway-${programme.code}-${step}`;
  const { caseManager, cpiOperator, trainingOperator, networkOperator, companyTutor, coordinator } = cast;

  // What the scenario makes, step by step.
  const s: Record<string, any> = {};
  let kpisBefore: Record<string, Record<string, number | null | string[]>>;

  beforeAll(async () => {
    kpisBefore = (await net.ok(coordinator, PATHWAY.programmeKpis, { id: programme.id })).programme;
  });

  it('1. the case manager takes the person in charge with the équipe, and records their consent for each partner', async () => {
    const fiscalCode = buildFiscalCode(story.person);
    const person = { ...story.person, fiscalCode, email: `${story.person.givenName.toLowerCase()}@example.org` };
    await refused(companyTutor, PATHWAY.createPerson, { i: person, key: key('person') }, 'FORBIDDEN');
    await refused(cpiOperator, PATHWAY.createPerson, { i: person, key: key('person') }, 'FORBIDDEN');
    expect(await count('social-services', 'SELECT count(*) AS n FROM person WHERE fiscal_code = $1', [fiscalCode])).toBe(0);

    const created = (await net.ok(caseManager, PATHWAY.createPerson, { i: person, key: key('person') })).createPerson;
    expect(created).toMatchObject({ givenName: story.person.givenName, fiscalCode });
    s.personId = created.id;

    const openCase = {
      personId: s.personId, programmeId: programme.id, openedOn: '2024-09-16', caseManagerName: 'Chiara Neri',
      team: [
        { organisationId: cast.employmentCentre.id, role: 'EMPLOYMENT_OPERATOR', operatorName: 'Paolo Conti' },
        { organisationId: cast.trainingBody.id, role: 'TRAINING_OPERATOR', operatorName: 'Elena Ricci' },
        { organisationId: cast.companyNetwork.id, role: 'COMPANY_NETWORK_OPERATOR', operatorName: 'Giulia Rinaldi' },
      ],
    };
    await refused(cpiOperator, PATHWAY.openCase, { i: openCase, key: key('case') }, 'FORBIDDEN');
    await refused(elsewhere.caseManager, PATHWAY.openCase, { i: openCase, key: key('case') }, 'FORBIDDEN');
    const theCase = (await net.ok(caseManager, PATHWAY.openCase, { i: openCase, key: key('case') })).openCase;
    expect(theCase.status).toBe('OPEN');
    // The case manager leads the équipe, listed first; the partners joined with them.
    expect(theCase.team[0]).toMatchObject({ role: 'CASE_MANAGER', organisation: { id: cast.socialServices.id } });
    expect(theCase.team.map((m: any) => [m.role, m.organisation.id])).toEqual(expect.arrayContaining([
      ['EMPLOYMENT_OPERATOR', cast.employmentCentre.id],
      ['TRAINING_OPERATOR', cast.trainingBody.id],
      ['COMPANY_NETWORK_OPERATOR', cast.companyNetwork.id],
    ]));
    expect(theCase.team).toHaveLength(4);
    s.caseId = theCase.id;
    s.member = Object.fromEntries(theCase.team.map((m: any) => [m.role, m.id]));

    const consent = (organisationId: string) => ({ personId: s.personId, organisationId, purpose: 'DATA_SHARING', givenOn: '2024-09-16' });
    await refused(coordinator, PATHWAY.grantConsent, { i: consent(cast.employmentCentre.id) }, 'FORBIDDEN');
    // The lead body reads the partners' records on the same terms as they do: on the team, with consent.
    for (const org of [cast.socialServices, cast.employmentCentre, cast.trainingBody, cast.companyNetwork]) {
      const given = (await net.ok(caseManager, PATHWAY.grantConsent, { i: consent(org.id), key: key(`consent-${org.key}`) })).grantConsent;
      expect(given).toMatchObject({ status: 'ACTIVE', organisation: { id: org.id } });
    }
  });

  it('2. the employment centre answers the referral, registers the person, orients them and assesses their skills; the case manager sees the loop closed', async () => {
    const referral = {
      caseId: s.caseId, toOrganisationId: cast.employmentCentre.id, sentAt: '2024-09-17T09:00:00.000Z',
      reason: 'Orientation, registration (DID) and skills assessment (bilancio di competenze)',
    };
    await refused(companyTutor, PATHWAY.createReferral, { i: referral, key: key('referral') }, 'FORBIDDEN');
    await refused(cpiOperator, PATHWAY.createReferral, { i: referral, key: key('referral') }, 'FORBIDDEN');
    const sent = (await net.ok(caseManager, PATHWAY.createReferral, { i: referral, key: key('referral') })).createReferral;
    expect(sent).toMatchObject({ status: 'SENT', toOrganisation: { id: cast.employmentCentre.id } });
    s.referralId = sent.id;
    // The case manager's system retries (a lost answer): the same referral, not a second one.
    const retry = (await net.ok(caseManager, PATHWAY.createReferral, { i: referral, key: key('referral') })).createReferral;
    expect(retry.id).toBe(s.referralId);
    expect(await count('social-services', 'SELECT count(*) AS n FROM referral WHERE person_id = $1', [s.personId])).toBe(1);

    const incoming = (await net.ok(cpiOperator, PATHWAY.incomingReferral, { id: s.referralId })).referral;
    expect(incoming).toMatchObject({ status: 'SENT', person: { id: s.personId, givenName: story.person.givenName }, fromOrganisation: { name: cast.socialServices.name } });

    const answer = { referralId: s.referralId, accept: true, respondedAt: '2024-09-19T11:00:00.000Z' };
    await refused(trainingOperator, PATHWAY.respondToReferral, { i: answer }, 'FORBIDDEN');
    await refused(elsewhere.cpiOperator, PATHWAY.respondToReferral, { i: answer }, 'FORBIDDEN');
    expect((await net.ok(cpiOperator, PATHWAY.respondToReferral, { i: answer, key: key('referral-answer') })).respondToReferral.status).toBe('ACCEPTED');
    const contact = { referralId: s.referralId, firstContactAt: '2024-09-23T10:00:00.000Z' };
    expect((await net.ok(cpiOperator, PATHWAY.recordReferralContact, { i: contact, key: key('referral-contact') })).recordReferralContact.firstContactAt)
      .toBe(contact.firstContactAt);

    const registration = {
      personId: s.personId, programmeId: programme.id, registeredOn: '2024-09-23', profilingClass: 'HIGH', educationLevel: 'LOWER_SECONDARY',
      languages: story.languages, drivingLicences: ['B'], weeklyHours: 30, shifts: ['MORNING', 'AFTERNOON'], mobilityRadiusKm: 25,
      domicileMunicipalityCode: story.person.residenceMunicipalityCode, desiredOccupations: [story.occupationUri],
    };
    await refused(caseManager, PATHWAY.registerJobSeeker, { i: registration }, 'FORBIDDEN');
    await refused(trainingOperator, PATHWAY.registerJobSeeker, { i: registration }, 'FORBIDDEN');
    expect((await net.ok(cpiOperator, PATHWAY.registerJobSeeker, { i: registration, key: key('did') })).registerJobSeeker)
      .toMatchObject({ registeredOn: '2024-09-23', profilingClass: 'HIGH' });
    const session = {
      personId: s.personId, programmeId: programme.id, heldOn: '2024-09-23', kind: 'INDIVIDUAL', durationMinutes: 60, operatorName: 'Paolo Conti',
      summary: 'Work history, expectations and constraints (school hours of a child); interest in production work.',
    };
    await refused(networkOperator, PATHWAY.recordOrientationSession, { i: session }, 'FORBIDDEN');
    expect((await net.ok(cpiOperator, PATHWAY.recordOrientationSession, { i: session, key: key('orientation') })).recordOrientationSession.kind).toBe('INDIVIDUAL');

    const started = (await net.ok(cpiOperator, PATHWAY.startSkillsAssessment, {
      i: { personId: s.personId, programmeId: programme.id, startedOn: '2024-09-30', operatorName: 'Paolo Conti' }, key: key('skills-start'),
    })).startSkillsAssessment;
    expect(started.status).toBe('IN_PROGRESS');
    const essential = (await net.ok(cpiOperator, 'query($u: String!) { occupation(uri: $u) { essentialSkills { uri } } }', { u: story.occupationUri }))
      .occupation.essentialSkills.map((k: any) => k.uri as string);
    s.assessedSkills = essential.slice(0, 2);
    const completion = {
      assessmentId: started.id, completedOn: '2024-10-14', summary: 'Precise manual work; used hand tools in a previous job abroad.',
      skills: s.assessedSkills.map((uri: string) => ({ uri, level: 'INTERMEDIATE' })),
    };
    await refused(trainingOperator, PATHWAY.completeSkillsAssessment, { i: completion }, 'FORBIDDEN');
    const completed = (await net.ok(cpiOperator, PATHWAY.completeSkillsAssessment, { i: completion, key: key('skills-complete') })).completeSkillsAssessment;
    expect(completed.status).toBe('COMPLETED');
    expect(completed.assessedSkills.map((k: any) => k.skill.uri)).toEqual(s.assessedSkills);

    const outcome = { referralId: s.referralId, outcome: 'Registered (DID), oriented, skills assessed', completedAt: '2024-10-14T16:00:00.000Z' };
    await refused(companyTutor, PATHWAY.completeReferral, { i: outcome }, 'FORBIDDEN');
    expect((await net.ok(cpiOperator, PATHWAY.completeReferral, { i: outcome, key: key('referral-complete') })).completeReferral.status).toBe('COMPLETED');

    // The case manager sees the loop closed: the status, and how long the centre took to answer.
    const { referrals } = (await net.ok(caseManager, PATHWAY.referralStatus, { id: s.personId })).person;
    expect(referrals).toEqual([{
      id: s.referralId, status: 'COMPLETED', elapsedDays: 2, overdue: false, firstContactAt: contact.firstContactAt,
      outcome: outcome.outcome, toOrganisation: { id: cast.employmentCentre.id },
    }]);
    // The assessment's skills are the person's now, for matching and for every partner on the team.
    const { skills } = (await net.ok(caseManager, PATHWAY.skillsOf, { id: s.personId })).person;
    expect(skills).toEqual(expect.arrayContaining(s.assessedSkills.map((uri: string) => ({ level: 'INTERMEDIATE', source: 'SKILLS_ASSESSMENT', skill: { uri } }))));
  });

  it('3. the équipe evaluates the person, the case manager drafts the plan with steps owned by partners and the person signs it; owners move their steps', async () => {
    const evaluation = {
      caseId: s.caseId, assessedOn: '2024-10-21', employabilityLevel: 'MEDIUM',
      scores: [
        { dimension: 'EDUCATION_AND_SKILLS', score: 3 }, { dimension: 'WORK_EXPERIENCE', score: 2 }, { dimension: 'LANGUAGE', score: 3 },
        { dimension: 'HOUSING', score: 2 }, { dimension: 'MOTIVATION', score: 5 },
      ],
      notes: 'Motivated; needs a first Italian work experience and childcare in the mornings.',
      authorIds: [s.member.CASE_MANAGER, s.member.EMPLOYMENT_OPERATOR],
    };
    await refused(cpiOperator, PATHWAY.recordAssessment, { i: evaluation }, 'FORBIDDEN');
    const assessment = (await net.ok(caseManager, PATHWAY.recordAssessment, { i: evaluation, key: key('evaluation') })).recordAssessment;
    expect(assessment.employabilityLevel).toBe('MEDIUM');
    expect(assessment.authors.map((a: any) => a.role).sort()).toEqual(['CASE_MANAGER', 'EMPLOYMENT_OPERATOR']);

    const plan = (await net.ok(caseManager, PATHWAY.createPersonalPlan, {
      i: { caseId: s.caseId, assessmentId: assessment.id, goals: 'A stable job in production within the year', startDate: '2024-10-28', endDate: '2025-12-19' },
      key: key('plan'),
    })).createPersonalPlan;
    expect(plan).toMatchObject({ status: 'DRAFT', assessment: { id: assessment.id } });
    s.planId = plan.id;
    const steps = [
      { kind: 'ORIENTATION', ownerOrganisationId: cast.employmentCentre.id, description: 'Orientation and job-search support', plannedStart: '2024-10-28', plannedEnd: '2024-11-29' },
      { kind: 'PROFESSIONAL_TRAINING', ownerOrganisationId: cast.trainingBody.id, description: story.courseTitle, plannedStart: '2024-11-04', plannedEnd: '2025-01-31' },
      { kind: 'INTERNSHIP', ownerOrganisationId: cast.companyNetwork.id, description: `Internship at ${cast.hostCompany.name}`, plannedStart: '2025-02-03', plannedEnd: '2025-07-31' },
    ];
    await refused(cpiOperator, PATHWAY.addPlanStep, { i: { ...steps[0], planId: s.planId } }, 'FORBIDDEN');
    let withSteps: any;
    for (const [n, step] of steps.entries()) {
      withSteps = (await net.ok(caseManager, PATHWAY.addPlanStep, { i: { ...step, planId: s.planId }, key: key(`step-${n}`) })).addPlanStep;
    }
    expect(withSteps.steps.map((x: any) => [x.position, x.kind, x.status, x.ownerOrganisation.id])).toEqual(
      steps.map((x, n) => [n + 1, x.kind, 'PLANNED', x.ownerOrganisationId]),
    );
    s.step = Object.fromEntries(withSteps.steps.map((x: any) => [x.kind, x.id]));
    // No internship can be planned on a draft: the company network gets no placement token for its step yet.
    const draft = (await net.ok(networkOperator, PATHWAY.planSteps, { id: s.personId })).person.case.plan;
    expect(draft.steps.map((x: any) => [x.kind, x.placementToken])).toEqual([['ORIENTATION', null], ['PROFESSIONAL_TRAINING', null], ['INTERNSHIP', null]]);

    // Nothing starts before the person signs.
    await refused(cpiOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.ORIENTATION, status: 'IN_PROGRESS' } }, 'BAD_USER_INPUT', 'input.status');
    await refused(cpiOperator, PATHWAY.signPersonalPlan, { i: { planId: s.planId, signedOn: '2024-10-28' } }, 'FORBIDDEN');
    expect((await net.ok(caseManager, PATHWAY.signPersonalPlan, { i: { planId: s.planId, signedOn: '2024-10-28' }, key: key('sign') })).signPersonalPlan)
      .toMatchObject({ status: 'SIGNED', signedOn: '2024-10-28' });

    // The employment centre, on the team with consent, reads the plan and carries out its own step.
    const seen = (await net.ok(cpiOperator, PATHWAY.planSteps, { id: s.personId })).person.case.plan;
    expect(seen.steps.filter((x: any) => x.ownerOrganisation.id === cast.employmentCentre.id).map((x: any) => x.id)).toEqual([s.step.ORIENTATION]);
    // The internship step's placement token is for its owner, the company network, alone.
    expect(seen.steps.map((x: any) => x.placementToken)).toEqual([null, null, null]);
    for (const status of ['IN_PROGRESS', 'DONE']) {
      expect((await net.ok(cpiOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.ORIENTATION, status }, key: key(`orientation-${status}`) }))
        .changePlanStepStatus).toEqual({ id: s.step.ORIENTATION, kind: 'ORIENTATION', status });
    }
    await refused(cpiOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.ORIENTATION, status: 'IN_PROGRESS' } }, 'BAD_USER_INPUT', 'input.status');
    // Another partner's step is not the centre's, nor the company network's, to move.
    await refused(networkOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.PROFESSIONAL_TRAINING, status: 'IN_PROGRESS' } }, 'FORBIDDEN');
    await refused(elsewhere.trainingOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.PROFESSIONAL_TRAINING, status: 'IN_PROGRESS' } }, 'FORBIDDEN');
  });

  it('4. the training body enrols the person in an edition of its course, records attendance, completes the enrolment and certifies the skills', async () => {
    const providers = (await net.ok(trainingOperator, PATHWAY.ownCourses)).trainingProviders;
    const provider = providers.find((p: any) => p.organisation?.id === cast.trainingBody.id);
    const course = provider.courses.find((c: any) => c.title === story.courseTitle);
    expect(course).toMatchObject({ kind: 'PROFESSIONAL', hours: 100 });
    s.course = course;

    const edition = (await net.ok(trainingOperator, PATHWAY.scheduleCourseEdition, {
      i: { courseId: course.id, programmeId: programme.id, startDate: '2024-11-04', endDate: '2024-12-06', seats: 12, municipalityCode: cast.trainingBody.municipalityCode, venue: 'Aula 1' },
      key: key('edition'),
    })).scheduleCourseEdition;
    expect(edition).toMatchObject({ status: 'SCHEDULED', seats: 12 });
    expect((await net.ok(trainingOperator, PATHWAY.changeEditionStatus, { i: { editionId: edition.id, status: 'RUNNING', effectiveOn: '2024-11-04' }, key: key('edition-running') }))
      .changeEditionStatus.status).toBe('RUNNING');

    const enrolment = { personId: s.personId, programmeId: programme.id, editionId: edition.id, enrolledOn: '2024-10-30' };
    await refused(cpiOperator, PATHWAY.enrollPerson, { i: enrolment }, 'FORBIDDEN');
    await refused(elsewhere.trainingOperator, PATHWAY.enrollPerson, { i: enrolment }, 'FORBIDDEN');
    const enrolled = (await net.ok(trainingOperator, PATHWAY.enrollPerson, { i: enrolment, key: key('enrol') })).enrollPerson;
    expect(enrolled).toEqual({ id: expect.any(String), status: 'ENROLLED', edition: { seatsLeft: 11 } });
    s.enrollmentId = enrolled.id;
    await net.ok(trainingOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.PROFESSIONAL_TRAINING, status: 'IN_PROGRESS' }, key: key('training-started') });

    await refused(networkOperator, PATHWAY.recordAttendance, { i: { enrollmentId: s.enrollmentId, hours: 40 } }, 'FORBIDDEN');
    s.attendedHours = 0;
    for (const hours of [40, 48]) {
      const attended = (await net.ok(trainingOperator, PATHWAY.recordAttendance, { i: { enrollmentId: s.enrollmentId, hours }, key: key(`attendance-${s.attendedHours}`) })).recordAttendance;
      s.attendedHours += hours;
      expect(attended).toMatchObject({ status: 'ATTENDING', attendedHours: s.attendedHours });
    }
    expect((await net.ok(trainingOperator, PATHWAY.completeEnrollment, { i: { enrollmentId: s.enrollmentId, completedOn: '2024-12-06' }, key: key('completed') }))
      .completeEnrollment).toMatchObject({ status: 'COMPLETED', completedOn: '2024-12-06' });

    const taught: string[] = course.skillsTaught.map((k: any) => k.uri);
    s.certifiedSkills = taught.slice(0, 2);
    const certificate = {
      personId: s.personId, enrollmentId: s.enrollmentId, kind: 'COMPETENCE_CERTIFICATION', title: story.courseTitle, issuedOn: '2024-12-13',
      certifiedSkills: s.certifiedSkills,
    };
    await refused(networkOperator, PATHWAY.issueCertification, { i: certificate }, 'FORBIDDEN');
    await refused(cpiOperator, PATHWAY.issueCertification, { i: certificate }, 'FORBIDDEN');
    const certified = (await net.ok(trainingOperator, PATHWAY.issueCertification, { i: certificate, key: key('certificate') })).issueCertification;
    expect(certified).toEqual({ id: expect.any(String), kind: 'COMPETENCE_CERTIFICATION', certifiedSkills: s.certifiedSkills.map((uri: string) => ({ uri })) });
    // The certificate reaches the employment centre through social services: the skills join the person's profile there.
    const profile = await eventually('the certified skills at the employment centre', async () => {
      const { person } = await net.ok(cpiOperator, `query($id: ID!) { person(id: $id) { skills { source level skill { uri } } } }`, { id: s.personId });
      const found = person.skills.filter((k: any) => s.certifiedSkills.includes(k.skill.uri) && k.source === 'CERTIFICATION');
      return found.length === s.certifiedSkills.length && found;
    });
    expect(profile.every((k: any) => k.level !== 'BASIC')).toBe(true);
    expect((await net.ok(trainingOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.PROFESSIONAL_TRAINING, status: 'DONE' }, key: key('training-done') }))
      .changePlanStepStatus.status).toBe('DONE');
  });

  it('5. the company network scouts the host company, places the person in an internship, pays the allowance and tutors it with the company’s tutor', async () => {
    const host = cast.hostCompany;
    const visit = {
      companyId: host.id, programmeId: programme.id, visitedOn: '2024-11-18', operatorName: 'Giulia Rinaldi', outcome: 'INTERESTED',
      notes: 'Looking for a trainee in the finishing department from February.',
      opportunities: [{ kind: 'INTERNSHIP', occupationUri: story.occupationUri, positions: 1, description: 'Six-month internship in finishing' }],
    };
    await refused(companyTutor, PATHWAY.recordScoutingVisit, { i: visit }, 'FORBIDDEN');
    await refused(cpiOperator, PATHWAY.recordScoutingVisit, { i: visit }, 'FORBIDDEN');
    const scouted = (await net.ok(networkOperator, PATHWAY.recordScoutingVisit, { i: visit, key: key('scouting') })).recordScoutingVisit;
    expect(scouted.opportunities).toEqual([{ id: expect.any(String), kind: 'INTERNSHIP', status: 'OPEN' }]);
    const tutorInput = { companyId: host.id, name: 'Marco Bianchi', role: 'Head of finishing', email: 'm.bianchi@example.org' };
    await refused(companyTutor, PATHWAY.addCompanyTutor, { i: tutorInput }, 'FORBIDDEN');
    const tutor = (await net.ok(networkOperator, PATHWAY.addCompanyTutor, { i: tutorInput, key: key('tutor') })).addCompanyTutor;
    expect(tutor).toMatchObject({ name: 'Marco Bianchi', active: true });

    // The internship agreement: the case manager puts the host company on the team, with the person's consent.
    const joined = (await net.ok(caseManager, PATHWAY.addCaseTeamMember, {
      i: { caseId: s.caseId, organisationId: host.id, role: 'HOST_COMPANY_TUTOR', operatorName: 'Marco Bianchi', joinedOn: '2025-01-20' }, key: key('team-host'),
    })).addCaseTeamMember;
    expect(joined.team.map((m: any) => m.organisation.id)).toContain(host.id);
    await net.ok(caseManager, PATHWAY.grantConsent, { i: { personId: s.personId, organisationId: host.id, purpose: 'DATA_SHARING', givenOn: '2025-01-20' }, key: key('consent-host') });

    // The company network finds the plan's internship step, its own, on the signed plan, with social services' placement token for it.
    const plan = (await net.ok(networkOperator, PATHWAY.planSteps, { id: s.personId })).person.case.plan;
    const step = plan.steps.find((x: any) => x.kind === 'INTERNSHIP');
    expect(step).toMatchObject({ id: s.step.INTERNSHIP, status: 'PLANNED', ownerOrganisation: { id: cast.companyNetwork.id }, placementToken: expect.any(String) });
    expect(plan.steps.filter((x: any) => x.kind !== 'INTERNSHIP').map((x: any) => x.placementToken)).toEqual([null, null]);
    const tutorSees = await net.call(companyTutor, PATHWAY.planSteps, { id: s.personId });
    expect(tutorSees.data?.person?.case ?? null).toBeNull();

    const placement: Placement = {
      personId: s.personId, programmeId: programme.id, companyId: host.id, companyTutorId: tutor.id, opportunityId: scouted.opportunities[0].id,
      occupationUri: story.occupationUri, planStepId: step.id, planStepToken: step.placementToken,
      startDate: '2025-02-03', endDate: '2025-07-31', weeklyHours: 25, monthlyAllowanceCents: 50_000,
    };
    await refused(companyTutor, PATHWAY.createInternship, { i: internshipInput(placement) }, 'FORBIDDEN');
    await refused(elsewhere.networkOperator, PATHWAY.createInternship, { i: { ...internshipInput(placement), promoterOrganisationId: cast.companyNetwork.id } }, 'FORBIDDEN');
    // Another company network, even with the token read by this one, plans nothing on the step.
    await refused(elsewhere.networkOperator, PATHWAY.createInternship, { i: internshipInput(placement) }, 'FORBIDDEN', 'input.planStepToken');
    await refused(networkOperator, PATHWAY.createInternship, { i: internshipInput({ ...placement, planStepToken: 'not-a-token' }) }, 'FORBIDDEN', 'input.planStepToken');
    // The token vouches for this step only.
    await refused(networkOperator, PATHWAY.createInternship, { i: internshipInput({ ...placement, planStepId: s.step.PROFESSIONAL_TRAINING }) }, 'BAD_USER_INPUT', 'input.planStepToken');
    expect(await count('companies', 'SELECT count(*) AS n FROM internship WHERE person_id = $1', [s.personId])).toBe(0);
    const internship = await createInternship(net, networkOperator, placement, key('internship'));
    expect(internship).toMatchObject({ status: 'PLANNED', planStepId: s.step.INTERNSHIP });
    s.internshipId = internship.id;

    // An internship that never started cannot be completed; nobody but its promoter moves it.
    await refused(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'COMPLETED', outcome: 'HIRED' } }, 'BAD_USER_INPUT', 'input.status');
    await refused(trainingOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'ACTIVE' } }, 'FORBIDDEN');
    await refused(companyTutor, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'ACTIVE' } }, 'FORBIDDEN');
    expect((await net.ok(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'ACTIVE', startedOn: '2025-02-03' }, key: key('internship-active') }))
      .changeInternshipStatus).toMatchObject({ status: 'ACTIVE', startedOn: '2025-02-03' });
    await net.ok(networkOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.INTERNSHIP, status: 'IN_PROGRESS' }, key: key('internship-step-started') });

    // The allowance, once per month; the payment system's retry is the same payment.
    const payment = { internshipId: s.internshipId, month: '2025-02', amountCents: 50_000, paidOn: '2025-03-05' };
    await refused(companyTutor, PATHWAY.recordAllowancePayment, { i: payment }, 'FORBIDDEN');
    const paid = (await net.ok(networkOperator, PATHWAY.recordAllowancePayment, { i: payment, key: key('allowance-2025-02') })).recordAllowancePayment;
    expect(paid).toMatchObject({ month: '2025-02', amountCents: 50_000 });
    const again = (await net.ok(networkOperator, PATHWAY.recordAllowancePayment, { i: payment, key: key('allowance-2025-02') })).recordAllowancePayment;
    expect(again.id).toBe(paid.id);
    await refused(networkOperator, PATHWAY.recordAllowancePayment, { i: { ...payment, paidOn: '2025-03-06' }, key: key('allowance-2025-02-twice') }, 'CONFLICT', 'input.month');
    expect(await count('companies', 'SELECT count(*) AS n FROM allowance_payment WHERE internship_id = $1', [s.internshipId])).toBe(1);
    await net.ok(networkOperator, PATHWAY.recordAllowancePayment, { i: { ...payment, month: '2025-03', paidOn: '2025-04-04' }, key: key('allowance-2025-03') });
    s.allowanceCents = 100_000;

    // Tutoring: the host company's own tutor records its visits; the promoter's tutor, the network.
    const companyVisit = { internshipId: s.internshipId, visitedOn: '2025-03-12', tutorKind: 'COMPANY_TUTOR', hours: 2, notes: 'Learning the engraving bench; punctual.' };
    await refused(companyTutor, PATHWAY.recordTutoringVisit, { i: { ...companyVisit, tutorKind: 'PROMOTER_TUTOR' } }, 'FORBIDDEN');
    await refused(elsewhere.companyTutor, PATHWAY.recordTutoringVisit, { i: companyVisit }, 'FORBIDDEN');
    expect((await net.ok(companyTutor, PATHWAY.recordTutoringVisit, { i: companyVisit, key: key('visit-company') })).recordTutoringVisit)
      .toMatchObject({ tutorKind: 'COMPANY_TUTOR', hours: 2 });
    await net.ok(networkOperator, PATHWAY.recordTutoringVisit, {
      i: { internshipId: s.internshipId, visitedOn: '2025-04-09', tutorKind: 'PROMOTER_TUTOR', hours: 1.5, notes: 'Three-way meeting with the tutor and the case manager.' },
      key: key('visit-promoter'),
    });
    s.tutoringHours = 3.5;
    // The tutor sees the intern's first name and the visits, not the allowance.
    const hosted = await net.call(companyTutor, PATHWAY.hostedInternship, { id: s.internshipId });
    expect(hosted.data?.internship).toEqual({
      id: s.internshipId, status: 'ACTIVE', monthlyAllowanceCents: null, person: { givenName: story.person.givenName },
      tutoringVisits: [{ tutorKind: 'COMPANY_TUTOR', hours: 2 }, { tutorKind: 'PROMOTER_TUTOR', hours: 1.5 }],
    });
    expect(hosted.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['internship.monthlyAllowanceCents', 'FORBIDDEN']]);

    expect((await net.ok(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'COMPLETED', outcome: 'HIRED' }, key: key('internship-completed') }))
      .changeInternshipStatus).toMatchObject({ status: 'COMPLETED', outcome: 'HIRED' });
    await refused(networkOperator, PATHWAY.changeInternshipStatus, { i: { internshipId: s.internshipId, status: 'ACTIVE' } }, 'BAD_USER_INPUT', 'input.status');
    await net.ok(networkOperator, PATHWAY.changePlanStepStatus, { i: { stepId: s.step.INTERNSHIP, status: 'DONE' }, key: key('internship-step-done') });
    // A step carried out gives no more tokens.
    const done = (await net.ok(networkOperator, PATHWAY.planSteps, { id: s.personId })).person.case.plan.steps;
    expect(done.find((x: any) => x.kind === 'INTERNSHIP')).toMatchObject({ status: 'DONE', placementToken: null });
  });

  it('6. the employment centre publishes the vacancy, records the hire and checks at 6 and 12 months that the person is still employed', async () => {
    const host = cast.hostCompany;
    const vacancy = {
      companyId: host.id, programmeId: programme.id, title: 'Finishing operator', occupationUri: story.occupationUri, requiredSkills: s.assessedSkills,
      municipalityCode: host.municipalityCode, weeklyHours: 30, contractType: 'PERMANENT', openedOn: '2025-07-01',
    };
    await refused(networkOperator, PATHWAY.createVacancy, { i: vacancy }, 'FORBIDDEN');
    const opened = (await net.ok(cpiOperator, PATHWAY.createVacancy, { i: vacancy, key: key('vacancy') })).createVacancy;
    expect(opened.status).toBe('OPEN');

    const hire = {
      personId: s.personId, programmeId: programme.id, companyId: host.id, vacancyId: opened.id, startDate: '2025-08-01',
      contractType: 'PERMANENT', weeklyHours: 30, grossMonthlyWageCents: 145_000, occupationUri: story.occupationUri,
    };
    await refused(trainingOperator, PATHWAY.recordHire, { i: hire, key: key('hire') }, 'FORBIDDEN');
    await refused(companyTutor, PATHWAY.recordHire, { i: hire, key: key('hire') }, 'FORBIDDEN');
    await refused(elsewhere.cpiOperator, PATHWAY.recordHire, { i: hire, key: key('hire') }, 'FORBIDDEN');
    const hired = (await net.ok(cpiOperator, PATHWAY.recordHire, { i: hire, key: key('hire') })).recordHire;
    expect(hired).toMatchObject({ startDate: '2025-08-01', vacancy: { id: opened.id } });
    // The mandatory notice arrives twice: one hire.
    expect((await net.ok(cpiOperator, PATHWAY.recordHire, { i: hire, key: key('hire') })).recordHire.id).toBe(hired.id);
    expect(await count('employment-centre', 'SELECT count(*) AS n FROM hire WHERE person_id = $1', [s.personId])).toBe(1);

    const check = (monthsAfter: number, checkedOn: string) => ({ hireId: hired.id, monthsAfter, checkedOn, stillEmployed: true, note: 'Confirmed with the company.' });
    await refused(networkOperator, PATHWAY.recordFollowUp, { i: check(6, '2026-02-02') }, 'FORBIDDEN');
    await refused(cpiOperator, PATHWAY.recordFollowUp, { i: check(12, '2026-02-02') }, 'BAD_USER_INPUT', 'input.checkedOn');
    await net.ok(cpiOperator, PATHWAY.recordFollowUp, { i: check(6, '2026-02-02'), key: key('follow-up-6') });
    const followed = (await net.ok(cpiOperator, PATHWAY.recordFollowUp, { i: check(12, '2026-08-03'), key: key('follow-up-12') })).recordFollowUp;
    expect(followed.followUps).toEqual([{ monthsAfter: 6, stillEmployed: true }, { monthsAfter: 12, stillEmployed: true }]);
  });

  it('7. one query by the case manager shows the whole pathway across the four partners, and the coordinator’s KPIs count it', async () => {
    const res = await net.call(caseManager, PATHWAY.wholePathway, { id: s.personId });
    expect(res.errors).toBeUndefined();
    const p = res.data!.person;
    expect(p).toMatchObject({ givenName: story.person.givenName, familyName: story.person.familyName, targetGroups: story.person.targetGroups });
    expect(p.case).toMatchObject({
      status: 'OPEN', programme: { code: programme.code },
      assessments: [{ employabilityLevel: 'MEDIUM', authors: expect.arrayContaining([{ role: 'CASE_MANAGER' }, { role: 'EMPLOYMENT_OPERATOR' }]) }],
      plan: { status: 'SIGNED', signedOn: '2024-10-28', steps: [
        { kind: 'ORIENTATION', status: 'DONE', ownerOrganisation: { kind: 'EMPLOYMENT_CENTRE' } },
        { kind: 'PROFESSIONAL_TRAINING', status: 'DONE', ownerOrganisation: { kind: 'TRAINING_PROVIDER' } },
        { kind: 'INTERNSHIP', status: 'DONE', ownerOrganisation: { kind: 'COMPANY_NETWORK' } },
      ] },
    });
    expect(p.case.team.map((m: any) => m.role).sort()).toEqual(['CASE_MANAGER', 'COMPANY_NETWORK_OPERATOR', 'EMPLOYMENT_OPERATOR', 'HOST_COMPANY_TUTOR', 'TRAINING_OPERATOR']);
    expect(p.case.team.find((m: any) => m.role === 'HOST_COMPANY_TUTOR').organisation.name).toBe(cast.hostCompany.name);
    expect(p.referrals).toEqual([{ status: 'COMPLETED', elapsedDays: 2, toOrganisation: { kind: 'EMPLOYMENT_CENTRE' } }]);
    // The employment centre's records.
    expect(p.jobSeeker).toEqual({ registeredOn: '2024-09-23', profilingClass: 'HIGH', employmentCentre: { id: cast.employmentCentre.id } });
    expect(p.orientationSessions).toEqual([{ heldOn: '2024-09-23', kind: 'INDIVIDUAL' }]);
    expect(p.skillsAssessments).toEqual([{ status: 'COMPLETED', completedOn: '2024-10-14' }]);
    expect(p.skills.map((k: any) => k.skill.uri).sort()).toEqual([...new Set([...s.assessedSkills, ...s.certifiedSkills])].sort());
    expect(p.hires).toEqual([{
      startDate: '2025-08-01', contractType: 'PERMANENT', company: { name: cast.hostCompany.name }, vacancy: { title: 'Finishing operator' },
      followUps: [{ monthsAfter: 6, stillEmployed: true }, { monthsAfter: 12, stillEmployed: true }],
    }]);
    // The training body's.
    expect(p.enrollments).toEqual([{
      status: 'COMPLETED', attendedHours: s.attendedHours, course: { title: story.courseTitle, provider: { organisation: { id: cast.trainingBody.id } } },
      certifications: [{ kind: 'COMPETENCE_CERTIFICATION' }],
    }]);
    expect(p.certifications).toEqual([{ kind: 'COMPETENCE_CERTIFICATION', certifiedSkills: s.certifiedSkills.map((uri: string) => ({ uri })) }]);
    // The company network's.
    expect(p.internships).toEqual([{
      status: 'COMPLETED', outcome: 'HIRED', startedOn: '2025-02-03', planStepId: s.step.INTERNSHIP, company: { name: cast.hostCompany.name },
      allowancePayments: [{ month: '2025-02', amountCents: 50_000 }, { month: '2025-03', amountCents: 50_000 }],
      tutoringVisits: [{ tutorKind: 'COMPANY_TUTOR', hours: 2 }, { tutorKind: 'PROMOTER_TUTOR', hours: 1.5 }],
    }]);

    // The coordinator sees no person, only the programme's figures, each of which the person moved.
    const stranger = await net.call(coordinator, 'query($id: ID!) { person(id: $id) { givenName } }', { id: s.personId });
    expect(stranger.data?.person ?? null).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = (await net.ok(coordinator, PATHWAY.programmeKpis, { id: programme.id })).programme;
    const change = expectedKpiChange(s.attendedHours, s.course.costPerHourCents, s.allowanceCents, s.tutoringHours);
    for (const [kpi, figures] of Object.entries(after) as [string, Record<string, any>][]) {
      for (const [figure, value] of Object.entries(figures)) {
        if (figure === 'suppressed') continue;
        const before = kpisBefore[kpi]![figure] as number | null;
        const withheld = (figures.suppressed as string[]).includes(figure);
        // A figure is either shown or withheld and named as such.
        expect({ kpi, figure, withheld: value === null }).toEqual({ kpi, figure, withheld });
        if (value === null || before === null) continue;
        expect({ kpi, figure, change: value - before }).toEqual({ kpi, figure, change: change[kpi]?.[figure] ?? 0 });
      }
    }
    // The headline figures are large enough to be shown, so the person is counted in them.
    expect(after.caseKpis).toMatchObject({ peopleTakenInCharge: expect.any(Number), evaluated: expect.any(Number), withSignedPlan: expect.any(Number) });
    expect(after.employmentKpis).toMatchObject({ registeredJobSeekers: expect.any(Number), hires: expect.any(Number) });
    expect(after.trainingKpis).toMatchObject({ enrolled: expect.any(Number), completed: expect.any(Number), certified: expect.any(Number) });
    expect(after.internshipKpis).toMatchObject({ started: expect.any(Number), completed: expect.any(Number) });
  });
});

describe('the README’s walkthrough', () => {
  /** What makes two operations the same request: the kind, the root fields with their arguments, the variables. */
  const signature = (op: OperationDefinitionNode) => ({
    operation: op.operation,
    variables: (op.variableDefinitions ?? []).map((v) => print(v)),
    fields: op.selectionSet.selections.map((s) => (s.kind === 'Field' ? `${s.name.value}(${(s.arguments ?? []).map((a) => print(a)).join(', ')})` : s.kind)),
  });

  it('sends the scenario’s own operations, valid against the network graph, with variables of the right input types', async () => {
    const introspection = await net.ok<IntrospectionQuery>(castOf(DEMO_PROGRAMMES[0]!).caseManager, getIntrospectionQuery());
    const schema = buildClientSchema(introspection);
    const operations = walkthroughOperations(readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8'));
    const scenario = new Map(Object.values(PATHWAY).map((document) => {
      const op = parse(document).definitions[0] as OperationDefinitionNode;
      return [op.name!.value, op];
    }));
    expect(operations.length).toBeGreaterThan(30);
    for (const { name, source, variables } of operations) {
      const document = parse(source);
      expect({ name, errors: validate(schema, document).map((e) => e.message) }).toEqual({ name, errors: [] });
      const op = document.definitions[0] as OperationDefinitionNode;
      expect({ name, inScenario: scenario.has(name) }).toEqual({ name, inScenario: true });
      expect({ name, ...signature(op) }).toEqual({ name, ...signature(scenario.get(name)!) });
      if (op.operation === 'mutation') expect({ name, given: variables.length > 0 }).toEqual({ name, given: true });
      const declared = (op.variableDefinitions ?? []).map((v) => v.variable.name.value);
      for (const given of variables) {
        expect({ name, unknown: Object.keys(given).filter((k) => !declared.includes(k)) }).toEqual({ name, unknown: [] });
        const coerced = getVariableValues(schema, op.variableDefinitions ?? [], given);
        expect({ name, errors: (coerced.errors ?? []).map((e) => e.message) }).toEqual({ name, errors: [] });
      }
    }
  });
});
