import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CompanySizeClass } from '../common/enums';
import { DateTime } from '../common/scalars';

@Directive(PUBLIC)
@Entity('company')
@ObjectType({ description: 'A company of the network (rete delle imprese): visited by scouting, host of internships, employer.' })
@Directive('@key(fields: "id")')
export class Company {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  name: string;

  @Column('char', { name: 'vat_number', length: 11 })
  @Field(() => String, { description: 'Partita IVA: 11 digits, unique in the network.' })
  @Directive(PUBLIC)
  vatNumber: string;

  @Column('varchar', { name: 'ateco_code', length: 8 })
  @Field(() => String, { description: 'ATECO code of the main activity, at class level (e.g. 55.10) or finer.' })
  @Directive(PUBLIC)
  atecoCode: string;

  @Column('varchar', { name: 'size_class', length: 10 })
  @Field(() => CompanySizeClass)
  @Directive(PUBLIC)
  sizeClass: CompanySizeClass;

  @Column('char', { name: 'municipality_code', length: 4 })
  @Field(() => String, { description: 'Cadastral code of the municipality where the company operates.' })
  @Directive(PUBLIC)
  municipalityCode: string;

  @Column('boolean', { name: 'social_cooperative_type_b' })
  @Field(() => Boolean, { description: 'A type B social cooperative, employing disadvantaged workers (L. 381/1991).' })
  @Directive(PUBLIC)
  socialCooperativeTypeB: boolean;

  @Column('boolean', { name: 'listed_in_directory' })
  @Field(() => Boolean, { description: 'The company chose to appear in the public directory.' })
  @Directive(PUBLIC)
  listedInDirectory: boolean;

  @Column('boolean', { name: 'solidarity_network_member' })
  @Field(() => Boolean, { description: 'Member of the solidarity company network.' })
  @Directive(PUBLIC)
  solidarityNetworkMember: boolean;

  /** The company's organisation in the registry, for host companies whose staff sign in. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => DateTime)
  updatedAt: Date;

  @VersionColumn()
  @Field(() => Int, { description: 'Incremented on every change; pass it back as expectedVersion to update safely.' })
  version: number;
}
