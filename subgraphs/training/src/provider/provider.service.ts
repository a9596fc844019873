import { conflict, ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import { checkForeignId, checkMunicipality, unlessDuplicate } from '../common/rules';
import type { CreateTrainingProviderInput } from './provider.input';
import { TrainingProvider } from './provider.type';

export function checkProviderInput(input: CreateTrainingProviderInput): void {
  const problems = new ProblemList();
  checkForeignId(problems, 'input.organisationId', input.organisationId);
  checkMunicipality(problems, 'input.municipalityCode', input.municipalityCode);
  problems.throwIfAny();
}

/** An organisation is one provider, and a regional accreditation belongs to one provider. */
export async function createProvider(m: EntityManager, input: CreateTrainingProviderInput): Promise<string> {
  const repo = m.getRepository(TrainingProvider);
  if (await repo.existsBy({ organisationId: input.organisationId })) {
    throw conflict('This organisation is already registered as a training provider', 'input.organisationId');
  }
  if (await repo.existsBy({ accreditationCode: input.accreditationCode })) {
    throw conflict(`Another provider holds accreditation ${input.accreditationCode}`, 'input.accreditationCode');
  }
  const saved = await unlessDuplicate(() => repo.save(repo.create(input)), 'The training provider is already registered', 'input.organisationId');
  return saved.id;
}
