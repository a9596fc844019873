import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ParsedConfig<S extends z.ZodRawShape> {
  values: z.infer<z.ZodObject<S>>;
  problems: string[];
}

/**
 * Parses environment variables against a schema whose keys are the variable names, one variable at a
 * time, so that every problem is reported at once: an operator fixes the deployment in one pass rather
 * than one error per restart. Callers add their own cross-field problems before throwing.
 */
export function parseEnv<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): ParsedConfig<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const result = (schema as z.ZodType).safeParse(env[key]);
    if (result.success) values[key] = result.data;
    else problems.push(...result.error.issues.map((i) => `${key}: ${i.message}`));
  }
  return { values: values as z.infer<z.ZodObject<S>>, problems };
}

export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const { values, problems } = parseEnv(shape, env);
  if (problems.length) throw new ConfigError(problems);
  return values;
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

export const nodeEnv = z.enum(['development', 'production', 'test']).default('development');

/**
 * A subgraph's database: its own URL wins; otherwise the shared server URL with the subgraph's own
 * database name appended.
 */
export function databaseUrlFor(serverUrl: string | undefined, ownUrl: string | undefined, databaseName: string): string | undefined {
  if (ownUrl) return ownUrl;
  if (!serverUrl) return undefined;
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
