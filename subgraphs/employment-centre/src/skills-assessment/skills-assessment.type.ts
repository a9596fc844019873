import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { SkillLevel, SkillsAssessmentStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

/** A skill as stored in an assessment: its ESCO URI and the level found. */
export interface AssessedSkillRow {
  uri: string;
  level: SkillLevel;
}

@Entity('skills_assessment')
@ObjectType({ description: 'A skills assessment (bilancio di competenze). Completing it records the skills it found on the person.' })
export class SkillsAssessment {
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

  @Column('date', { name: 'started_on' })
  @Field(() => LocalDate)
  startedOn: string;

  @Column('date', { name: 'completed_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  completedOn: string | null;

  @Column('varchar', { length: 20 })
  @Field(() => SkillsAssessmentStatus)
  status: SkillsAssessmentStatus;

  @Column('varchar', { name: 'operator_name', length: 200 })
  @Field(() => String, { description: 'The operator conducting the assessment.' })
  operatorName: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The report shared with the case team, once completed.' })
  summary: string | null;

  @Column('jsonb', { name: 'assessed_skills', default: () => "'[]'" })
  assessedSkillRows: AssessedSkillRow[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
