import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';

const PHONE = /^\+?[0-9 ]{6,20}$/;
const PHONE_MESSAGE = 'must be a phone number of digits and spaces, optionally starting with +';

@InputType()
export class AddCompanyTutorInput {
  @Field(() => ID)
  companyId: string;

  @Field(() => String)
  @Length(2, 200)
  name: string;

  @Field(() => String, { description: 'The tutor’s job in the company, e.g. Head chef.' })
  @Length(2, 200)
  role: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;
}

@InputType()
export class UpdateCompanyTutorInput {
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
  @Length(2, 200)
  role?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false when the tutor leaves or can no longer take interns; their current internships keep them.' })
  active?: boolean | null;
}
