import { registerEnumType } from 'type-graphql';

function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const CompanySizeClass = enumOf(['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const);
export type CompanySizeClass = keyof typeof CompanySizeClass;
registerEnumType(CompanySizeClass, {
  name: 'CompanySizeClass',
  description: 'EU size class (Recommendation 2003/361/EC).',
  valuesConfig: {
    MICRO: { description: 'Fewer than 10 staff.' },
    SMALL: { description: 'Fewer than 50 staff.' },
    MEDIUM: { description: 'Fewer than 250 staff.' },
    LARGE: { description: '250 staff or more.' },
  },
});

export const ScoutingOutcome = enumOf(['INTERESTED', 'NOT_INTERESTED', 'FOLLOW_UP_NEEDED'] as const);
export type ScoutingOutcome = keyof typeof ScoutingOutcome;
registerEnumType(ScoutingOutcome, { name: 'ScoutingOutcome', description: 'What the company said when the network visited it.' });

export const OpportunityKind = enumOf(['DIRECT_HIRE', 'INTERNSHIP', 'INDIRECT'] as const);
export type OpportunityKind = keyof typeof OpportunityKind;
registerEnumType(OpportunityKind, {
  name: 'OpportunityKind',
  valuesConfig: {
    DIRECT_HIRE: { description: 'The company would hire directly.' },
    INTERNSHIP: { description: 'The company would host an internship.' },
    INDIRECT: { description: 'Work created indirectly, e.g. through a supplier or a social clause in a contract.' },
  },
});

export const OpportunityStatus = enumOf(['OPEN', 'FILLED', 'CLOSED'] as const);
export type OpportunityStatus = keyof typeof OpportunityStatus;
registerEnumType(OpportunityStatus, { name: 'OpportunityStatus' });

export const InternshipStatus = enumOf(['PLANNED', 'ACTIVE', 'SUSPENDED', 'COMPLETED', 'INTERRUPTED'] as const);
export type InternshipStatus = keyof typeof InternshipStatus;
registerEnumType(InternshipStatus, {
  name: 'InternshipStatus',
  description: 'PLANNED → ACTIVE | INTERRUPTED; ACTIVE → SUSPENDED | COMPLETED | INTERRUPTED; SUSPENDED → ACTIVE | INTERRUPTED. COMPLETED and INTERRUPTED are final.',
});

export const InternshipOutcome = enumOf(['HIRED', 'NOT_HIRED', 'ENDED_EARLY'] as const);
export type InternshipOutcome = keyof typeof InternshipOutcome;
registerEnumType(InternshipOutcome, {
  name: 'InternshipOutcome',
  description: 'How an internship ended: a completed one with HIRED or NOT_HIRED, an interrupted one with ENDED_EARLY or HIRED.',
});

export const InternshipTutorKind = enumOf(['COMPANY_TUTOR', 'PROMOTER_TUTOR'] as const);
export type InternshipTutorKind = keyof typeof InternshipTutorKind;
registerEnumType(InternshipTutorKind, {
  name: 'InternshipTutorKind',
  valuesConfig: {
    COMPANY_TUTOR: { description: "The host company's tutor." },
    PROMOTER_TUTOR: { description: "The promoter's tutor, who visits the intern in the company." },
  },
});
