import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PlanStatus, PlanStepKind, PlanStepStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

@Entity('personal_plan')
@ObjectType({ description: 'The personalised project: goals and steps, each owned by a partner, signed by the person.' })
export class PersonalPlan {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'assessment_id', nullable: true })
  assessmentId: string | null;

  @Column('varchar', { length: 20 })
  @Field(() => PlanStatus)
  status: PlanStatus;

  @Column('text')
  @Field(() => String)
  goals: string;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  startDate: string;

  @Column('date', { name: 'end_date' })
  @Field(() => LocalDate)
  endDate: string;

  @Column('date', { name: 'signed_on', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'Date the person signed the plan.' })
  signedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}

@Entity('plan_step')
@ObjectType({ description: 'A step of a personal plan, owned by one partner organisation.' })
export class PlanStep {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Column('int')
  @Field(() => Int)
  position: number;

  @Column('varchar', { length: 30 })
  @Field(() => PlanStepKind)
  kind: PlanStepKind;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('text', { default: '' })
  @Field(() => String)
  description: string;

  @Column('varchar', { length: 20 })
  @Field(() => PlanStepStatus)
  status: PlanStepStatus;

  @Column('date', { name: 'planned_start', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  plannedStart: string | null;

  @Column('date', { name: 'planned_end', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  plannedEnd: string | null;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}
