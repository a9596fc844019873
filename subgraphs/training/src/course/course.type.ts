import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CourseKind } from '../common/enums';
import { DateTime } from '../common/scalars';

@Directive(PUBLIC)
@Entity('course')
@ObjectType({ description: "A course in a training provider's catalogue; it runs in editions." })
@Directive('@key(fields: "id")')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('uuid', { name: 'provider_id' })
  providerId: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  title: string;

  @Column('varchar', { length: 30 })
  @Field(() => CourseKind)
  @Directive(PUBLIC)
  kind: CourseKind;

  @Column('int')
  @Field(() => Int, { description: 'Length of the course in hours.' })
  @Directive(PUBLIC)
  hours: number;

  @Column('text', { default: '' })
  @Field(() => String)
  @Directive(PUBLIC)
  description: string;

  /** ESCO skill URIs; exposed as `skillsTaught: [Skill!]!`. */
  @Column('varchar', { name: 'skills_taught', length: 200, array: true, default: () => "'{}'" })
  skillsTaughtUris: string[];

  @Column('int', { name: 'cost_per_hour_cents' })
  @Field(() => Int, { description: 'Cost of one hour of attendance per person, in euro cents.' })
  costPerHourCents: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
