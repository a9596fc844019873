import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FUNNEL_STAGES, WITHHELD_NOTE, type FunnelKey, type FunnelStageName as StageName } from '@intreccio/shared';

export const FunnelStageName = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, s])) as { [K in StageName]: K };
export type FunnelStageName = StageName;
registerEnumType(FunnelStageName, {
  name: 'FunnelStageName',
  description: 'The stages of the pathway, in order.',
  valuesConfig: {
    IN_CHARGE: { description: "Taken in charge: the person's first case in the programme opened (social services)." },
    EVALUATED: { description: 'A multidimensional evaluation recorded (social services).' },
    PLAN_SIGNED: { description: 'A personal plan signed by the person (social services).' },
    TRAINED: { description: 'A course completed or a certificate issued in the programme (training bodies).' },
    INTERNSHIP: { description: 'An internship started in the programme (company network).' },
    HIRED: { description: 'A hire recorded in the programme (employment centre).' },
    EMPLOYED_6_MONTHS: { description: "That hire's 6-month follow-up found the person still employed (employment centre)." },
    EMPLOYED_12_MONTHS: { description: "That hire's 12-month follow-up found the person still employed (employment centre)." },
  },
});

@InputType({ description: 'Which people of the programme the funnel follows; without a filter, everyone taken in charge in it.' })
export class FunnelFilter {
  @Field(() => String, { nullable: true, description: 'The quarter (`2025-Q1`) or year (`2025`) in which the people were first taken in charge in the programme.' })
  cohort?: string | null;

  @Field(() => String, { nullable: true, description: "A municipality of the programme's territory (cadastral code) the people live in." })
  territory?: string | null;
}

@ObjectType({ description: 'One stage of the funnel.' })
export class FunnelStage {
  @Field(() => FunnelStageName)
  stage: FunnelStageName;

  @Field(() => Int, { nullable: true, description: `People who reached this stage, having reached every earlier one, in order. ${WITHHELD_NOTE}` })
  people: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from reaching the previous stage to reaching this one (null for the first stage); withheld when fewer than 5 people reached it.',
  })
  medianDaysFromPrevious: number | null;
}

/** A funnel as social services resolve it: the key, and what the other partners brought for it. */
export interface FunnelSource {
  id: string;
  key: FunnelKey;
  /** The cohort's first and last day, when it has one. */
  period: { from: string; to: string } | null;
  trainingMilestones?: string | null;
  internshipMilestones?: string | null;
  employmentMilestones?: string | null;
}

const MILESTONES = '@requires(fields: "trainingMilestones internshipMilestones employmentMilestones")';

@ObjectType({
  description:
    "A programme's outcome funnel: how many of its people reached each stage of the pathway, and how long each stage took. " +
    'Aggregates only: counts below 5, and medians over fewer than 5 people, are null and named in `suppressed`.',
})
@Directive('@key(fields: "id")')
export class OutcomeFunnel {
  @Field(() => ID)
  @Directive('@inaccessible')
  id: string;

  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  members?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  aggregateGrant?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  trainingMilestones?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  internshipMilestones?: string | null;

  @Field(() => String, { nullable: true })
  @Directive('@external')
  employmentMilestones?: string | null;

  @Field(() => [FunnelStage], { description: 'The eight stages, in order: each counts people who reached every earlier one.' })
  @Directive(MILESTONES)
  stages: FunnelStage[];

  @Field(() => String, { nullable: true, description: 'The cohort asked for, or null for everyone.' })
  cohort: string | null;

  @Field(() => String, { nullable: true, description: 'The municipality of residence asked for, or null for the whole territory.' })
  territory: string | null;

  @Field(() => [String], {
    description: 'The figures withheld, as `<STAGE>.people` and `<STAGE>.medianDaysFromPrevious` (e.g. `HIRED.people`).',
  })
  @Directive(MILESTONES)
  suppressed: string[];
}
