import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CourseEditionStatus } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Directive(PUBLIC)
@Entity('course_edition')
@ObjectType({ description: 'One run of a course: dates, place and seats.' })
@Directive('@key(fields: "id")')
export class CourseEdition {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('uuid', { name: 'course_id' })
  courseId: string;

  /** Set when a programme funds the edition; its enrolments then belong to that programme. */
  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  startDate: string;

  @Column('date', { name: 'end_date' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  endDate: string;

  @Column('int')
  @Field(() => Int)
  @Directive(PUBLIC)
  seats: number;

  @Column('char', { name: 'municipality_code', length: 4 })
  @Field(() => String, { description: 'Cadastral code of the municipality where the edition is held.' })
  @Directive(PUBLIC)
  municipalityCode: string;

  @Column('varchar', { length: 200 })
  @Field(() => String, { description: 'Where the lessons take place.' })
  @Directive(PUBLIC)
  venue: string;

  @Column('varchar', { length: 20 })
  @Field(() => CourseEditionStatus)
  @Directive(PUBLIC)
  status: CourseEditionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
