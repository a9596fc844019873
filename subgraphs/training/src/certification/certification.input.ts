import { Field, ID, InputType } from 'type-graphql';
import { Length } from 'class-validator';
import { CertificationKind } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class IssueCertificationInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID, { nullable: true, description: "The completed enrolment certified; omit for competences validated outside a course." })
  enrollmentId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the enrolment's programme; required without an enrolment." })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: "The issuing provider: the course's provider with an enrolment, required without one." })
  providerId?: string | null;

  @Field(() => CertificationKind)
  kind: CertificationKind;

  @Field(() => String)
  @Length(1, 300)
  title: string;

  @Field(() => LocalDate)
  issuedOn: string;

  @Field(() => [String], { defaultValue: [], description: 'ESCO skill URIs certified; with an enrolment, among the skills the course teaches.' })
  certifiedSkills: string[];
}
