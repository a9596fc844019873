import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('allowance_payment')
@ObjectType({ description: 'The internship allowance paid for one calendar month.' })
export class AllowancePayment {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'internship_id' })
  internshipId: string;

  /** Copied from the internship so programme totals are one grouped read. */
  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('char', { length: 7 })
  @Field(() => String, { description: "The month paid for, as 'YYYY-MM'." })
  month: string;

  @Column('int', { name: 'amount_cents' })
  @Field(() => Int, { description: 'In euro cents; below the monthly allowance for a partial month.' })
  amountCents: number;

  @Column('date', { name: 'paid_on' })
  @Field(() => LocalDate)
  paidOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;
}
