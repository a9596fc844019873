import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { ProposalStatus } from '../common/enums';

@InputType()
export class ProposeCandidateInput {
  @Field(() => ID, { description: 'An OPEN vacancy your employment centre published.' })
  vacancyId: string;

  @Field(() => ID, { description: 'A person registered as a job seeker at your employment centre.' })
  personId: string;

  @Field(() => String, { defaultValue: '', description: "The centre's note on the proposal (what was agreed with the person, whom the company should call); not shown to host companies." })
  @IsOptional()
  @Length(0, 5000)
  note: string;
}

@InputType()
export class ChangeProposalStatusInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => ProposalStatus, { description: 'PROPOSED → INTERVIEW, REJECTED or WITHDRAWN; INTERVIEW → ACCEPTED, REJECTED or WITHDRAWN; ACCEPTED → WITHDRAWN. HIRED comes from recordHire.' })
  status: ProposalStatus;

  @Field(() => String, { nullable: true, description: 'Required for REJECTED and WITHDRAWN, and only for them.' })
  @IsOptional()
  @Length(1, 2000)
  reason?: string | null;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}

@InputType()
export class ProposalsFilter {
  @Field(() => ProposalStatus, { nullable: true })
  status?: ProposalStatus | null;

  @Field(() => ID, { nullable: true })
  vacancyId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only PROPOSED, INTERVIEW and ACCEPTED; false: only the final ones.' })
  live?: boolean | null;
}
