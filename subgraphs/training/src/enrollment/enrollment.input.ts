import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Max, Min } from 'class-validator';
import { EnrollmentStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';
import { MAX_COURSE_HOURS } from '../course/course.input';

@InputType()
export class EnrollPersonInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID, { description: 'The programme under which the person takes the course; that of the edition when a programme funds it.' })
  programmeId: string;

  @Field(() => ID)
  editionId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Default today.' })
  enrolledOn?: string | null;
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => Int, { description: 'Hours attended, added to those already recorded.' })
  @Min(1, { message: 'must be at least 1 hour' })
  @Max(MAX_COURSE_HOURS, { message: `must be at most ${MAX_COURSE_HOURS} hours` })
  hours: number;
}

@InputType()
export class CompleteEnrollmentInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate)
  completedOn: string;
}

@InputType()
export class WithdrawEnrollmentInput {
  @Field(() => ID)
  enrollmentId: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate)
  withdrawnOn: string;

  @Field(() => String)
  @Length(1, 1000)
  reason: string;
}

@InputType()
export class EnrollmentsFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  editionId?: string | null;

  @Field(() => EnrollmentStatus, { nullable: true })
  status?: EnrollmentStatus | null;
}
