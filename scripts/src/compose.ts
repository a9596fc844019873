import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

export const SUPERGRAPH_FILE = join(__dirname, '..', '..', '..', 'supergraph.graphql');

/**
 * Composes the supergraph from each subgraph's SDL, built in-process from the code (no running
 * services needed). Composition hints are failures too: they flag fields no query plan can reach.
 */
export async function composeSupergraph(): Promise<{ supergraphSdl: string; hints: string[] }> {
  const services = await Promise.all(
    SUBGRAPHS.map(async (def) => ({
      name: def.name,
      url: `http://127.0.0.1:${def.defaultPort}/graphql`,
      typeDefs: parse((await def.buildSchema()).sdl),
    })),
  );
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { supergraphSdl, hints } = await composeSupergraph();
  if (hints.length) {
    process.stderr.write(`Composition hints:\n${hints.map((h) => `  - ${h}`).join('\n')}\n`);
    process.exit(1);
  }
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    } catch {
      // reported below as stale
    }
    if (committed !== supergraphSdl) {
      process.stderr.write('supergraph.graphql is stale: run `npm run compose` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('supergraph.graphql is current.\n');
    return;
  }
  writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
  process.stdout.write(`Wrote ${SUPERGRAPH_FILE}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
