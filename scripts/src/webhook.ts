import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, parseWebhooks, SIGNATURE_HEADER, verifyWebhook, webhooksFile, type Endpoint } from '@intreccio/shared';

const USAGE = `Usage: npm run webhook -- --org <organisation id> --url <https://…> [--secret <secret>]
       npm run webhook -- --org <organisation id> --remove
       npm run webhook -- --list
       npm run webhook -- --listen <port> --secret <secret>   (a local receiver that checks signatures)

Registers an organisation's endpoint in the local network's webhooks file (the running services read
it again on change); in production set WEBHOOKS on every subgraph instead.`;

function read(file: string): Map<string, Endpoint> {
  return existsSync(file) ? parseWebhooks(readFileSync(file, 'utf8'), file) : new Map();
}

function write(file: string, hooks: Map<string, Endpoint>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(Object.fromEntries(hooks), null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Prints each event whose signature checks out; answers 401 to any other request. */
function listen(port: number, secret: string): void {
  createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (!verifyWebhook(secret, req.headers[SIGNATURE_HEADER] as string | undefined, body)) {
        res.writeHead(401).end();
        process.stdout.write(`refused a request with a bad signature\n`);
        return;
      }
      res.writeHead(204).end();
      const event = JSON.parse(body) as { type: string; subject: { type: string; id: string; status?: string }; source: string; relayedBy?: string };
      const via = event.relayedBy ? ` via ${event.relayedBy}` : '';
      process.stdout.write(`${new Date().toISOString()} ${event.type} ${event.subject.type} ${event.subject.id}${event.subject.status ? ` ${event.subject.status}` : ''} (from ${event.source}${via})\n`);
    });
  }).listen(port, '127.0.0.1', () => process.stdout.write(`Listening on http://127.0.0.1:${port}/\n`));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      url: { type: 'string' },
      secret: { type: 'string' },
      remove: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      listen: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const file = webhooksFile(dataDir());
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.listen) {
    if (!values.secret) throw new Error('--listen needs the --secret the endpoint was registered with');
    listen(Number(values.listen), values.secret);
    return;
  }
  const hooks = read(file);
  if (values.list) {
    for (const [org, hook] of hooks) process.stdout.write(`${org}  ${hook.url}\n`);
    return;
  }
  if (!values.org) throw new Error(USAGE);
  if (values.remove) {
    hooks.delete(values.org);
    write(file, hooks);
    process.stdout.write(`Removed the webhook of ${values.org}\n`);
    return;
  }
  if (!values.url) throw new Error(USAGE);
  const secret = values.secret ?? randomBytes(32).toString('base64url');
  const next = new Map(hooks).set(values.org, { url: values.url, secret });
  write(file, parseWebhooks(JSON.stringify(Object.fromEntries(next)), '--org/--url/--secret'));
  process.stdout.write(`Registered ${values.url} for ${values.org}.\nSigning secret (keep it in the receiving system):\n${secret}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
