import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { PlanStatus, PlanStepKind, PlanStepStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class PlanStepInput {
  @Field(() => PlanStepKind)
  kind: PlanStepKind;

  @Field(() => ID, { description: 'The partner that owns the step; it must take part in the programme.' })
  ownerOrganisationId: string;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 2000)
  description: string;

  @Field(() => LocalDate, { nullable: true })
  plannedStart?: string | null;

  @Field(() => LocalDate, { nullable: true })
  plannedEnd?: string | null;
}

@InputType()
export class CreatePersonalPlanInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { nullable: true, description: 'The evaluation the plan is built from.' })
  assessmentId?: string | null;

  @Field(() => String)
  @Length(1, 5000)
  goals: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => [PlanStepInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  steps: PlanStepInput[];
}

@InputType()
export class AddPlanStepInput extends PlanStepInput {
  @Field(() => ID)
  planId: string;
}

@InputType()
export class SignPersonalPlanInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate, { description: 'Date the person signed.' })
  signedOn: string;
}

@InputType()
export class ChangePlanStatusInput {
  @Field(() => ID)
  planId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => PlanStatus, { description: 'COMPLETED or CANCELLED; use signPersonalPlan to sign.' })
  status: PlanStatus;
}

@InputType()
export class ChangePlanStepStatusInput {
  @Field(() => ID)
  stepId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => PlanStepStatus)
  status: PlanStepStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;
}
