import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, Min } from 'class-validator';
import { CourseKind } from '../common/enums';

/** Longer courses are full qualification pathways, planned in modules of their own. */
export const MAX_COURSE_HOURS = 2000;
/** €1,000 an hour per person is beyond any regional unit cost: a larger figure is a typing error. */
export const MAX_COST_PER_HOUR_CENTS = 100_000;

@InputType()
export class CreateCourseInput {
  @Field(() => ID)
  providerId: string;

  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => CourseKind)
  kind: CourseKind;

  @Field(() => Int, { description: `Length in hours, 1 to ${MAX_COURSE_HOURS}.` })
  @Min(1, { message: 'must be at least 1 hour' })
  @Max(MAX_COURSE_HOURS, { message: `must be at most ${MAX_COURSE_HOURS} hours` })
  hours: number;

  @Field(() => String, { defaultValue: '' })
  @Length(0, 5000)
  description: string;

  @Field(() => [String], { defaultValue: [], description: 'ESCO skill URIs of the skills the course teaches.' })
  skillsTaught: string[];

  @Field(() => Int, { description: 'Cost of one hour of attendance per person, in euro cents.' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_COST_PER_HOUR_CENTS, { message: `must be at most ${MAX_COST_PER_HOUR_CENTS} cents an hour` })
  costPerHourCents: number;
}

@InputType()
export class UpdateCourseInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused if it changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string | null;

  @Field(() => CourseKind, { nullable: true })
  kind?: CourseKind | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'must be at least 1 hour' })
  @Max(MAX_COURSE_HOURS, { message: `must be at most ${MAX_COURSE_HOURS} hours` })
  hours?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the skills taught.' })
  skillsTaught?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_COST_PER_HOUR_CENTS, { message: `must be at most ${MAX_COST_PER_HOUR_CENTS} cents an hour` })
  costPerHourCents?: number | null;
}

@InputType()
export class CoursesFilter {
  @Field(() => CourseKind, { nullable: true })
  kind?: CourseKind | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Courses teaching this ESCO skill.' })
  skillUri?: string | null;

  @Field(() => String, { nullable: true, description: 'Courses with an edition held in this municipality (cadastral code).' })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Text in the title, any case.' })
  @IsOptional()
  @Length(1, 100)
  search?: string | null;
}
