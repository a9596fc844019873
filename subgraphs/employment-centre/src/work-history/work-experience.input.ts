import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { LocalDate } from '../common/scalars';

@InputType()
export class RecordWorkExperienceInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => String)
  @Length(1, 200)
  employerName: string;

  @Field(() => String, { nullable: true, description: 'ESCO occupation URI of the job, when known.' })
  occupationUri?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Omit while the job goes on.' })
  endDate?: string | null;

  @Field(() => String, { defaultValue: '' })
  @IsOptional()
  @Length(0, 5000)
  description: string;
}
