import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error codes that clients may branch on; each is documented in the README. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A partner's service did not answer the gateway; `extensions.serviceName` says which. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  /** Dotted path of the input field at fault, e.g. `input.fiscalCode`. */
  field: string;
  message: string;
}

/**
 * Invalid input. `field` names the first field at fault; `problems` lists them all so a
 * partner system can show every mistake at once.
 */
export function badInput(problems: FieldProblem[] | FieldProblem): GraphQLError {
  const list = Array.isArray(problems) ? problems : [problems];
  const message = list.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: list[0]?.field, problems: list },
  });
}

export function notFound(what: string, id: string, field?: string): GraphQLError {
  if (field) {
    return new GraphQLError(`${field}: no ${what} with id ${id}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, field, problems: [{ field, message: `no ${what} with id ${id}` }] },
    });
  }
  return new GraphQLError(`No ${what} with id ${id}`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function conflict(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...(field ? { field } : {}) } });
}

/** `field`: the argument that failed the check, when one did (an expired token, another organisation's id). */
export function forbidden(message = 'Not allowed', field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...(field ? { field } : {}) } });
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Collects field problems and throws them together. */
export class ProblemList {
  readonly problems: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }
  addAll(field: string, messages: readonly string[]): this {
    for (const m of messages) this.add(field, m);
    return this;
  }
  get empty(): boolean {
    return this.problems.length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw badInput(this.problems);
  }
}

const CLIENT_CODES = new Set<string>(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR && c !== ErrorCode.SERVICE_UNAVAILABLE),
);
/** A subgraph's name as the gateway records it on errors (`@join__graph` names): nothing else passes. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
// Codes Apollo Server itself produces for malformed requests; they carry no internal detail.
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors a client caused pass through; anything else is replaced by a generic message that
 * carries a correlation id, and the original is handed to `log` (which must not log personal data:
 * only the error's message and stack). At the gateway, errors from or about one subgraph keep its
 * name (`extensions.serviceName`), so a client can say which partner's part is missing; a subgraph
 * that did not answer is `SERVICE_UNAVAILABLE`, with no address, port or cause.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  correlationId: string,
  log: (err: unknown, correlationId: string) => void,
): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const validation = validationProblems(original);
  if (validation) {
    return {
      message: validation.map((p) => `${p.field}: ${p.message}`).join('; '),
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: validation[0]?.field, problems: validation },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && (CLIENT_CODES.has(code) || APOLLO_CLIENT_CODES.has(code))) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const serviceName = formatted.extensions?.serviceName;
  const service = typeof serviceName === 'string' && SERVICE_NAME.test(serviceName) ? { serviceName } : {};
  log(original, correlationId);
  if (code === ErrorCode.SERVICE_UNAVAILABLE && service.serviceName) {
    return {
      message: `The ${service.serviceName} service did not answer (correlation id ${correlationId})`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, ...service, correlationId },
    };
  }
  return {
    message: `Internal error (correlation id ${correlationId})`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...service, correlationId },
  };
}

interface ValidationErrorLike {
  property: string;
  target?: object;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * class-validator failures, raised by type-graphql per argument. The argument's name is not in the
 * error, so it follows from the naming convention: `XInput` classes arrive as `input`, `XFilter` as
 * `filter`, argument classes (`PageArgs`) as top-level arguments.
 */
function validationProblems(err: unknown): FieldProblem[] | undefined {
  const list = (err as { extensions?: { validationErrors?: ValidationErrorLike[] } })?.extensions?.validationErrors;
  if (!Array.isArray(list)) return undefined;
  const out: FieldProblem[] = [];
  const walk = (errors: ValidationErrorLike[], prefix: string) => {
    for (const e of errors) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
      if (e.children?.length) walk(e.children, field);
    }
  };
  const argName = (target: object | undefined) => {
    const name = target?.constructor?.name ?? '';
    return name.endsWith('Input') ? 'input' : name.endsWith('Filter') ? 'filter' : '';
  };
  walk(list, argName(list[0]?.target));
  return out.length ? out : undefined;
}
