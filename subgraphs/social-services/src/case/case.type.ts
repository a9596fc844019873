import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CaseClosureReason, CaseStatus, CaseTeamRole } from '../common/enums';
import { LocalDate } from '../common/scalars';

@Entity('case_file')
@ObjectType('Case', { description: 'A person taken in charge by social services within a programme (presa in carico).' })
@Directive('@key(fields: "id")')
export class Case {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'owner_organisation_id' })
  ownerOrganisationId: string;

  @Column('varchar', { length: 20 })
  @Field(() => CaseStatus)
  status: CaseStatus;

  @Column('date', { name: 'opened_on' })
  @Field(() => LocalDate, { description: 'Date the person was taken in charge.' })
  openedOn: string;

  @Column('date', { name: 'closed_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Column('varchar', { name: 'closure_reason', length: 30, nullable: true })
  @Field(() => CaseClosureReason, { nullable: true })
  closureReason: CaseClosureReason | null;

  @Column('varchar', { name: 'case_manager_name', length: 200 })
  @Field(() => String, { description: 'The social worker (assistente sociale) leading the case.' })
  caseManagerName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}

@Entity('case_team_member')
@ObjectType({ description: "A professional of a partner organisation on a person's case team (équipe)." })
export class CaseTeamMember {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('varchar', { length: 40 })
  @Field(() => CaseTeamRole)
  role: CaseTeamRole;

  @Column('varchar', { name: 'operator_name', length: 200 })
  @Field(() => String)
  operatorName: string;

  @Column('date', { name: 'joined_on' })
  @Field(() => LocalDate)
  joinedOn: string;

  @Column('date', { name: 'left_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  leftOn: string | null;
}
