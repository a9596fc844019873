import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ConsentPurpose, ConsentStatus } from '../common/enums';
import { LocalDate } from '../common/scalars';

@Entity('consent')
@ObjectType({ description: "A person's consent for one organisation to see their data for a purpose." })
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('varchar', { length: 30 })
  @Field(() => ConsentPurpose)
  purpose: ConsentPurpose;

  @Column('varchar', { length: 20 })
  @Field(() => ConsentStatus)
  status: ConsentStatus;

  @Column('date', { name: 'given_on' })
  @Field(() => LocalDate)
  givenOn: string;

  @Column('date', { name: 'revoked_on', nullable: true })
  @Field(() => LocalDate, { nullable: true })
  revokedOn: string | null;

  @VersionColumn()
  @Field(() => Number)
  version: number;
}
