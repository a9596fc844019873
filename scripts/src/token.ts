import { parseArgs } from 'node:util';
import { dataDir, devIssuerKeyFile, loadOrCreateKeyPair, mintDevToken, ROLES, type OrganisationKind, type Role } from '@intreccio/shared';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES } from './demo';

/** The kind of organisation each role works for, to pick a demo organisation when none is given. */
const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind> = {
  case_manager: 'SOCIAL_SERVICES',
  coordinator: 'SOCIAL_SERVICES',
  data_protection_officer: 'SOCIAL_SERVICES',
  cpi_operator: 'EMPLOYMENT_CENTRE',
  training_operator: 'TRAINING_PROVIDER',
  company_network_operator: 'COMPANY_NETWORK',
  company_tutor: 'COMPANY',
};

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
  const organisation = values.org
    ? DEMO_ORGANISATIONS.find((o) => o.id === values.org)
    : DEMO_ORGANISATIONS.find((o) => o.kind === ROLE_ORGANISATION_KIND[role]);
  if (!organisation) {
    process.stderr.write(`No demo organisation ${values.org ?? `for ${role}`}; see npm run token -- --list\n`);
    process.exit(2);
  }
  const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(dataDir()));
  const token = await mintDevToken(privateJwk, {
    subject: values.subject ?? `${role}@${organisation.key}`,
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    roles: [role],
    programmes: DEMO_PROGRAMMES.filter((p) => organisation.programmeCodes.includes(p.code)).map((p) => p.id),
  }, values.ttl);
  process.stdout.write(`# ${role} at ${organisation.name}, valid ${values.ttl}\n${token}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
