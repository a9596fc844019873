import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayUnique, IsOptional, Length } from 'class-validator';
import { ContractType, DrivingLicence, VacancyStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

@InputType()
export class CreateVacancyInput {
  @Field(() => ID, { description: 'The company offering the job (from the companies subgraph).' })
  companyId: string;

  @Field(() => ID, { nullable: true, description: 'The programme the vacancy was found for, if any.' })
  programmeId?: string | null;

  @Field(() => String)
  @Length(2, 200)
  title: string;

  @Field(() => String, { defaultValue: '' })
  @IsOptional()
  @Length(0, 10000)
  description: string;

  @Field(() => String, { description: 'ESCO occupation URI.' })
  occupationUri: string;

  @Field(() => [String], { defaultValue: [], description: 'ESCO skill URIs a candidate must have.' })
  @ArrayMaxSize(50)
  requiredSkills: string[];

  @Field(() => [String], { defaultValue: [], description: 'ESCO skill URIs that count in a candidate’s favour.' })
  @ArrayMaxSize(50)
  optionalSkills: string[];

  @Field(() => String, { description: 'Cadastral code of the municipality where the work is.' })
  municipalityCode: string;

  @Field(() => Int, { description: '1 to 48.' })
  weeklyHours: number;

  @Field(() => ContractType)
  contractType: ContractType;

  @Field(() => [DrivingLicence], { defaultValue: [] })
  @ArrayUnique()
  requiredLicences: DrivingLicence[];

  @Field(() => LocalDate)
  openedOn: string;

  @Field(() => Int, { defaultValue: 1, description: 'How many people the company wants to hire; at least 1.' })
  positions: number;
}

@InputType()
export class UpdateVacancyInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(50)
  requiredSkills?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(50)
  optionalSkills?: string[] | null;

  @Field(() => String, { nullable: true })
  municipalityCode?: string | null;

  @Field(() => Int, { nullable: true })
  weeklyHours?: number | null;

  @Field(() => ContractType, { nullable: true })
  contractType?: ContractType | null;

  @Field(() => [DrivingLicence], { nullable: true, description: 'Replaces the list.' })
  @IsOptional()
  @ArrayUnique()
  requiredLicences?: DrivingLicence[] | null;

  @Field(() => Int, { nullable: true })
  positions?: number | null;

  @Field(() => VacancyStatus, { nullable: true, description: 'CLOSED closes the vacancy (with closedOn); a closed vacancy does not reopen.' })
  status?: VacancyStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'Required when closing.' })
  closedOn?: string | null;
}

@InputType()
export class CloseVacancyInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => LocalDate)
  closedOn: string;
}

@InputType()
export class VacanciesFilter {
  @Field(() => VacancyStatus, { nullable: true })
  status?: VacancyStatus | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;

  @Field(() => String, { nullable: true })
  occupationUri?: string | null;

  @Field(() => String, { nullable: true, description: 'Cadastral code of the workplace municipality.' })
  municipalityCode?: string | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;
}
