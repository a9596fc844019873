import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { InternshipOutcome, InternshipStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class CreateInternshipInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => ID, { description: "The INTERNSHIP step of the person's signed personal plan that the internship carries out." })
  planStepId: string;

  @Field(() => String, {
    description: "Social services' word that the person signed the plan with this step: the step's `placementToken` (valid 30 minutes, for the user who read it).",
  })
  @Length(1, 2000)
  planStepToken: string;

  @Field(() => ID, { nullable: true, description: "The promoter (usually the company network or the employment centre); your organisation when omitted." })
  promoterOrganisationId?: string | null;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { description: 'An active tutor of the host company.' })
  companyTutorId: string;

  @Field(() => String)
  @Length(2, 200)
  promoterTutorName: string;

  @Field(() => ID, { nullable: true, description: 'The opportunity found by scouting that this internship takes up, at the same company.' })
  opportunityId?: string | null;

  @Field(() => String, { nullable: true, description: 'ESCO occupation URI of what the intern learns to do.' })
  occupationUri?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => Int)
  @Min(1)
  @Max(48)
  weeklyHours: number;

  @Field(() => Int, { description: 'Monthly allowance in euro cents, within the programme’s bounds.' })
  @Min(0)
  @Max(1_000_000)
  monthlyAllowanceCents: number;
}

@InputType()
export class UpdateInternshipInput {
  @Field(() => ID)
  internshipId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => ID, { nullable: true, description: 'Another active tutor of the host company.' })
  companyTutorId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  promoterTutorName?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Dates, hours and allowance change only while the internship is PLANNED.' })
  startDate?: string | null;

  @Field(() => LocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(48)
  weeklyHours?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1_000_000)
  monthlyAllowanceCents?: number | null;
}

@InputType()
export class ChangeInternshipStatusInput {
  @Field(() => ID)
  internshipId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => InternshipStatus, { description: 'ACTIVE to start or resume, SUSPENDED, COMPLETED, INTERRUPTED.' })
  status: InternshipStatus;

  @Field(() => LocalDate, { nullable: true, description: 'When starting: the first day at the company; the start date when omitted.' })
  startedOn?: string | null;

  @Field(() => InternshipOutcome, { nullable: true, description: 'Required when completing (HIRED, NOT_HIRED) or interrupting (ENDED_EARLY, HIRED).' })
  outcome?: InternshipOutcome | null;

  @Field(() => LocalDate, { nullable: true, description: 'Required when interrupting: the last day.' })
  interruptedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when interrupting.' })
  @IsOptional()
  @Length(2, 2000)
  interruptionReason?: string | null;
}

@InputType()
export class InternshipsFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => InternshipStatus, { nullable: true })
  status?: InternshipStatus | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;
}
