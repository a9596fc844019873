import { registerEnumType } from 'type-graphql';

function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const PROFILING_CLASSES = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export const ProfilingClass = enumOf(PROFILING_CLASSES);
export type ProfilingClass = keyof typeof ProfilingClass;
registerEnumType(ProfilingClass, {
  name: 'ProfilingClass',
  description: "The employment centre's profiling of a job seeker: how far the person is from the labour market.",
  valuesConfig: {
    LOW: { description: 'Low distance: close to work.' },
    MEDIUM: { description: 'Medium distance.' },
    HIGH: { description: 'High distance.' },
    VERY_HIGH: { description: 'Very high distance: needs intensive support before work.' },
  },
});

export const ISCED_LEVELS = [
  'NONE', 'PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY', 'POST_SECONDARY_NON_TERTIARY', 'SHORT_CYCLE_TERTIARY', 'BACHELOR', 'MASTER', 'DOCTORATE',
] as const;
export const IscedLevel = enumOf(ISCED_LEVELS);
export type IscedLevel = keyof typeof IscedLevel;
registerEnumType(IscedLevel, {
  name: 'IscedLevel',
  description: 'Highest education completed, on the ISCED 2011 scale (NONE = less than primary, then levels 1 to 8).',
  valuesConfig: {
    NONE: { description: 'No formal education or less than primary (ISCED 0).' },
    PRIMARY: { description: 'ISCED 1: licenza elementare.' },
    LOWER_SECONDARY: { description: 'ISCED 2: licenza media.' },
    UPPER_SECONDARY: { description: 'ISCED 3: diploma or vocational qualification (qualifica IeFP).' },
    POST_SECONDARY_NON_TERTIARY: { description: 'ISCED 4: e.g. IFTS specialisation.' },
    SHORT_CYCLE_TERTIARY: { description: 'ISCED 5: e.g. ITS Academy.' },
    BACHELOR: { description: 'ISCED 6: laurea triennale.' },
    MASTER: { description: 'ISCED 7: laurea magistrale.' },
    DOCTORATE: { description: 'ISCED 8.' },
  },
});

// Italian licence categories (Codice della strada, art. 116) and the driver qualification card.
export const DRIVING_LICENCES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE', 'CQC'] as const;
export const DrivingLicence = enumOf(DRIVING_LICENCES);
export type DrivingLicence = keyof typeof DrivingLicence;
registerEnumType(DrivingLicence, {
  name: 'DrivingLicence',
  description: 'Driving licence categories, and CQC: the qualification card professional drivers of goods or passengers need.',
});

export const WORK_SHIFTS = ['MORNING', 'AFTERNOON', 'EVENING', 'NIGHT', 'WEEKEND'] as const;
export const WorkShift = enumOf(WORK_SHIFTS);
export type WorkShift = keyof typeof WorkShift;
registerEnumType(WorkShift, { name: 'WorkShift', description: 'When a job seeker is available to work.' });

export const SKILL_LEVELS = ['BASIC', 'INTERMEDIATE', 'ADVANCED'] as const;
export const SkillLevel = enumOf(SKILL_LEVELS);
export type SkillLevel = keyof typeof SkillLevel;
registerEnumType(SkillLevel, { name: 'SkillLevel', description: 'How well a person masters a skill.' });

export const SKILL_SOURCES = ['SELF_DECLARED', 'SKILLS_ASSESSMENT', 'WORK_EXPERIENCE', 'CERTIFICATION'] as const;
export const SkillSource = enumOf(SKILL_SOURCES);
export type SkillSource = keyof typeof SkillSource;
registerEnumType(SkillSource, { name: 'SkillSource', description: 'The evidence a skill record rests on.' });

export const SkillKind = enumOf(['SKILL', 'KNOWLEDGE'] as const);
export type SkillKind = keyof typeof SkillKind;
registerEnumType(SkillKind, { name: 'SkillKind', description: 'ESCO distinguishes skills (what a person can do) from knowledge (what a person knows).' });

export const ORIENTATION_SESSION_KINDS = ['INDIVIDUAL', 'GROUP', 'WORKSHOP'] as const;
export const OrientationSessionKind = enumOf(ORIENTATION_SESSION_KINDS);
export type OrientationSessionKind = keyof typeof OrientationSessionKind;
registerEnumType(OrientationSessionKind, { name: 'OrientationSessionKind' });

export const SkillsAssessmentStatus = enumOf(['IN_PROGRESS', 'COMPLETED'] as const);
export type SkillsAssessmentStatus = keyof typeof SkillsAssessmentStatus;
registerEnumType(SkillsAssessmentStatus, { name: 'SkillsAssessmentStatus' });

export const VacancyStatus = enumOf(['OPEN', 'CLOSED'] as const);
export type VacancyStatus = keyof typeof VacancyStatus;
registerEnumType(VacancyStatus, { name: 'VacancyStatus', description: 'OPEN: taking candidates. CLOSED: filled or withdrawn; a closed vacancy does not reopen.' });

export const CONTRACT_TYPES = ['PERMANENT', 'FIXED_TERM', 'APPRENTICESHIP', 'TEMPORARY_AGENCY', 'SEASONAL'] as const;
export const ContractType = enumOf(CONTRACT_TYPES);
export type ContractType = keyof typeof ContractType;
registerEnumType(ContractType, { name: 'ContractType', description: 'Employment contract, as in the mandatory notice of hiring (comunicazione obbligatoria).' });

export const PROPOSAL_STATUSES = ['PROPOSED', 'INTERVIEW', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'HIRED'] as const;
export const ProposalStatus = enumOf(PROPOSAL_STATUSES);
export type ProposalStatus = keyof typeof ProposalStatus;
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Where a candidate proposed to a vacancy stands. PROPOSED, INTERVIEW and ACCEPTED are live; REJECTED, WITHDRAWN and HIRED are final.',
  valuesConfig: {
    PROPOSED: { description: 'The employment centre sent the candidate to the company.' },
    INTERVIEW: { description: 'The company is meeting the candidate.' },
    ACCEPTED: { description: 'The company chose the candidate; the hire is still to be recorded.' },
    REJECTED: { description: 'The company turned the candidate down (with the reason).' },
    WITHDRAWN: { description: 'The proposal was withdrawn, by the centre, the person or because the vacancy closed (with the reason).' },
    HIRED: { description: 'The person was hired through the proposal: recordHire named it.' },
  },
});
