import { Field, ID, InputType } from 'type-graphql';
import { SkillLevel, SkillSource } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class RecordSkillInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => String, { description: 'ESCO skill URI.' })
  skillUri: string;

  @Field(() => SkillLevel)
  level: SkillLevel;

  @Field(() => SkillSource)
  source: SkillSource;

  @Field(() => LocalDate)
  recordedOn: string;
}
