import { registerEnumType } from 'type-graphql';
import { ORGANISATION_KINDS } from '@intreccio/shared';

function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const OrganisationKind = enumOf(ORGANISATION_KINDS);
export type OrganisationKind = keyof typeof OrganisationKind;
registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What a partner organisation does in the network.' });

export const TargetGroup = enumOf([
  'MINOR_OVER_16',
  'UNACCOMPANIED_FOREIGN_MINOR',
  'CARE_LEAVER',
  'ASYLUM_SEEKER',
  'INTERNATIONAL_PROTECTION_HOLDER',
  'VICTIM_OF_VIOLENCE',
  'VICTIM_OF_TRAFFICKING',
  'SINGLE_PARENT',
  'HOUSING_EMERGENCY',
  'EX_DETAINEE',
  'DETAINEE_ON_EXTERNAL_MEASURE',
  'SPECIAL_EDUCATIONAL_NEEDS',
  'DISABILITY',
  'ADDICTION',
  'LONG_TERM_UNEMPLOYED',
] as const);
export type TargetGroup = keyof typeof TargetGroup;
registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Target groups named by the programmes. Special-category data: visible to social services only.',
  valuesConfig: {
    DISABILITY: { description: 'People with disabilities registered under L. 68/99.' },
    SPECIAL_EDUCATIONAL_NEEDS: { description: 'Young people with special educational needs (BES).' },
    CARE_LEAVER: { description: 'Young adults leaving care at 18 (neo maggiorenni).' },
  },
});

export const Sex = enumOf(['FEMALE', 'MALE'] as const);
export type Sex = keyof typeof Sex;
registerEnumType(Sex, { name: 'Sex', description: 'Sex as recorded in the fiscal code.' });

export const CaseStatus = enumOf(['OPEN', 'SUSPENDED', 'CLOSED'] as const);
export type CaseStatus = keyof typeof CaseStatus;
registerEnumType(CaseStatus, { name: 'CaseStatus', description: 'OPEN: in charge of social services. SUSPENDED: paused. CLOSED: no longer followed.' });

export const CaseClosureReason = enumOf(['EMPLOYED', 'GOALS_ACHIEVED', 'DROPPED_OUT', 'MOVED_AWAY', 'TRANSFERRED', 'OTHER'] as const);
export type CaseClosureReason = keyof typeof CaseClosureReason;
registerEnumType(CaseClosureReason, { name: 'CaseClosureReason' });

export const CaseTeamRole = enumOf([
  'CASE_MANAGER',
  'ORIENTATOR',
  'EMPLOYMENT_OPERATOR',
  'TRAINING_OPERATOR',
  'COMPANY_NETWORK_OPERATOR',
  'HOST_COMPANY_TUTOR',
  'OTHER',
] as const);
export type CaseTeamRole = keyof typeof CaseTeamRole;
registerEnumType(CaseTeamRole, { name: 'CaseTeamRole', description: 'What a team member does for the person.' });

export const ConsentPurpose = enumOf(['DATA_SHARING'] as const);
export type ConsentPurpose = keyof typeof ConsentPurpose;
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'DATA_SHARING: the person agrees that the organisation sees their pathway data while on the case team.',
});

export const ConsentStatus = enumOf(['ACTIVE', 'REVOKED'] as const);
export type ConsentStatus = keyof typeof ConsentStatus;
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });

export const AssessmentDimension = enumOf([
  'HEALTH',
  'HOUSING',
  'FAMILY_AND_CARE',
  'EDUCATION_AND_SKILLS',
  'WORK_EXPERIENCE',
  'LANGUAGE',
  'MOBILITY',
  'MOTIVATION',
  'SOCIAL_NETWORK',
  'INCOME',
] as const);
export type AssessmentDimension = keyof typeof AssessmentDimension;
registerEnumType(AssessmentDimension, { name: 'AssessmentDimension', description: 'A dimension of the multidimensional evaluation.' });

export const EmployabilityLevel = enumOf(['VERY_LOW', 'LOW', 'MEDIUM', 'HIGH'] as const);
export type EmployabilityLevel = keyof typeof EmployabilityLevel;
registerEnumType(EmployabilityLevel, { name: 'EmployabilityLevel', description: 'How close the person is to work, as the équipe judges it.' });

export const PlanStatus = enumOf(['DRAFT', 'SIGNED', 'COMPLETED', 'CANCELLED'] as const);
export type PlanStatus = keyof typeof PlanStatus;
registerEnumType(PlanStatus, { name: 'PlanStatus' });

export const PlanStepKind = enumOf([
  'ORIENTATION',
  'GENERAL_TRAINING',
  'PROFESSIONAL_TRAINING',
  'INTERNSHIP',
  'JOB_SEARCH',
  'SUPPORT_SERVICE',
] as const);
export type PlanStepKind = keyof typeof PlanStepKind;
registerEnumType(PlanStepKind, { name: 'PlanStepKind' });

export const PlanStepStatus = enumOf(['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const);
export type PlanStepStatus = keyof typeof PlanStepStatus;
registerEnumType(PlanStepStatus, { name: 'PlanStepStatus' });

export const ReferralStatus = enumOf(['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED'] as const);
export type ReferralStatus = keyof typeof ReferralStatus;
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'Where a hand-off between partners stands.' });

export const BenefitKind = enumOf([
  'INCOME_SUPPORT',
  'HOUSING_SUPPORT',
  'CHILD_SUPPORT',
  'DISABILITY_SUPPORT',
  'EMERGENCY_SUPPORT',
  'OTHER',
] as const);
export type BenefitKind = keyof typeof BenefitKind;
registerEnumType(BenefitKind, { name: 'BenefitKind', description: 'Kinds of welfare support, each with its own avoidance rate in the savings ledger.' });
