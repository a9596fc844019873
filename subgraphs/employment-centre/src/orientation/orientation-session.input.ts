import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { OrientationSessionKind } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class RecordOrientationSessionInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => LocalDate)
  heldOn: string;

  @Field(() => OrientationSessionKind)
  kind: OrientationSessionKind;

  @Field(() => Int, { description: 'Minutes, 1 to 600.' })
  durationMinutes: number;

  @Field(() => String)
  @Length(2, 200)
  operatorName: string;

  @Field(() => String, { defaultValue: '' })
  @IsOptional()
  @Length(0, 5000)
  summary: string;
}
