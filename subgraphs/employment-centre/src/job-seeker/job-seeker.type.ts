import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DrivingLicence, IscedLevel, ProfilingClass, WorkShift } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@ObjectType({ description: 'A language the person speaks, with the CEFR level.' })
export class LanguageSkill {
  @Field(() => String, { description: 'ISO 639-1 code, e.g. it, ar, en.' })
  language: string;

  @Field(() => String, { description: 'CEFR level: A1, A2, B1, B2, C1 or C2.' })
  level: string;
}

@Entity('job_seeker_profile')
@ObjectType({ description: "A person's registration as a job seeker at the employment centre within a programme: one per person and programme." })
@Directive('@key(fields: "id")')
export class JobSeekerProfile {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'employment_centre_id' })
  employmentCentreId: string;

  @Column('date', { name: 'registered_on' })
  @Field(() => LocalDate, { nullable: true, description: 'Date of the declaration of immediate availability (DID).' })
  registeredOn: string;

  @Column('varchar', { name: 'profiling_class', length: 20 })
  @Field(() => ProfilingClass, { nullable: true })
  profilingClass: ProfilingClass;

  @Column('varchar', { name: 'education_level', length: 40 })
  @Field(() => IscedLevel)
  educationLevel: IscedLevel;

  @Column('jsonb', { default: () => "'[]'" })
  @Field(() => [LanguageSkill])
  languages: LanguageSkill[];

  @Column('varchar', { name: 'driving_licences', length: 10, array: true, default: () => "'{}'" })
  @Field(() => [DrivingLicence])
  drivingLicences: DrivingLicence[];

  @Column('int', { name: 'weekly_hours' })
  @Field(() => Int, { description: 'Hours a week the person is available for.' })
  weeklyHours: number;

  @Column('varchar', { length: 20, array: true, default: () => "'{}'" })
  @Field(() => [WorkShift])
  shifts: WorkShift[];

  @Column('int', { name: 'mobility_radius_km' })
  @Field(() => Int, { description: 'How far from home the person can travel to work, in km.' })
  mobilityRadiusKm: number;

  @Column('char', { name: 'domicile_municipality_code', length: 4 })
  @Field(() => String, { nullable: true, description: 'Cadastral code of the municipality where the person lives now.' })
  domicileMunicipalityCode: string;

  @Column('text', { name: 'desired_occupations', array: true, default: () => "'{}'" })
  desiredOccupationUris: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int, { nullable: true })
  version: number;
}
