import { Field, ID, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';

export const CADASTRAL = /^[A-Z]\d{3}$/;

@InputType()
export class CreateTrainingProviderInput {
  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => ID, { description: "The provider's organisation in the network registry." })
  organisationId: string;

  @Field(() => String, { description: 'Regional accreditation code, e.g. FI0731: capital letters, digits and / . - (3 to 30 characters).' })
  @Matches(/^[A-Z0-9][A-Z0-9/.-]{2,29}$/, { message: 'must be a regional accreditation code: 3 to 30 capital letters, digits, / . or -, e.g. FI0731' })
  accreditationCode: string;

  @Field(() => String, { description: 'Cadastral code of the municipality where the provider sits.' })
  @Matches(CADASTRAL, { message: 'must be a cadastral code such as D612' })
  municipalityCode: string;
}
