import { buildFederatedSchema, byId, funnelReference, personReference, type FederatedSchema, type RequestContext } from '@intreccio/shared';
import { OutcomeFunnelRef, TrainingFunnelResolver } from './funnel/funnel.resolver';
import { trainingPolicy } from './access/policy';
import { DataSubjectPart } from './person/data-subject.resolver';
import { CertificationResolver } from './certification/certification.resolver';
import { Certification } from './certification/certification.type';
import { isUuid } from './common/rules';
import { CourseResolver, SkillResolver } from './course/course.resolver';
import { Course } from './course/course.type';
import { CourseEditionResolver } from './edition/edition.resolver';
import { CourseEdition } from './edition/edition.type';
import { EnrollmentResolver } from './enrollment/enrollment.resolver';
import { Enrollment } from './enrollment/enrollment.type';
import { ProgrammeLedgerFactsResolver } from './ledger/ledger-facts';
import { PersonTrainingResolver } from './person/person.resolver';
import { ProgrammeTrainingResolver } from './programme/programme.resolver';
import { TrainingProviderResolver } from './provider/provider.resolver';
import { TrainingProvider } from './provider/provider.type';

/** Entities this subgraph owns: each representation is resolved through the request's loader. */
function owned<T extends { id: string }>(entity: new () => T) {
  return {
    __resolveReference: (ref: { id: string }, ctx: RequestContext) => (isUuid(ref.id) ? byId(ctx, entity).load(ref.id) : null),
  };
}

/** Entities other subgraphs own and this one extends: the key is all it needs, so no read happens here. */
const extended = {
  Person: personReference,
  DataSubject: DataSubjectPart.reference,
  Programme: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  OutcomeFunnel: funnelReference,
  Skill: { __resolveReference: (ref: { uri: string }) => ({ uri: ref.uri }) },
};

export function buildTrainingSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        TrainingProviderResolver, CourseResolver, SkillResolver, CourseEditionResolver, EnrollmentResolver, CertificationResolver,
        PersonTrainingResolver, ProgrammeTrainingResolver, ProgrammeLedgerFactsResolver, TrainingFunnelResolver, ...DataSubjectPart.resolvers,
      ],
      orphanedTypes: [DataSubjectPart.subject, OutcomeFunnelRef],
      validate: { forbidUnknownValues: false },
    },
    {
      TrainingProvider: owned(TrainingProvider),
      Course: owned(Course),
      CourseEdition: owned(CourseEdition),
      Enrollment: owned(Enrollment),
      Certification: owned(Certification),
      ...extended,
    },
    trainingPolicy,
  );
}
