import { dataDir, decodeKey, encodeKey, envPrefix, eventKey, grantIssuers, grantSecretFile, loadOrCreateSecret, pairKey } from '@intreccio/shared';
import { SUBGRAPHS } from './subgraphs';

/**
 * Prints, for each subgraph, the `GRANT_KEYS` it needs: the keys the subgraphs whose grants it accepts
 * share with it, derived from their secrets. Secrets come from `GRANT_SECRET_<SUBGRAPH>` (e.g.
 * `GRANT_SECRET_SOCIAL_SERVICES`) when set, else from the local data folder. Give each subgraph its
 * own line only: a subgraph holding another's keys could vouch for that one. Likewise `EVENT_KEYS`:
 * the keys it signs its events to partner subgraphs with, derived from the receivers' secrets.
 */
function main(): void {
  const secrets = new Map(SUBGRAPHS.map((def) => {
    const fromEnv = process.env[`GRANT_SECRET_${envPrefix(def.name)}`];
    return [def.name, fromEnv ? decodeKey(fromEnv, `GRANT_SECRET_${envPrefix(def.name)}`) : loadOrCreateSecret(grantSecretFile(dataDir(), def.name))];
  }));
  for (const def of SUBGRAPHS) {
    const issuers = grantIssuers(def);
    const keys = Object.fromEntries(issuers.map((issuer) => [issuer, encodeKey(pairKey(secrets.get(issuer)!, def.name))]));
    process.stdout.write(`# ${def.name}\nGRANT_KEYS='${JSON.stringify(keys)}'\n`);
    const receivers = def.events?.sendsTo ?? [];
    if (receivers.length) {
      const eventKeys = Object.fromEntries(receivers.map((r) => [r, encodeKey(eventKey(secrets.get(r)!, def.name))]));
      process.stdout.write(`EVENT_KEYS='${JSON.stringify(eventKeys)}'\n`);
    }
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
