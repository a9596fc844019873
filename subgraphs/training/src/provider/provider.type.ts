import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PUBLIC } from '@intreccio/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { DateTime } from '../common/scalars';

@Directive(PUBLIC)
@Entity('training_provider')
@ObjectType({ description: 'A training body (agenzia formativa) accredited by the region.' })
@Directive('@key(fields: "id")')
export class TrainingProvider {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  @Directive(PUBLIC)
  id: string;

  @Column('varchar', { length: 200 })
  @Field(() => String)
  @Directive(PUBLIC)
  name: string;

  /** The provider's organisation in the network registry, kept by social services. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('varchar', { name: 'accreditation_code', length: 30 })
  @Field(() => String, { description: 'Regional accreditation code as the region issues it, e.g. FI0731.' })
  @Directive(PUBLIC)
  accreditationCode: string;

  @Column('char', { name: 'municipality_code', length: 4 })
  @Field(() => String, { description: 'Cadastral code of the municipality where the provider sits.' })
  @Directive(PUBLIC)
  municipalityCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime)
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int, { description: 'Incremented on every change; pass it back as expectedVersion to update safely.' })
  version: number;
}
