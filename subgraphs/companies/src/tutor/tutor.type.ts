import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { DateTime } from '../common/scalars';

@Entity('company_tutor')
@ObjectType({ description: "A company's employee who tutors interns at work (tutor aziendale)." })
export class CompanyTutor {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  name: string;

  @Column('varchar', { length: 200 })
  @Field(() => String, { description: 'The tutor’s job in the company.' })
  role: string;

  @Column('varchar', { length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Column('boolean')
  @Field(() => Boolean, { description: 'Only active tutors take new interns.' })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
