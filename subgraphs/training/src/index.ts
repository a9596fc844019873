import { Notifications1765100000000, type SubgraphDefinition } from '@intreccio/shared';
import { Certification } from './certification/certification.type';
import { Course } from './course/course.type';
import { CourseEdition } from './edition/edition.type';
import { Enrollment } from './enrollment/enrollment.type';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { AccessControl1764700000000 } from './migrations/1764700000000-access-control';
import { FunnelIndexes1765300000000 } from './migrations/1765300000000-funnel-indexes';

import { TrainingProvider } from './provider/provider.type';
import { buildTrainingSchema } from './schema';

export const entities = [TrainingProvider, Course, CourseEdition, Enrollment, Certification];

export const training: SubgraphDefinition = {
  name: 'training',
  defaultPort: 4003,
  entities,
  migrations: [InitialSchema1764300000000, AccessControl1764700000000, Notifications1765100000000, FunnelIndexes1765300000000],
  buildSchema: buildTrainingSchema,
  // Social services vouch for the case team and for data-subject requests.
  trustsGrants: { person: ['social-services'], 'data-subject': ['social-services'], erasure: ['social-services'], aggregate: ['social-services'] },
  // The seals of its savings-ledger facts go to social services.
  grantAudience: ['social-services'],
  // Its certificates go to the case team (and on to the employment centre) through social services.
  events: { sendsTo: ['social-services'] },
};

export { buildTrainingSchema };
export { MINIMUM_ATTENDANCE_PERCENT, minimumHours } from './enrollment/enrollment.service';
export * from './common/enums';
