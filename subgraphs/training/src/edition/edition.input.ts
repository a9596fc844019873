import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Matches, Max, Min } from 'class-validator';
import { CourseEditionStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';
import { CADASTRAL } from '../provider/provider.input';

export const MAX_SEATS = 500;

@InputType()
export class ScheduleCourseEditionInput {
  @Field(() => ID)
  courseId: string;

  @Field(() => ID, { nullable: true, description: 'The programme funding the edition, if any.' })
  programmeId?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => Int, { description: `Seats, 1 to ${MAX_SEATS}.` })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_SEATS, { message: `must be at most ${MAX_SEATS}` })
  seats: number;

  @Field(() => String, { description: 'Cadastral code of the municipality where the edition is held.' })
  @Matches(CADASTRAL, { message: 'must be a cadastral code such as D612' })
  municipalityCode: string;

  @Field(() => String)
  @Length(1, 200)
  venue: string;
}

@InputType()
export class ChangeEditionStatusInput {
  @Field(() => ID)
  editionId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => CourseEditionStatus, { description: 'RUNNING, COMPLETED or CANCELLED.' })
  status: CourseEditionStatus;

  @Field(() => LocalDate, { nullable: true, description: 'When the change happens (default today); a cancellation withdraws enrolments on this date.' })
  effectiveOn?: string | null;
}

@InputType()
export class CourseEditionsFilter {
  @Field(() => ID, { nullable: true })
  courseId?: string | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => CourseEditionStatus, { nullable: true })
  status?: CourseEditionStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'Editions starting on or after this date.' })
  startsAfter?: string | null;
}
