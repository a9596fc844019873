import {
  always, authenticated, inherit, partnerDataSubjectPolicy, partnerPersonPolicy, partnersWithPeople, personFieldRules, personRecord, personRecordPolicy,
  partnerFunnelPolicy, roles, withoutHosts, type SubgraphPolicy, type TypePolicy,
} from '@intreccio/shared';
import { HOLDER_ROLES, personVisibility } from './providers';

/**
 * What each caller sees of the training bodies' records (README, "Access"). The catalogue (providers,
 * courses, editions) is public; a training body sees its own enrolments and certificates, another
 * partner a person's only with social services' grant; host companies see certificates, not enrolments.
 */

const held = personRecord<{ personId: string; organisationId: string }>((r) => r.organisationId, HOLDER_ROLES);
const NOT_FOR_HOSTS = 'host companies see the pseudonymised candidate profile only (certified skills)';

const { ofPerson } = personFieldRules(personVisibility, 'the person has no enrolment or certificate with your training body');
const operators = roles('training_operator');
const enrolsOrRefers = partnersWithPeople('for the partners who enrol or refer people; others see hasSeatsLeft');
const catalogue: TypePolicy = { visible: always };

export const trainingPolicy: SubgraphPolicy = {
  Query: {
    visible: always,
    fields: {
      course: always,
      courses: always,
      courseEdition: always,
      courseEditions: always,
      trainingProvider: always,
      trainingProviders: always,
      enrollment: operators,
      enrollments: operators,
      certification: operators,
    },
  },
  Mutation: {
    visible: always,
    fields: {
      createTrainingProvider: operators,
      createCourse: operators,
      updateCourse: operators,
      scheduleCourseEdition: operators,
      changeEditionStatus: operators,
      enrollPerson: operators,
      recordAttendance: operators,
      completeEnrollment: operators,
      withdrawEnrollment: operators,
      issueCertification: operators,
      eraseTrainingData: roles('data_protection_officer'),
    },
  },
  Person: partnerPersonPolicy({ enrollments: ofPerson((ctx) => !ctx.access.pseudonymised, NOT_FOR_HOSTS), certifications: ofPerson() }),
  Enrollment: personRecordPolicy(withoutHosts(held)),
  Certification: personRecordPolicy(held, ['createdAt', 'version', 'person', 'programme', 'enrollment'], NOT_FOR_HOSTS),
  TrainingProvider: { ...catalogue, fields: { organisation: authenticated } },
  Course: catalogue,
  // How many hold a seat is a count of people, small in a small edition: for the partners who enrol
  // or refer people to it; everyone else sees whether a seat is left.
  CourseEdition: { ...catalogue, fields: { enrolledCount: enrolsOrRefers, seatsLeft: enrolsOrRefers, hasSeatsLeft: always } },
  TrainingKpis: catalogue,
  Skill: { visible: inherit, entity: always },
  // The hours social services compute the savings ledger from: internal (@inaccessible, so no client selects it); the
  // resolver gives them only for the callers social services may show the ledger (mayReadLedgerFacts).
  Programme: { visible: inherit, entity: always, fields: { ledgerTrainingFacts: authenticated } },
  LedgerTrainingFacts: { visible: inherit },
  // Its part of a programme's outcome funnel, only for a cohort social services vouched for.
  OutcomeFunnel: partnerFunnelPolicy,
  Organisation: { visible: inherit },
  ...partnerDataSubjectPolicy,
};
