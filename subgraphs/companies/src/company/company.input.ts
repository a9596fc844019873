import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { CompanySizeClass } from '../common/enums';

@InputType()
export class CreateCompanyInput {
  @Field(() => String)
  @Length(2, 200)
  name: string;

  @Field(() => String, { description: 'Partita IVA: 11 digits (an IT prefix and spaces are ignored).' })
  vatNumber: string;

  @Field(() => String, { description: 'ATECO 2025 (or 2007) code of the main activity, class level or finer: e.g. 55.10 or 55.10.00.' })
  atecoCode: string;

  @Field(() => CompanySizeClass)
  sizeClass: CompanySizeClass;

  @Field(() => String, { description: 'Cadastral code of the municipality where the company operates.' })
  municipalityCode: string;

  @Field(() => Boolean, { defaultValue: false })
  socialCooperativeTypeB: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'The company agrees to appear in the public directory.' })
  listedInDirectory: boolean;

  @Field(() => Boolean, { defaultValue: false })
  solidarityNetworkMember: boolean;

  @Field(() => ID, { nullable: true, description: "The company's organisation in the registry, when its staff sign in." })
  organisationId?: string | null;
}

@InputType()
export class UpdateCompanyInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused if it changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'To correct a mistyped number.' })
  vatNumber?: string | null;

  @Field(() => String, { nullable: true })
  atecoCode?: string | null;

  @Field(() => CompanySizeClass, { nullable: true })
  sizeClass?: CompanySizeClass | null;

  @Field(() => String, { nullable: true })
  municipalityCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  socialCooperativeTypeB?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  listedInDirectory?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  solidarityNetworkMember?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Set to link the company to its registry organisation; null unlinks it.' })
  organisationId?: string | null;
}

@InputType()
export class CompaniesFilter {
  @Field(() => String, { nullable: true, description: 'Cadastral code of the municipality.' })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Start of the ATECO code: a division (55), group (55.1) or class (55.10).' })
  atecoPrefix?: string | null;

  @Field(() => Boolean, { nullable: true })
  listedInDirectory?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  socialCooperativeTypeB?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, any case, or the whole VAT number.' })
  @IsOptional()
  @Length(1, 100)
  search?: string | null;
}
