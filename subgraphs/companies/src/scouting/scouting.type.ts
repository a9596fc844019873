import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { OpportunityKind, OpportunityStatus, ScoutingOutcome } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('scouting_visit')
@ObjectType({ description: 'A visit of the company network to a company, looking for work opportunities for the programme.' })
export class ScoutingVisit {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('date', { name: 'visited_on' })
  @Field(() => LocalDate)
  visitedOn: string;

  @Column('varchar', { name: 'operator_name', length: 200 })
  @Field(() => String, { description: 'The company-network operator who made the visit.' })
  operatorName: string;

  @Column('varchar', { length: 20 })
  @Field(() => ScoutingOutcome)
  outcome: ScoutingOutcome;

  @Column('text')
  @Field(() => String)
  notes: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;
}

@Entity('opportunity')
@ObjectType({ description: 'A work opportunity found while scouting a company: a hire, an internship, or indirect work.' })
export class Opportunity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'company_id' })
  companyId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'scouting_visit_id' })
  scoutingVisitId: string;

  @Column('date', { name: 'found_on' })
  @Field(() => LocalDate, { description: 'The day of the visit that found it.' })
  foundOn: string;

  @Column('varchar', { length: 20 })
  @Field(() => OpportunityKind)
  kind: OpportunityKind;

  @Column('varchar', { name: 'occupation_uri', length: 200, nullable: true })
  occupationUri: string | null;

  @Column('int')
  @Field(() => Int)
  positions: number;

  @Column('varchar', { length: 10 })
  @Field(() => OpportunityStatus)
  status: OpportunityStatus;

  @Column('text')
  @Field(() => String)
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int)
  version: number;
}
