import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { BenefitKind } from '../common/enums';
import { LocalDate } from '../common/scalars';

@Entity('benefit')
@ObjectType({ description: 'Welfare support paid to a person; the savings ledger counts what work makes unnecessary.' })
export class Benefit {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'paying_organisation_id' })
  payingOrganisationId: string;

  @Column('varchar', { length: 30 })
  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Column('int', { name: 'monthly_amount_cents' })
  @Field(() => Int, { description: 'Monthly amount in euro cents.' })
  monthlyAmountCents: number;

  @Column('date', { name: 'start_date' })
  @Field(() => LocalDate)
  startDate: string;

  @Column('date', { name: 'end_date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'When the support stopped; null while it is paid.' })
  endDate: string | null;

  @Column('date', { name: 'entitlement_end_date', nullable: true })
  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the entitlement ends, had the person not found work (a support granted for a fixed term); null when open-ended. The savings ledger counts the months the support would have run up to it.',
  })
  entitlementEndDate: string | null;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}
