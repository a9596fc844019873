import { conflict, partnerRecipient, ProblemList, publishEvent } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { checkEscoSkills, checkForeignId, checkNotFuture, referenced, unlessDuplicate } from '../common/rules';
import { Course } from '../course/course.type';
import { CourseEdition } from '../edition/edition.type';
import { Enrollment } from '../enrollment/enrollment.type';
import { TrainingProvider } from '../provider/provider.type';
import type { IssueCertificationInput } from './certification.input';
import { Certification } from './certification.type';

export function checkCertificationInput(input: IssueCertificationInput): void {
  const problems = new ProblemList();
  checkForeignId(problems, 'input.personId', input.personId);
  checkForeignId(problems, 'input.programmeId', input.programmeId);
  checkNotFuture(problems, 'input.issuedOn', input.issuedOn);
  if (!input.enrollmentId) {
    if (!input.programmeId) problems.add('input.programmeId', 'is required when no enrollment is given');
    if (!input.providerId) problems.add('input.providerId', 'is required when no enrollment is given');
  }
  checkEscoSkills(problems, 'input.certifiedSkills', input.certifiedSkills);
  // An attendance certificate states presence; skills are certified by an assessment.
  if (input.kind === 'ATTENDANCE' && input.certifiedSkills.length > 0) problems.add('input.certifiedSkills', 'an attendance certificate certifies no skills');
  if (input.kind === 'COMPETENCE_CERTIFICATION' && input.certifiedSkills.length === 0) problems.add('input.certifiedSkills', 'a certification of competences names at least one skill');
  problems.throwIfAny();
}

interface Issuer {
  programmeId: string;
  providerId: string;
}

/** A certificate for a course follows a COMPLETED enrolment of the same person and certifies only what the course teaches. */
async function issuerFromEnrollment(m: EntityManager, input: IssueCertificationInput, enrollmentId: string): Promise<Issuer> {
  const enrollment = await referenced(m, Enrollment, enrollmentId, 'input.enrollmentId', 'enrollment', true);
  const edition = await referenced(m, CourseEdition, enrollment.editionId, 'input.enrollmentId', 'course edition');
  const course = await referenced(m, Course, edition.courseId, 'input.enrollmentId', 'course');
  const problems = new ProblemList();
  if (enrollment.personId !== input.personId) problems.add('input.personId', 'is not the person of the enrollment');
  if (enrollment.status !== 'COMPLETED') problems.add('input.enrollmentId', `only a COMPLETED enrollment can be certified; this one is ${enrollment.status}`);
  else if (input.issuedOn < (enrollment.completedOn as string)) problems.add('input.issuedOn', `must not be before the course was completed (${enrollment.completedOn})`);
  if (input.programmeId && input.programmeId !== enrollment.programmeId) problems.add('input.programmeId', "is not the enrollment's programme");
  if (input.providerId && input.providerId !== course.providerId) problems.add('input.providerId', "is not the course's provider");
  const taught = new Set(course.skillsTaughtUris);
  input.certifiedSkills.forEach((uri, i) => {
    if (!taught.has(uri)) problems.add(`input.certifiedSkills.${i}`, `${uri} is not among the skills the course teaches`);
  });
  problems.throwIfAny();
  return { programmeId: enrollment.programmeId, providerId: course.providerId };
}

export async function issueCertification(m: EntityManager, input: IssueCertificationInput, organisationId: string): Promise<string> {
  let issuer: Issuer;
  if (input.enrollmentId) {
    issuer = await issuerFromEnrollment(m, input, input.enrollmentId);
    if (await m.getRepository(Certification).existsBy({ enrollmentId: input.enrollmentId, kind: input.kind })) {
      throw conflict(`The enrollment already has a ${input.kind} certificate`, 'input.enrollmentId');
    }
  } else {
    const provider = await referenced(m, TrainingProvider, input.providerId as string, 'input.providerId', 'training provider');
    issuer = { programmeId: input.programmeId as string, providerId: provider.id };
  }
  const repo = m.getRepository(Certification);
  const saved = await unlessDuplicate(() => repo.save(repo.create({
    personId: input.personId,
    programmeId: issuer.programmeId,
    enrollmentId: input.enrollmentId ?? null,
    providerId: issuer.providerId,
    organisationId,
    kind: input.kind,
    title: input.title,
    issuedOn: input.issuedOn,
    certifiedSkillUris: input.certifiedSkills,
  })), `The enrollment already has a ${input.kind} certificate`, 'input.enrollmentId');
  await certificationIssued(m, saved);
  return saved.id;
}

/**
 * Tells the training body's own systems and, through social services, the person's case team that a
 * certificate was issued. The skills it certifies travel as facts for the employment centre, which adds
 * them to the person's profile (see `employment-centre/src/events`); organisations' webhooks never see them.
 */
async function certificationIssued(m: EntityManager, c: Certification): Promise<void> {
  await publishEvent(m, {
    source: 'training',
    type: 'certification.issued',
    subject: { type: 'Certification', id: c.id },
    personId: c.personId,
    programmeId: c.programmeId,
    facts: { kind: c.kind, skills: c.certifiedSkillUris, issuedOn: c.issuedOn },
  }, [c.organisationId, partnerRecipient('social-services')]);
}
