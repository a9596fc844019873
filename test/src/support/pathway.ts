import type { Principal, Role } from '@intreccio/shared';
import { principal } from '@intreccio/shared/testing';
import { DEMO_PROGRAMMES, demoOrganisation, type DemoOrganisation, type DemoProgramme } from '@intreccio/scripts';
import type { TestNetwork } from './network';

/**
 * One person's pathway through a programme, step by step, with the GraphQL documents partner systems
 * send for each step. The README's walkthrough ("Walking one person from referral to hire") shows the
 * same documents.
 */

// ---------------------------------------------------------------------------------------------
// Documents. Every mutation takes its input as `$i` and the partner system's idempotency key as `$key`.

const mutation = (name: string, field: string, inputType: string, selection: string) =>
  `mutation ${name}($i: ${inputType}!, $key: String) { ${field}(input: $i, idempotencyKey: $key) ${selection} }`;

export const PATHWAY = {
  // 1. Taking in charge: the case manager of the social services.
  createPerson: mutation('CreatePerson', 'createPerson', 'CreatePersonInput', '{ id givenName familyName fiscalCode }'),
  openCase: mutation('OpenCase', 'openCase', 'OpenCaseInput', '{ id status team { id role organisation { id name } } }'),
  grantConsent: mutation('GrantConsent', 'grantConsent', 'GrantConsentInput', '{ id status organisation { id } }'),
  addCaseTeamMember: mutation('AddCaseTeamMember', 'addCaseTeamMember', 'AddTeamMemberInput', '{ id team { id role organisation { id } } }'),

  // 2. Orientation and skills assessment: a referral to the employment centre, answered by it.
  createReferral: mutation('CreateReferral', 'createReferral', 'CreateReferralInput', '{ id status toOrganisation { id } }'),
  incomingReferral: `query IncomingReferral($id: ID!) { referral(id: $id) {
    id status reason sentAt person { id givenName } fromOrganisation { name } } }`,
  respondToReferral: mutation('RespondToReferral', 'respondToReferral', 'RespondToReferralInput', '{ id status respondedAt }'),
  recordReferralContact: mutation('RecordReferralContact', 'recordReferralContact', 'RecordReferralContactInput', '{ id status firstContactAt }'),
  registerJobSeeker: mutation('RegisterJobSeeker', 'registerJobSeeker', 'RegisterJobSeekerInput', '{ id registeredOn profilingClass }'),
  recordOrientationSession: mutation('RecordOrientationSession', 'recordOrientationSession', 'RecordOrientationSessionInput', '{ id heldOn kind }'),
  startSkillsAssessment: mutation('StartSkillsAssessment', 'startSkillsAssessment', 'StartSkillsAssessmentInput', '{ id status }'),
  completeSkillsAssessment: mutation('CompleteSkillsAssessment', 'completeSkillsAssessment', 'CompleteSkillsAssessmentInput',
    '{ id status assessedSkills { level skill { uri } } }'),
  completeReferral: mutation('CompleteReferral', 'completeReferral', 'CompleteReferralInput', '{ id status outcome completedAt }'),
  referralStatus: `query ReferralStatus($id: ID!) { person(id: $id) {
    referrals { id status elapsedDays overdue firstContactAt outcome toOrganisation { id } } } }`,
  skillsOf: `query SkillsOf($id: ID!) { person(id: $id) { skills { level source skill { uri } } } }`,

  // 3. Multidimensional evaluation and the personal plan: the case manager; each step's owner moves it.
  recordAssessment: mutation('RecordAssessment', 'recordAssessment', 'RecordAssessmentInput', '{ id employabilityLevel authors { role } }'),
  createPersonalPlan: mutation('CreatePersonalPlan', 'createPersonalPlan', 'CreatePersonalPlanInput', '{ id status assessment { id } }'),
  addPlanStep: mutation('AddPlanStep', 'addPlanStep', 'AddPlanStepInput', '{ id steps { id position kind status ownerOrganisation { id } } }'),
  signPersonalPlan: mutation('SignPersonalPlan', 'signPersonalPlan', 'SignPersonalPlanInput', '{ id status signedOn }'),
  changePlanStepStatus: mutation('ChangePlanStepStatus', 'changePlanStepStatus', 'ChangePlanStepStatusInput', '{ id kind status }'),
  /** What a partner on the case team reads of the plan: its own steps among them, and for an internship step its placement token. */
  planSteps: `query PlanSteps($id: ID!) { person(id: $id) { case { plan { id status steps { id kind status ownerOrganisation { id } placementToken } } } } }`,

  // 4. Training: the training body.
  ownCourses: `query OwnCourses { trainingProviders { id organisation { id } courses { id title kind hours costPerHourCents skillsTaught { uri } } } }`,
  scheduleCourseEdition: mutation('ScheduleCourseEdition', 'scheduleCourseEdition', 'ScheduleCourseEditionInput', '{ id status seats }'),
  changeEditionStatus: mutation('ChangeEditionStatus', 'changeEditionStatus', 'ChangeEditionStatusInput', '{ id status }'),
  enrollPerson: mutation('EnrollPerson', 'enrollPerson', 'EnrollPersonInput', '{ id status edition { seatsLeft } }'),
  recordAttendance: mutation('RecordAttendance', 'recordAttendance', 'RecordAttendanceInput', '{ id status attendedHours }'),
  completeEnrollment: mutation('CompleteEnrollment', 'completeEnrollment', 'CompleteEnrollmentInput', '{ id status completedOn }'),
  issueCertification: mutation('IssueCertification', 'issueCertification', 'IssueCertificationInput', '{ id kind certifiedSkills { uri } }'),

  // 5. Scouting and the internship: the company network; tutoring visits also by the host company's tutor.
  recordScoutingVisit: mutation('RecordScoutingVisit', 'recordScoutingVisit', 'RecordScoutingVisitInput', '{ id outcome opportunities { id kind status } }'),
  addCompanyTutor: mutation('AddCompanyTutor', 'addCompanyTutor', 'AddCompanyTutorInput', '{ id name active }'),
  createInternship: mutation('CreateInternship', 'createInternship', 'CreateInternshipInput', '{ id status planStepId opportunity { id } }'),
  changeInternshipStatus: mutation('ChangeInternshipStatus', 'changeInternshipStatus', 'ChangeInternshipStatusInput', '{ id status startedOn outcome }'),
  recordAllowancePayment: mutation('RecordAllowancePayment', 'recordAllowancePayment', 'RecordAllowancePaymentInput', '{ id month amountCents }'),
  recordTutoringVisit: mutation('RecordTutoringVisit', 'recordTutoringVisit', 'RecordTutoringVisitInput', '{ id tutorKind hours }'),
  /** What the host company's tutor sees of its intern: the internship and the first name, no allowance. */
  hostedInternship: `query HostedInternship($id: ID!) { internship(id: $id) {
    id status monthlyAllowanceCents person { givenName } tutoringVisits { tutorKind hours } } }`,

  // 6. Hiring and follow-up: the employment centre.
  createVacancy: mutation('CreateVacancy', 'createVacancy', 'CreateVacancyInput', '{ id status }'),
  recordHire: mutation('RecordHire', 'recordHire', 'RecordHireInput', '{ id startDate vacancy { id } }'),
  recordFollowUp: mutation('RecordFollowUp', 'recordFollowUp', 'RecordFollowUpInput', '{ id followUps { monthsAfter stillEmployed } }'),

  // 7. The whole pathway, as the case manager sees it, and the programme's KPIs, as its coordinator does.
  wholePathway: `query WholePathway($id: ID!) { person(id: $id) {
    givenName familyName targetGroups
    case {
      status programme { code }
      team { role organisation { kind name } }
      assessments { employabilityLevel authors { role } }
      plan { status signedOn steps { kind status ownerOrganisation { kind } } }
    }
    referrals { status elapsedDays toOrganisation { kind } }
    jobSeeker { registeredOn profilingClass employmentCentre { id } }
    orientationSessions { heldOn kind }
    skillsAssessments { status completedOn }
    skills { level source skill { uri } }
    enrollments { status attendedHours course { title provider { organisation { id } } } certifications { kind } }
    certifications { kind certifiedSkills { uri } }
    internships { status outcome startedOn planStepId company { name } allowancePayments { month amountCents } tutoringVisits { tutorKind hours } }
    hires { startDate contractType company { name } vacancy { title } followUps { monthsAfter stillEmployed } }
  } }`,
  programmeKpis: `query ProgrammeKpis($id: ID!) { programme(id: $id) {
    caseKpis { peopleTakenInCharge liveCases evaluated withSignedPlan closedEmployed overdueReferrals suppressed }
    employmentKpis { registeredJobSeekers hires stillEmployedAt6Months stillEmployedAt12Months suppressed }
    trainingKpis { enrolled attending completed withdrawn certified trainingHours trainingCostCents suppressed }
    internshipKpis { planned started active suspended completed interrupted hiredAfterInternship allowancesPaidCents tutoringHours suppressed }
  } }`,
} as const;

// ---------------------------------------------------------------------------------------------
// Who does each step, in each demo programme.

export interface ProgrammeCast {
  programme: DemoProgramme;
  socialServices: DemoOrganisation;
  employmentCentre: DemoOrganisation;
  trainingBody: DemoOrganisation;
  companyNetwork: DemoOrganisation;
  hostCompany: DemoOrganisation;
  caseManager: Principal;
  cpiOperator: Principal;
  trainingOperator: Principal;
  networkOperator: Principal;
  companyTutor: Principal;
  coordinator: Principal;
}

/** A caller with a role at a demo organisation, carrying that organisation's programmes, as `npm run token` mints it. */
export function asRole(role: Role, organisation: DemoOrganisation): Principal {
  const programmes = DEMO_PROGRAMMES.filter((p) => organisation.programmeCodes.includes(p.code)).map((p) => p.id);
  return { ...principal(role, organisation.id, organisation.kind, programmes), subject: `${role}@${organisation.key}` };
}

/** The programme's lead body and its first partner of each kind: those `npm run token -- --role …` picks for PROG.RE.S.S.I.V.E 2. */
export function castOf(programme: DemoProgramme): ProgrammeCast {
  const partner = (kind: DemoOrganisation['kind']) => {
    const found = programme.partners.map((p) => demoOrganisation(p.organisationKey)).find((o) => o.kind === kind);
    if (!found) throw new Error(`${programme.code} has no ${kind} partner`);
    return found;
  };
  const socialServices = demoOrganisation(programme.leadOrganisationKey);
  const employmentCentre = partner('EMPLOYMENT_CENTRE');
  const trainingBody = partner('TRAINING_PROVIDER');
  const companyNetwork = partner('COMPANY_NETWORK');
  const hostCompany = partner('COMPANY');
  return {
    programme, socialServices, employmentCentre, trainingBody, companyNetwork, hostCompany,
    caseManager: asRole('case_manager', socialServices),
    cpiOperator: asRole('cpi_operator', employmentCentre),
    trainingOperator: asRole('training_operator', trainingBody),
    networkOperator: asRole('company_network_operator', companyNetwork),
    companyTutor: asRole('company_tutor', hostCompany),
    coordinator: asRole('coordinator', socialServices),
  };
}

// ---------------------------------------------------------------------------------------------
// The internship, in one place: how the company network places a person on the plan's INTERNSHIP step,
// with the placement token social services give the step's owner for a signed plan.

export interface Placement {
  personId: string;
  programmeId: string;
  companyId: string;
  companyTutorId: string;
  opportunityId: string;
  occupationUri: string;
  /** The plan's INTERNSHIP step the placement carries out, owned by the company network. */
  planStepId: string;
  /** The step's `placementToken`, as the company network's user read it from social services. */
  planStepToken: string;
  startDate: string;
  endDate: string;
  weeklyHours: number;
  monthlyAllowanceCents: number;
}

/** The input `createInternship` takes for a placement. */
export function internshipInput(p: Placement): Record<string, unknown> {
  return {
    personId: p.personId,
    programmeId: p.programmeId,
    planStepId: p.planStepId,
    planStepToken: p.planStepToken,
    companyId: p.companyId,
    companyTutorId: p.companyTutorId,
    promoterTutorName: 'Giulia Rinaldi',
    opportunityId: p.opportunityId,
    occupationUri: p.occupationUri,
    startDate: p.startDate,
    endDate: p.endDate,
    weeklyHours: p.weeklyHours,
    monthlyAllowanceCents: p.monthlyAllowanceCents,
  };
}

/** The company network plans the internship (PLANNED) for the person. */
export async function createInternship(net: TestNetwork, who: Principal, p: Placement, key: string): Promise<{ id: string; status: string }> {
  const data = await net.ok(who, PATHWAY.createInternship, { i: internshipInput(p), key });
  return data.createInternship;
}

// ---------------------------------------------------------------------------------------------
// The README's walkthrough, read back so that a test can hold it to the schema and to the documents above.

export interface WalkthroughOperation {
  /** The operation as the README shows it. */
  source: string;
  name: string;
  /** The variables the README gives after it, each a JSON object in a `#` comment line (or lines). */
  variables: Record<string, unknown>[];
}

export const WALKTHROUGH_HEADING = '## Walking one person from referral to hire';

/** JSON objects in `text`, outermost braces only; anything between them is prose. */
function jsonObjects(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) {
      inString = true;
    } else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      found.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
    }
  }
  return found;
}

/** Every operation of the walkthrough's GraphQL blocks, with the variables written under it. */
export function walkthroughOperations(readme: string): WalkthroughOperation[] {
  const start = readme.indexOf(WALKTHROUGH_HEADING);
  if (start < 0) throw new Error(`README has no section "${WALKTHROUGH_HEADING}"`);
  const end = readme.indexOf('\n## ', start + WALKTHROUGH_HEADING.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const operations: WalkthroughOperation[] = [];
  for (const [, block] of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    // An operation starts at a line beginning with `query` or `mutation`; the comment lines after it are its variables.
    const parts = block!.split(/^(?=(?:query|mutation)\b)/m).filter((p) => p.trim());
    for (const part of parts) {
      const code = part.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n').trim();
      const comments = part.split('\n').filter((l) => l.trimStart().startsWith('#')).map((l) => l.trimStart().slice(1)).join(' ');
      const name = /^(?:query|mutation)\s+(\w+)/.exec(code)?.[1];
      if (!name) throw new Error(`README walkthrough: an operation without a name:\n${code}`);
      operations.push({ source: code, name, variables: jsonObjects(comments) });
    }
  }
  return operations;
}
