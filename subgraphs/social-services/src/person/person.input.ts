import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayUnique, IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { CaseStatus, Sex, TargetGroup } from '../common/enums';
import { LocalDate } from '../common/scalars';

const CADASTRAL = /^[A-Z]\d{3}$/;

@InputType()
export class CreatePersonInput {
  @Field(() => String, { nullable: true, description: 'Codice fiscale (16 characters) or the 11-digit provisional code; omit when not yet assigned.' })
  @IsOptional()
  fiscalCode?: string | null;

  @Field(() => String)
  @Length(1, 100)
  givenName: string;

  @Field(() => String)
  @Length(1, 100)
  familyName: string;

  @Field(() => LocalDate)
  birthDate: string;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => String, { description: 'Cadastral code of the birth municipality (e.g. D612) or Z code of the foreign state (e.g. Z330).' })
  @Matches(CADASTRAL, { message: 'must be a cadastral code such as D612 or Z330' })
  birthPlaceCode: string;

  @Field(() => String, { description: 'Cadastral code of the municipality of residence.' })
  @Matches(CADASTRAL, { message: 'must be a cadastral code such as D612' })
  residenceMunicipalityCode: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{6,20}$/, { message: 'must be a phone number of digits and spaces, optionally starting with +' })
  phone?: string | null;

  @Field(() => [TargetGroup], { defaultValue: [] })
  @ArrayUnique()
  targetGroups: TargetGroup[];
}

@InputType()
export class UpdatePersonInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused if it changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'Set when the person gets a fiscal code, or to correct it.' })
  @IsOptional()
  fiscalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(CADASTRAL, { message: 'must be a cadastral code such as D612' })
  residenceMunicipalityCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{6,20}$/, { message: 'must be a phone number of digits and spaces, optionally starting with +' })
  phone?: string | null;

  @Field(() => [TargetGroup], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  targetGroups?: TargetGroup[] | null;
}

@InputType()
export class PeopleFilter {
  @Field(() => ID, { nullable: true, description: 'People with a case in this programme.' })
  programmeId?: string | null;

  @Field(() => CaseStatus, { nullable: true, description: 'People with a case in this status.' })
  caseStatus?: CaseStatus | null;

  @Field(() => TargetGroup, { nullable: true })
  targetGroup?: TargetGroup | null;

  @Field(() => String, { nullable: true, description: 'Cadastral code of the municipality of residence.' })
  residenceMunicipalityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Start of the family or given name, any case.' })
  @IsOptional()
  @Length(1, 100)
  nameStartsWith?: string | null;
}
