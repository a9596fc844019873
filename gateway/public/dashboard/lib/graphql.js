// Calls the network graph at this origin's /graphql with the signed-in coordinator's token, and
// reads the gateway's answer: a missing field, partners that did not answer, other errors.

/** The partners behind the gateway's subgraphs, as the dashboard names them. */
export const PARTNERS = {
  'social-services': { partner: 'Social services', possessive: "Social services'", service: 'social services' },
  'employment-centre': { partner: 'Employment centre', possessive: "Employment centre's", service: 'employment centre' },
  training: { partner: 'Training body', possessive: "Training body's", service: 'training' },
  companies: { partner: 'Company network', possessive: "Company network's", service: 'companies' },
};

export function partnerOf(serviceName) {
  return PARTNERS[serviceName] ?? { partner: serviceName, possessive: `${serviceName}'s`, service: serviceName };
}

/** "Training body's figures are unavailable: the training service did not answer" */
export function missingPartnerMessage(failure) {
  const p = partnerOf(failure.serviceName);
  const why = failure.code === 'SERVICE_UNAVAILABLE' ? 'did not answer' : 'answered with an error';
  return `${p.possessive} figures are unavailable: the ${p.service} service ${why}`;
}

export class Unauthorised extends Error {}

/**
 * POSTs one operation. Resolves to `{ data, errors }` as the gateway sent them, whatever the HTTP
 * status (a validation failure is a 400 with errors); rejects with `Unauthorised` on 401.
 */
export async function query(token, operationName, document, variables = {}) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ operationName, query: document, variables }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { data: null, errors: [{ message: 'The gateway did not answer', extensions: { code: 'GATEWAY_UNREACHABLE' } }] };
  }
  if (res.status === 401) throw new Unauthorised('The gateway did not accept the token: it is invalid or expired');
  let body;
  try {
    body = await res.json();
  } catch {
    return { data: null, errors: [{ message: `The gateway answered ${res.status} without a GraphQL response`, extensions: { code: 'BAD_RESPONSE' } }] };
  }
  return { data: body.data ?? null, errors: Array.isArray(body.errors) ? body.errors : [] };
}

/**
 * Whether the gateway refused the operation because its graph lacks one of `names` (fields or
 * types the panel needs that another partner's branch adds): the panel is not available yet.
 */
export function lacksField(errors, names) {
  return errors.some((e) => {
    if (e.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return false;
    const m = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(e.message) ?? /^Unknown type "([^"]+)"/.exec(e.message);
    return m !== null && names.includes(m[2] ? `${m[2]}.${m[1]}` : m[1]);
  });
}

export function validationErrors(errors) {
  return errors.filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'GRAPHQL_PARSE_FAILED');
}

/** Partners whose part of the answer is missing: they did not answer, or answered with an internal error. */
export function partnerFailures(errors) {
  const seen = new Map();
  for (const e of errors) {
    const serviceName = e.extensions?.serviceName;
    const code = e.extensions?.code;
    if (typeof serviceName !== 'string' || (code !== 'SERVICE_UNAVAILABLE' && code !== 'INTERNAL_SERVER_ERROR')) continue;
    if (!seen.has(serviceName) || code === 'SERVICE_UNAVAILABLE') seen.set(serviceName, { serviceName, code, correlationId: e.extensions?.correlationId });
  }
  return [...seen.values()];
}
