import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ContractType } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('hire')
@ObjectType({ description: 'A person hired by a company, as the mandatory notice of hiring (comunicazione obbligatoria) reports it.' })
@Directive('@key(fields: "id")')
export class Hire {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The employment centre that holds the record. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('uuid', { name: 'vacancy_id', nullable: true })
  vacancyId: string | null;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  startDate: string;

  @Column('date', { name: 'end_date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'Planned end of a fixed-term contract; null when open-ended.' })
  endDate: string | null;

  @Column('varchar', { name: 'contract_type', length: 30 })
  @Field(() => ContractType)
  contractType: ContractType;

  @Column('int', { name: 'weekly_hours' })
  @Field(() => Int)
  weeklyHours: number;

  @Column('int', { name: 'gross_monthly_wage_cents' })
  @Field(() => Int, { description: 'Gross monthly wage in euro cents.' })
  grossMonthlyWageCents: number;

  @Column('text', { name: 'occupation_uri' })
  occupationUri: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}

@Entity('follow_up_check')
@ObjectType({ description: 'A check, 6 or 12 months after hiring, of whether the person is still in work.' })
export class FollowUpCheck {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'hire_id' })
  hireId: string;

  @Column('int', { name: 'months_after' })
  @Field(() => Int, { description: '6 or 12.' })
  monthsAfter: number;

  @Column('date', { name: 'checked_on' })
  @Field(() => LocalDate)
  checkedOn: string;

  @Column('boolean', { name: 'still_employed' })
  @Field(() => Boolean)
  stillEmployed: boolean;

  @Column('text', { default: '' })
  @Field(() => String)
  note: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
