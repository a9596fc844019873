import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@intreccio/shared';
import { DEMO_ORGANISATIONS } from './demo';
import { demoOrganisationFor, mintDemoToken } from './dev-token';

const USAGE = `Usage: npm run token -- --role <role> [--org <organisation id>] [--ttl 8h]
       npm run token -- --list
Roles: ${ROLES.join(', ')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      subject: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.list) {
    for (const o of DEMO_ORGANISATIONS) process.stdout.write(`${o.id}  ${o.kind.padEnd(18)} ${o.name}  [${o.programmeCodes.join(', ')}]\n`);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    process.stderr.write(`${role ? `Unknown role ${role}.\n` : ''}${USAGE}\n`);
    process.exit(2);
  }
  const organisation = demoOrganisationFor(role, values.org);
  if (!organisation) {
    process.stderr.write(`No demo organisation ${values.org ?? `for ${role}`}; see npm run token -- --list\n`);
    process.exit(2);
  }
  const token = await mintDemoToken(role, organisation, { ttl: values.ttl, subject: values.subject });
  process.stdout.write(`# ${role} at ${organisation.name}, valid ${values.ttl}\n${token}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
