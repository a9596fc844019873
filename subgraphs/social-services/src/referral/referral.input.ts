import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { ReferralStatus } from '../common/enums';
import { DateTime } from '../common/scalars';

@InputType()
export class CreateReferralInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'The partner receiving the person.' })
  toOrganisationId: string;

  @Field(() => ID, { nullable: true, description: 'The plan step the referral serves.' })
  planStepId?: string | null;

  @Field(() => String)
  @Length(1, 5000)
  reason: string;

  @Field(() => DateTime, { nullable: true, description: 'Defaults to now.' })
  sentAt?: Date | null;
}

@InputType()
export class RespondToReferralInput {
  @Field(() => ID)
  referralId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => Boolean)
  accept: boolean;

  @Field(() => String, { nullable: true, description: 'Required when declining.' })
  @IsOptional()
  @Length(1, 5000)
  declineReason?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Defaults to now.' })
  respondedAt?: Date | null;
}

@InputType()
export class RecordReferralContactInput {
  @Field(() => ID)
  referralId: string;

  @Field(() => DateTime)
  firstContactAt: Date;
}

@InputType()
export class CompleteReferralInput {
  @Field(() => ID)
  referralId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String)
  @Length(1, 5000)
  outcome: string;

  @Field(() => DateTime, { nullable: true, description: 'Defaults to now.' })
  completedAt?: Date | null;
}

@InputType()
export class ReferralsFilter {
  @Field(() => ReferralStatus, { nullable: true })
  status?: ReferralStatus | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  toOrganisationId?: string | null;

  @Field(() => ID, { nullable: true })
  fromOrganisationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only referrals still unanswered after the programme allows.' })
  overdue?: boolean | null;
}
