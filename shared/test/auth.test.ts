import { SignJWT, importJWK } from 'jose';
import {
  ExternalTokenVerifier, generateSigningKeyPair, InternalTokenSigner, InternalTokenVerifier, principalFromClaims, type Principal,
} from '../src/auth';

const who: Principal = {
  subject: 'cm-1', organisationId: '8c9c6fa4-9f75-5610-8e47-a98efaee2a00', organisationKind: 'SOCIAL_SERVICES', roles: ['case_manager'], programmes: ['p1'],
};

describe('principals from token claims', () => {
  it('reads Keycloak realm roles and ignores roles it does not know', () => {
    const p = principalFromClaims({ sub: 'u', org_id: 'o', org_kind: 'COMPANY', realm_access: { roles: ['company_tutor', 'offline_access', 'admin'] } });
    expect(p.roles).toEqual(['company_tutor']);
  });

  it.each([
    [{ org_id: 'o', org_kind: 'COMPANY', roles: ['company_tutor'] }, /subject/],
    [{ sub: 'u', org_kind: 'COMPANY', roles: ['company_tutor'] }, /org_id/],
    [{ sub: 'u', org_id: 'o', org_kind: 'BANK', roles: ['company_tutor'] }, /org_kind/],
    [{ sub: 'u', org_id: 'o', org_kind: 'COMPANY', roles: ['admin'] }, /role/],
  ])('refuses incomplete claims %#', (claims, message) => {
    expect(() => principalFromClaims(claims)).toThrow(message);
  });
});

describe('gateway tokens to subgraphs', () => {
  it('are accepted only by the subgraph they name, from the gateway key', async () => {
    const gateway = await generateSigningKeyPair();
    const impostor = await generateSigningKeyPair();
    const token = await new InternalTokenSigner(gateway.privateJwk).sign(who, 'social-services', 'req-1');
    await expect(new InternalTokenVerifier(gateway.publicJwk, 'social-services').verify(token)).resolves.toEqual({ principal: who, requestId: 'req-1' });
    await expect(new InternalTokenVerifier(gateway.publicJwk, 'training').verify(token)).rejects.toThrow();
    const forged = await new InternalTokenSigner(impostor.privateJwk).sign(who, 'social-services', 'req-2');
    await expect(new InternalTokenVerifier(gateway.publicJwk, 'social-services').verify(forged)).rejects.toThrow();
  });

  it('are refused once stale', async () => {
    const gateway = await generateSigningKeyPair();
    const stale = await new SignJWT({ org_id: who.organisationId, org_kind: who.organisationKind, roles: who.roles })
      .setProtectedHeader({ alg: 'EdDSA', kid: gateway.privateJwk.kid })
      .setIssuer('intreccio-gateway').setAudience('social-services').setSubject(who.subject)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 540)
      .sign(await importJWK(gateway.privateJwk, 'EdDSA'));
    await expect(new InternalTokenVerifier(gateway.publicJwk, 'social-services').verify(stale)).rejects.toThrow();
  });
});

describe('caller tokens', () => {
  it('must come from the configured issuer for the configured audience', async () => {
    const provider = await generateSigningKeyPair();
    const verifier = new ExternalTokenVerifier({ issuer: 'https://sso.example.it/realms/x', audience: 'intreccio', jwks: { keys: [provider.publicJwk] } });
    const mint = async (issuer: string, audience: string) =>
      new SignJWT({ org_id: who.organisationId, org_kind: who.organisationKind, roles: who.roles, programmes: who.programmes })
        .setProtectedHeader({ alg: 'EdDSA', kid: provider.privateJwk.kid })
        .setIssuer(issuer).setAudience(audience).setSubject(who.subject).setIssuedAt().setExpirationTime('5m')
        .sign(await importJWK(provider.privateJwk, 'EdDSA'));
    await expect(verifier.verify(await mint('https://sso.example.it/realms/x', 'intreccio'))).resolves.toEqual(who);
    await expect(verifier.verify(await mint('https://evil.example', 'intreccio'))).rejects.toThrow();
    await expect(verifier.verify(await mint('https://sso.example.it/realms/x', 'another-app'))).rejects.toThrow();
  });
});
