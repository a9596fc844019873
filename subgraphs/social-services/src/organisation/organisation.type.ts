import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PUBLIC } from '@intreccio/shared';
import { OrganisationKind } from '../common/enums';

@Entity('organisation')
@Directive(PUBLIC)
@ObjectType({ description: "A partner in the network's registry: public bodies, training providers, company networks, companies." })
@Directive('@key(fields: "id")')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  name: string;

  @Column('varchar', { length: 40 })
  @Field(() => OrganisationKind)
  @Directive(PUBLIC)
  kind: OrganisationKind;

  @Column('char', { name: 'municipality_code', length: 4 })
  @Field(() => String, { description: 'Cadastral code of the municipality where the organisation sits.' })
  @Directive(PUBLIC)
  municipalityCode: string;

  @Column('varchar', { name: 'tax_code', length: 16, nullable: true })
  @Field(() => String, { nullable: true, description: 'Fiscal code or VAT number of the organisation.' })
  taxCode: string | null;

  @Column('varchar', { length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Number, { description: 'Incremented on every change; pass it back as expectedVersion to update safely.' })
  version: number;
}
