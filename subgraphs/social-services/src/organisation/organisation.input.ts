import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { OrganisationKind } from '../common/enums';

@InputType()
export class CreateOrganisationInput {
  @Field(() => String)
  @Length(2, 200)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => String, { description: 'Cadastral code of the municipality, e.g. D612 for Firenze.' })
  @Matches(/^[A-Z]\d{3}$/, { message: 'must be a cadastral code such as D612' })
  municipalityCode: string;

  @Field(() => String, { nullable: true, description: 'Fiscal code or VAT number.' })
  @IsOptional()
  @Matches(/^(\d{11}|[A-Z0-9]{16})$/, { message: 'must be an 11-digit VAT number or a 16-character fiscal code' })
  taxCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}

@InputType()
export class UpdateOrganisationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused if it changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]\d{3}$/, { message: 'must be a cadastral code such as D612' })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}
