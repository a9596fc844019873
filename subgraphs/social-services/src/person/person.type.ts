import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Sex, TargetGroup } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('person')
@ObjectType({
  description: 'A person in the care of social services. The fiscal code is data, never a key. Every field but the id is visible only as the access rules allow (see the README), so each may be null with a FORBIDDEN error.',
})
@Directive('@key(fields: "id")')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('varchar', { name: 'fiscal_code', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: 'Codice fiscale: 16 characters, or the 11-digit provisional code.' })
  fiscalCode: string | null;

  @Column('varchar', { name: 'given_name', length: 100 })
  @Field(() => String, { nullable: true })
  givenName: string;

  @Column('varchar', { name: 'family_name', length: 100 })
  @Field(() => String, { nullable: true })
  familyName: string;

  @Column('date', { name: 'birth_date' })
  @Field(() => LocalDate, { nullable: true })
  birthDate: string;

  @Column('varchar', { length: 6 })
  @Field(() => Sex, { nullable: true })
  sex: Sex;

  @Column('char', { name: 'birth_place_code', length: 4 })
  @Field(() => String, { nullable: true, description: 'Cadastral code of the birth municipality, or Z code of the foreign state.' })
  birthPlaceCode: string;

  @Column('char', { name: 'residence_municipality_code', length: 4 })
  @Field(() => String, { nullable: true, description: 'Cadastral code of the municipality of residence.' })
  residenceMunicipalityCode: string;

  @Column('varchar', { length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;

  @Column('varchar', { length: 40, nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Column('uuid', { name: 'registered_by_organisation_id', nullable: true })
  registeredByOrganisationId: string | null;

  @Column('varchar', { name: 'target_groups', length: 40, array: true, default: () => "'{}'" })
  @Field(() => [TargetGroup], { nullable: true, description: 'Special-category data (GDPR art. 9).' })
  targetGroups: TargetGroup[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Number, { nullable: true })
  version: number;
}

@ObjectType({ description: 'An Italian municipality or foreign state, from the official registers.' })
export class Place {
  @Field(() => String, { description: 'Cadastral (Belfiore) code.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'Province abbreviation; EE for foreign states.' })
  province: string | null;
}
