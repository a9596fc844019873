import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { OpportunityKind, OpportunityStatus, ScoutingOutcome } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class OpportunityInput {
  @Field(() => OpportunityKind)
  kind: OpportunityKind;

  @Field(() => String, { nullable: true, description: 'ESCO occupation URI; required except for INDIRECT opportunities.' })
  occupationUri?: string | null;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  @Max(1000)
  positions: number;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 5000)
  description: string;
}

@InputType()
export class RecordScoutingVisitInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => LocalDate)
  visitedOn: string;

  @Field(() => String)
  @Length(2, 200)
  operatorName: string;

  @Field(() => ScoutingOutcome)
  outcome: ScoutingOutcome;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 5000)
  notes: string;

  @Field(() => [OpportunityInput], { defaultValue: [], description: 'The opportunities found during the visit, recorded with it.' })
  @ValidateNested({ each: true })
  opportunities: OpportunityInput[];
}

@InputType()
export class ChangeOpportunityStatusInput {
  @Field(() => ID)
  opportunityId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => OpportunityStatus)
  status: OpportunityStatus;
}

@InputType()
export class ScoutingVisitsFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => ScoutingOutcome, { nullable: true })
  outcome?: ScoutingOutcome | null;

  @Field(() => LocalDate, { nullable: true, description: 'Visits on or after this day.' })
  visitedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Visits on or before this day.' })
  @IsOptional()
  visitedTo?: string | null;
}

@InputType()
export class OpportunitiesFilter {
  @Field(() => OpportunityStatus, { nullable: true })
  status?: OpportunityStatus | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => OpportunityKind, { nullable: true })
  kind?: OpportunityKind | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}
