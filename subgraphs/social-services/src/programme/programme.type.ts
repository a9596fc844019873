import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PUBLIC } from '@intreccio/shared';
import { LocalDate } from '../common/scalars';

@Entity('programme')
@Directive(PUBLIC)
@ObjectType({ description: 'A funded work-inclusion programme run by a lead body with its partners over a territory.' })
@Directive('@key(fields: "id")')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('varchar', { length: 40, unique: true })
  @Field(() => String, { description: 'Short unique code, e.g. PROGRESSIVE2.' })
  @Directive(PUBLIC)
  code: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  name: string;

  @Column('text', { default: '' })
  @Field(() => String)
  @Directive(PUBLIC)
  description: string;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;

  @Column('char', { name: 'territory', length: 4, array: true })
  @Field(() => [String], { description: 'Cadastral codes of the municipalities the programme covers.' })
  @Directive(PUBLIC)
  territory: string[];

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  startDate: string;

  @Column('date', { name: 'end_date' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  endDate: string;

  @Column('bigint', { name: 'budget_cents', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => GraphQLSafeInt, { description: 'Total budget in euro cents.' })
  @Directive(PUBLIC)
  budgetCents: number;

  @Column('int', { name: 'referral_response_days' })
  @Field(() => Int, { description: 'Days a partner has to answer a referral before it is flagged.' })
  referralResponseDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}

@Entity('programme_partner')
@Directive(PUBLIC)
@ObjectType({ description: 'An organisation taking part in a programme.' })
export class ProgrammePartner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('varchar', { length: 200, default: '' })
  @Field(() => String, { description: 'What the partner does in this programme.' })
  @Directive(PUBLIC)
  role: string;

  @Column('date', { name: 'joined_on' })
  @Field(() => LocalDate)
  @Directive(PUBLIC)
  joinedOn: string;
}
