import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, Length, ValidateNested } from 'class-validator';
import { SkillLevel } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class StartSkillsAssessmentInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => LocalDate)
  startedOn: string;

  @Field(() => String)
  @Length(2, 200)
  operatorName: string;
}

@InputType()
export class AssessedSkillInput {
  @Field(() => String, { description: 'ESCO skill URI.' })
  uri: string;

  @Field(() => SkillLevel)
  level: SkillLevel;
}

@InputType()
export class CompleteSkillsAssessmentInput {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate)
  completedOn: string;

  @Field(() => String)
  @Length(1, 10000)
  summary: string;

  @Field(() => [AssessedSkillInput], { description: "The skills found; each is recorded on the person (or raised) with source SKILLS_ASSESSMENT." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  skills: AssessedSkillInput[];
}
