import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, ValidateNested } from 'class-validator';
import { CaseClosureReason, CaseStatus, CaseTeamRole } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class TeamMemberInput {
  @Field(() => ID)
  organisationId: string;

  @Field(() => CaseTeamRole)
  role: CaseTeamRole;

  @Field(() => String)
  @Length(2, 200)
  operatorName: string;
}

@InputType()
export class OpenCaseInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => LocalDate, { description: 'Date of taking in charge.' })
  openedOn: string;

  @Field(() => String)
  @Length(2, 200)
  caseManagerName: string;

  @Field(() => [TeamMemberInput], { defaultValue: [], description: 'Other members of the équipe; the case manager joins automatically.' })
  @ValidateNested({ each: true })
  team: TeamMemberInput[];
}

@InputType()
export class ChangeCaseStatusInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field(() => LocalDate, { nullable: true, description: 'Required when closing.' })
  closedOn?: string | null;

  @Field(() => CaseClosureReason, { nullable: true, description: 'Required when closing.' })
  closureReason?: CaseClosureReason | null;
}

@InputType()
export class AddTeamMemberInput extends TeamMemberInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => LocalDate)
  joinedOn: string;
}

@InputType()
export class RemoveTeamMemberInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => LocalDate)
  leftOn: string;
}
