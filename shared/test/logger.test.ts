import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('logging', () => {
  it('censors personal data wherever a careless caller puts it', () => {
    const out = capture();
    const log = createLogger('test', 'info', out.stream);
    log.info({ fiscalCode: 'RSSMRA85T10A562S', person: { givenName: 'Mario', familyName: 'Rossi', email: 'mario@example.org' }, input: { phone: '+39 333' } }, 'created');
    const text = out.lines().join('\n');
    for (const secret of ['RSSMRA85T10A562S', 'Mario', 'Rossi', 'mario@example.org', '+39 333']) expect(text).not.toContain(secret);
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({ service: 'test', msg: 'created', fiscalCode: '[redacted]', name: 'test' });
  });
});
