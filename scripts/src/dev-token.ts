import { dataDir, devIssuerKeyFile, loadOrCreateKeyPair, mintDevToken, type OrganisationKind, type Role } from '@intreccio/shared';
import { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, type DemoOrganisation } from './demo';

/** The kind of organisation each role works for, to pick a demo organisation when none is given. */
export const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind> = {
  case_manager: 'SOCIAL_SERVICES',
  coordinator: 'SOCIAL_SERVICES',
  data_protection_officer: 'SOCIAL_SERVICES',
  cpi_operator: 'EMPLOYMENT_CENTRE',
  training_operator: 'TRAINING_PROVIDER',
  company_network_operator: 'COMPANY_NETWORK',
  company_tutor: 'COMPANY',
};

/** The demo organisation with that id, or the first one a holder of `role` works for. */
export function demoOrganisationFor(role: Role, organisationId?: string): DemoOrganisation | undefined {
  return organisationId
    ? DEMO_ORGANISATIONS.find((o) => o.id === organisationId)
    : DEMO_ORGANISATIONS.find((o) => o.kind === ROLE_ORGANISATION_KIND[role]);
}

/**
 * A token from the development issuer (its key is in the data folder of `env`) for `role` at a demo
 * organisation, in the programmes that organisation takes part in. For local use only: a gateway in
 * production does not trust this issuer.
 */
export async function mintDemoToken(
  role: Role,
  organisation: DemoOrganisation,
  options: { ttl?: string; subject?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(dataDir(options.env)));
  return mintDevToken(privateJwk, {
    subject: options.subject ?? `${role}@${organisation.key}`,
    organisationId: organisation.id,
    organisationKind: organisation.kind,
    roles: [role],
    programmes: DEMO_PROGRAMMES.filter((p) => organisation.programmeCodes.includes(p.code)).map((p) => p.id),
  }, options.ttl ?? '8h');
}
