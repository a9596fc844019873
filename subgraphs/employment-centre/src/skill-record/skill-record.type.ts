import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SkillLevel, SkillSource } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('skill_record')
@ObjectType({ description: "A skill the employment centre recorded for a person: one per person and skill, raised when stronger evidence arrives." })
export class SkillRecord {
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

  @Column('text', { name: 'skill_uri' })
  skillUri: string;

  @Column('varchar', { length: 20 })
  @Field(() => SkillLevel)
  level: SkillLevel;

  @Column('varchar', { length: 30 })
  @Field(() => SkillSource, { nullable: true })
  source: SkillSource;

  @Column('date', { name: 'recorded_on' })
  @Field(() => LocalDate, { nullable: true })
  recordedOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int, { nullable: true })
  version: number;
}
