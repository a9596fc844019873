import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { publicContract, type SubgraphSdl } from './public-contract';
import { SUBGRAPHS } from './subgraphs';

const ROOT = join(__dirname, '..', '..', '..');
export const SUPERGRAPH_FILE = join(ROOT, 'supergraph.graphql');
/** The public contract: the elements tagged `@tag(name: "public")` only (see `public-contract.ts`). */
export const PUBLIC_SUPERGRAPH_FILE = join(ROOT, 'supergraph.public.graphql');

export interface ComposedSupergraph {
  /** Where it is committed. */
  file: string;
  supergraphSdl: string;
  hints: string[];
}

function compose(what: string, file: string, services: (SubgraphSdl & { url: string })[]): ComposedSupergraph {
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition of ${what} failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { file, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

/**
 * Composes both supergraphs from each subgraph's SDL, built in-process from the code (no running
 * services needed): the network graph the gateway serves at `/graphql`, and the public contract it
 * serves at `/public/graphql`, composed from the same SDLs with everything not tagged public made
 * `@inaccessible`. Composition hints are failures too: they flag fields no query plan can reach.
 */
export async function composeSupergraphs(): Promise<{ network: ComposedSupergraph; public: ComposedSupergraph }> {
  const services = await Promise.all(
    SUBGRAPHS.map(async (def) => ({
      name: def.name,
      url: `http://127.0.0.1:${def.defaultPort}/graphql`,
      typeDefs: parse((await def.buildSchema()).sdl),
    })),
  );
  const contract = publicContract(services);
  return {
    network: compose('the network graph', SUPERGRAPH_FILE, services),
    public: compose('the public contract', PUBLIC_SUPERGRAPH_FILE, services.map((s, i) => ({ ...s, typeDefs: contract.subgraphs[i]!.typeDefs }))),
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const composed = Object.values(await composeSupergraphs());
  const hints = composed.flatMap((c) => c.hints.map((h) => `${basename(c.file)}: ${h}`));
  if (hints.length) {
    process.stderr.write(`Composition hints:\n${hints.map((h) => `  - ${h}`).join('\n')}\n`);
    process.exit(1);
  }
  if (check) {
    let stale = false;
    for (const { file, supergraphSdl } of composed) {
      let committed = '';
      try {
        committed = readFileSync(file, 'utf8');
      } catch {
        // reported below as stale
      }
      if (committed === supergraphSdl) {
        process.stdout.write(`${basename(file)} is current.\n`);
      } else {
        process.stderr.write(`${basename(file)} is stale: run \`npm run compose\` and commit the result.\n`);
        stale = true;
      }
    }
    if (stale) process.exit(1);
    return;
  }
  for (const { file, supergraphSdl } of composed) {
    writeFileSync(file, supergraphSdl);
    process.stdout.write(`Wrote ${file}\n`);
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
