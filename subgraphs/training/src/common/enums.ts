import { registerEnumType } from 'type-graphql';

function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const CourseKind = enumOf([
  'WORKPLACE_SAFETY',
  'HACCP',
  'PROFESSIONAL',
  'LANGUAGE',
  'DIGITAL',
  'SOFT_SKILLS',
  'SELF_EMPLOYMENT_LAB',
] as const);
export type CourseKind = keyof typeof CourseKind;
registerEnumType(CourseKind, {
  name: 'CourseKind',
  description: 'What a course is for.',
  valuesConfig: {
    WORKPLACE_SAFETY: { description: 'Workplace health and safety training under D.Lgs. 81/08 (general or specific risk).' },
    HACCP: { description: 'Food hygiene for food handlers (HACCP).' },
    PROFESSIONAL: { description: 'Training for an occupation, usually ending in a certification of competences.' },
    LANGUAGE: { description: 'Italian as a second language and other languages for work.' },
    DIGITAL: { description: 'Digital skills: devices, e-mail, online public services, online job search.' },
    SOFT_SKILLS: { description: 'Teamwork, communication, time keeping and other transversal skills.' },
    SELF_EMPLOYMENT_LAB: { description: 'Lab for people who want to start their own business.' },
  },
});

export const CourseEditionStatus = enumOf(['SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED'] as const);
export type CourseEditionStatus = keyof typeof CourseEditionStatus;
registerEnumType(CourseEditionStatus, { name: 'CourseEditionStatus', description: 'Where a course edition stands.' });

export const EnrollmentStatus = enumOf(['ENROLLED', 'ATTENDING', 'COMPLETED', 'WITHDRAWN'] as const);
export type EnrollmentStatus = keyof typeof EnrollmentStatus;
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description: 'ENROLLED: has a seat. ATTENDING: attendance recorded. COMPLETED: finished the course. WITHDRAWN: left, or the edition was cancelled.',
});

export const CertificationKind = enumOf(['ATTENDANCE', 'COMPETENCE_CERTIFICATION', 'QUALIFICATION'] as const);
export type CertificationKind = keyof typeof CertificationKind;
registerEnumType(CertificationKind, {
  name: 'CertificationKind',
  valuesConfig: {
    ATTENDANCE: { description: 'Certificate of attendance (attestato di frequenza).' },
    COMPETENCE_CERTIFICATION: { description: 'Certification of competences under D.Lgs. 13/2013, naming the skills certified.' },
    QUALIFICATION: { description: 'A regional professional qualification.' },
  },
});
