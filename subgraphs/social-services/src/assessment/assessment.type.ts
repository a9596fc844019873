import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AssessmentDimension, EmployabilityLevel } from '../common/enums';
import { LocalDate } from '../common/scalars';

@ObjectType({ description: 'One dimension of a multidimensional evaluation, scored 1 (great difficulty) to 5 (a strength).' })
export class DimensionScore {
  @Field(() => AssessmentDimension)
  dimension: AssessmentDimension;

  @Field(() => Int)
  score: number;
}

@Entity('assessment')
@ObjectType({ description: "The équipe's multidimensional evaluation of a person, yielding an employability level." })
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('date', { name: 'assessed_on' })
  @Field(() => LocalDate)
  assessedOn: string;

  @Column('jsonb')
  @Field(() => [DimensionScore])
  scores: DimensionScore[];

  @Column('varchar', { name: 'employability_level', length: 20 })
  @Field(() => EmployabilityLevel)
  employabilityLevel: EmployabilityLevel;

  @Column('text', { default: '' })
  @Field(() => String, { nullable: true, description: "Sensitive: visible to the case managers of the person's own social services only." })
  notes: string;

  @Column('uuid', { name: 'author_ids', array: true })
  authorIds: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
