import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables against a schema whose keys are the variable names. Every problem is
 * reported at once, so an operator fixes the deployment in one pass rather than one error per restart.
 */
export function loadConfig<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
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
