import { Field, Float, ObjectType } from 'type-graphql';
import { DrivingLicence } from '../common/enums';
import { Skill } from '../esco/esco.type';
import { PersonRef } from '../federation/references';
import { Vacancy } from '../vacancy/vacancy.type';

@ObjectType({ description: 'Why a person and a vacancy match as they do, part by part.' })
export class MatchExplanation {
  @Field(() => [Skill], { description: "Required skills of the vacancy the person has." })
  coveredSkills: Skill[];

  @Field(() => [Skill], { description: 'Required skills the person lacks: where training would help.' })
  missingSkills: Skill[];

  @Field(() => [Skill], { description: 'Optional skills of the vacancy the person has.' })
  optionalSkillsCovered: Skill[];

  @Field(() => Float, { nullable: true, description: "Straight-line km from the person's domicile to the workplace; null if either municipality is unknown." })
  distanceKm: number | null;

  @Field(() => Boolean, { description: 'The workplace is within the distance the person can travel.' })
  withinMobilityRadius: boolean;

  @Field(() => Boolean, { description: "The vacancy's weekly hours are no more than the person is available for." })
  hoursFit: boolean;

  @Field(() => [DrivingLicence], { description: 'Licences the vacancy requires that the person does not hold.' })
  missingLicences: DrivingLicence[];

  @Field(() => Boolean, { description: "The vacancy's occupation is one the person wants." })
  desiredOccupation: boolean;

  @Field(() => String, { nullable: true, description: 'The explanation in one sentence, for people.' })
  summary: string;
}

@ObjectType({ description: 'A job seeker and an open vacancy, scored from 0 (no fit) to 1 (perfect fit) with the reasons.' })
export class Match {
  @Field(() => Vacancy)
  vacancy: Vacancy;

  @Field(() => PersonRef, { nullable: true, description: 'The job seeker; companies see the pseudonymised `candidate` instead.' })
  person: PersonRef;

  @Field(() => Float)
  score: number;

  @Field(() => MatchExplanation)
  explanation: MatchExplanation;
}
