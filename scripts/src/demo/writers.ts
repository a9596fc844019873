import type { DataSource } from 'typeorm';
import { seedCompanies, isCompaniesSeeded } from './companies';
import { seedEmploymentCentre, isEmploymentCentreSeeded } from './employment-centre';
import { isSeeded, seedSocialServices } from './generator';
import { seedTraining, isTrainingSeeded } from './training';

export interface SeedRun {
  persons: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

/** How each subgraph's database is filled with its part of the same deterministic network. */
export interface DemoWriter {
  isSeeded(dataSource: DataSource): Promise<boolean>;
  seed(dataSource: DataSource, run: SeedRun): Promise<{ skipped: boolean; counts: Record<string, number> }>;
}

export const DEMO_WRITERS: Readonly<Record<string, DemoWriter>> = {
  'social-services': { isSeeded, seed: seedSocialServices },
  'employment-centre': { isSeeded: isEmploymentCentreSeeded, seed: seedEmploymentCentre },
  training: { isSeeded: isTrainingSeeded, seed: seedTraining },
  companies: { isSeeded: isCompaniesSeeded, seed: seedCompanies },
};
