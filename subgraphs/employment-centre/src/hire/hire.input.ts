import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { ContractType } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class RecordHireInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID, { nullable: true, description: 'The vacancy the person was hired through, if any; it must be of the same company.' })
  vacancyId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The proposal the person was hired through, if any: a live proposal of the person (PROPOSED, INTERVIEW or ACCEPTED), which becomes HIRED. " +
      "The vacancy is the proposal's (vacancyId may be left out).",
  })
  proposalId?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Planned end of a fixed-term contract.' })
  endDate?: string | null;

  @Field(() => ContractType)
  contractType: ContractType;

  @Field(() => Int, { description: '1 to 48.' })
  weeklyHours: number;

  @Field(() => Int, { description: 'Gross monthly wage in euro cents, above 0.' })
  grossMonthlyWageCents: number;

  @Field(() => String, { description: 'ESCO occupation URI of the job.' })
  occupationUri: string;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => ID)
  hireId: string;

  @Field(() => Int, { description: '6 or 12: months after the hire started.' })
  monthsAfter: number;

  @Field(() => LocalDate, { description: 'Not before the hire started plus monthsAfter months.' })
  checkedOn: string;

  @Field(() => Boolean)
  stillEmployed: boolean;

  @Field(() => String, { defaultValue: '' })
  @IsOptional()
  @Length(0, 5000)
  note: string;
}

@InputType()
export class HiresFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}
