import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayUnique, IsOptional, ValidateNested } from 'class-validator';
import { DrivingLicence, IscedLevel, ProfilingClass, WorkShift } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class LanguageInput {
  @Field(() => String, { description: 'ISO 639-1 code, e.g. it, ar, en.' })
  language: string;

  @Field(() => String, { description: 'CEFR level: A1, A2, B1, B2, C1 or C2.' })
  level: string;
}

@InputType()
export class RegisterJobSeekerInput {
  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  programmeId: string;

  @Field(() => LocalDate, { description: 'Date of the declaration of immediate availability (DID).' })
  registeredOn: string;

  @Field(() => ProfilingClass)
  profilingClass: ProfilingClass;

  @Field(() => IscedLevel)
  educationLevel: IscedLevel;

  @Field(() => [LanguageInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  languages: LanguageInput[];

  @Field(() => [DrivingLicence], { defaultValue: [] })
  @ArrayUnique()
  drivingLicences: DrivingLicence[];

  @Field(() => Int, { description: 'Hours a week the person is available for, 1 to 48.' })
  weeklyHours: number;

  @Field(() => [WorkShift], { defaultValue: [] })
  @ArrayUnique()
  shifts: WorkShift[];

  @Field(() => Int, { description: 'How far the person can travel to work, in km (0 to 200).' })
  mobilityRadiusKm: number;

  @Field(() => String, { description: 'Cadastral code of the municipality where the person lives now.' })
  domicileMunicipalityCode: string;

  @Field(() => [String], { defaultValue: [], description: 'ESCO occupation URIs the person wants to work in.' })
  @ArrayMaxSize(10)
  desiredOccupations: string[];
}

@InputType()
export class UpdateJobSeekerProfileInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update is refused if it changed since.' })
  expectedVersion?: number | null;

  @Field(() => ProfilingClass, { nullable: true })
  profilingClass?: ProfilingClass | null;

  @Field(() => IscedLevel, { nullable: true })
  educationLevel?: IscedLevel | null;

  @Field(() => [LanguageInput], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  languages?: LanguageInput[] | null;

  @Field(() => [DrivingLicence], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayUnique()
  drivingLicences?: DrivingLicence[] | null;

  @Field(() => Int, { nullable: true })
  weeklyHours?: number | null;

  @Field(() => [WorkShift], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayUnique()
  shifts?: WorkShift[] | null;

  @Field(() => Int, { nullable: true })
  mobilityRadiusKm?: number | null;

  @Field(() => String, { nullable: true })
  domicileMunicipalityCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(10)
  desiredOccupations?: string[] | null;
}

@InputType()
export class JobSeekersFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => ProfilingClass, { nullable: true })
  profilingClass?: ProfilingClass | null;

  @Field(() => String, { nullable: true, description: 'Job seekers who want this ESCO occupation.' })
  occupationUri?: string | null;
}
