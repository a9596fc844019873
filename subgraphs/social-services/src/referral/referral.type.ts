import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ReferralStatus } from '../common/enums';
import { DateTime } from '../common/scalars';

@Entity('referral')
@ObjectType({ description: 'A closed-loop hand-off: a case manager refers a person to a partner, who answers and reports back.' })
@Directive('@key(fields: "id")')
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'from_organisation_id' })
  fromOrganisationId: string;

  @Column('uuid', { name: 'to_organisation_id' })
  toOrganisationId: string;

  @Column('uuid', { name: 'plan_step_id', nullable: true })
  planStepId: string | null;

  @Column('text')
  @Field(() => String)
  reason: string;

  @Column('varchar', { length: 20 })
  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Column('timestamptz', { name: 'sent_at' })
  @Field(() => DateTime)
  sentAt: Date;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  @Field(() => DateTime, { nullable: true })
  respondedAt: Date | null;

  @Column('text', { name: 'decline_reason', nullable: true })
  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Column('timestamptz', { name: 'first_contact_at', nullable: true })
  @Field(() => DateTime, { nullable: true, description: 'When the receiving partner first met the person.' })
  firstContactAt: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  @Field(() => DateTime, { nullable: true })
  completedAt: Date | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What came of the referral, as the receiving partner reports it.' })
  outcome: string | null;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}
