import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ArrayMinSize, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { LocalDate } from '../common/scalars';

@InputType()
export class CreateProgrammeInput {
  @Field(() => String)
  @Matches(/^[A-Z0-9_-]{2,40}$/, { message: 'must be 2 to 40 capital letters, digits, _ or -' })
  code: string;

  @Field(() => String)
  @Length(2, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => ID)
  leadOrganisationId: string;

  @Field(() => [String], { description: 'Cadastral codes of the municipalities covered.' })
  @ArrayMinSize(1)
  territory: string[];

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => GraphQLSafeInt)
  @Min(0)
  budgetCents: number;




  @Field(() => Int, { defaultValue: 10 })
  @Min(1)
  @Max(365)
  referralResponseDays: number;
}

@InputType()
export class UpdateProgrammeInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  territory?: string[] | null;

  @Field(() => LocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => GraphQLSafeInt, { nullable: true })
  @IsOptional()
  @Min(0)
  budgetCents?: number | null;



  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(365)
  referralResponseDays?: number | null;
}

@InputType()
export class AddProgrammePartnerInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 200)
  role: string;

  @Field(() => LocalDate)
  joinedOn: string;
}
