import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ContractType, DrivingLicence, VacancyStatus } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Directive(PUBLIC)
@Entity('vacancy')
@ObjectType({ description: 'A job opening at a company, described with ESCO occupation and skills so it can be matched to job seekers.' })
@Directive('@key(fields: "id")')
export class Vacancy {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  /** The employment centre that published the vacancy. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  title: string;

  @Column('text', { default: '' })
  @Field(() => String)
  @Directive(PUBLIC)
  description: string;

  @Column('text', { name: 'occupation_uri' })
  occupationUri: string;

  @Column('text', { name: 'required_skills', array: true, default: () => "'{}'" })
  requiredSkillUris: string[];

  @Column('text', { name: 'optional_skills', array: true, default: () => "'{}'" })
  optionalSkillUris: string[];

  @Column('char', { name: 'municipality_code', length: 4 })
  @Field(() => String, { description: 'Cadastral code of the municipality where the work is.' })
  @Directive(PUBLIC)
  municipalityCode: string;

  @Column('int', { name: 'weekly_hours' })
  @Field(() => Int)
  @Directive(PUBLIC)
  weeklyHours: number;

  @Column('varchar', { name: 'contract_type', length: 30 })
  @Field(() => ContractType)
  @Directive(PUBLIC)
  contractType: ContractType;

  @Column('varchar', { name: 'required_licences', length: 10, array: true, default: () => "'{}'" })
  @Field(() => [DrivingLicence])
  @Directive(PUBLIC)
  requiredLicences: DrivingLicence[];

  @Column('varchar', { length: 20 })
  @Field(() => VacancyStatus)
  @Directive(PUBLIC)
  status: VacancyStatus;

  @Column('date', { name: 'opened_on' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  openedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  @Directive(PUBLIC)
  closedOn: string | null;

  @Column('int')
  @Field(() => Int, { description: 'How many people the company wants to hire.' })
  @Directive(PUBLIC)
  positions: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
