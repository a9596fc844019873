import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data never belongs in a log line: callers log ids, codes and
 * counts only, and as a second line of defence any key that usually carries personal data is
 * censored wherever it appears.
 */
const PERSONAL_KEYS = [
  'fiscalCode', 'givenName', 'familyName', 'email', 'phone', 'birthDate', 'address',
  'notes', 'targetGroups', 'authorization', 'token', 'variables', 'input',
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    redact: {
      paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`), 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
