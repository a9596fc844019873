import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CertificationKind } from '../common/enums';
import { DateTime, LocalDate } from '../common/scalars';

@Entity('certification')
@ObjectType({ description: 'A certificate a training provider issued to a person.' })
@Directive('@key(fields: "id")')
export class Certification {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** The training body holding the record: the provider's organisation in the registry. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  /** The completed enrolment it certifies; none for competences validated outside a course. */
  @Column('uuid', { name: 'enrollment_id', nullable: true })
  enrollmentId: string | null;

  @Column('uuid', { name: 'provider_id' })
  providerId: string;

  @Column('varchar', { length: 30 })
  @Field(() => CertificationKind)
  kind: CertificationKind;

  @Column('varchar', { length: 300 })
  @Field(() => String)
  title: string;

  @Column('date', { name: 'issued_on' })
  @Field(() => LocalDate)
  issuedOn: string;

  /** ESCO skill URIs; exposed as `certifiedSkills: [Skill!]!`. */
  @Column('varchar', { name: 'certified_skills', length: 200, array: true, default: () => "'{}'" })
  certifiedSkillUris: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTime, { nullable: true })
  createdAt: Date;

  @VersionColumn()
  @Field(() => Int, { nullable: true })
  version: number;
}
