// The coordinator's bearer token: from the URL fragment (never sent to the server) or the sign-in
// field, kept in this tab's sessionStorage only. Its claims are decoded here for display; the
// gateway alone decides what the token may read.

const KEY = 'intreccio.dashboard.token';

/** Takes `#token=…` out of the address bar (and so out of history and bookmarks); returns it if present. */
export function takeTokenFromFragment() {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) return null;
  fragment.delete('token');
  const rest = fragment.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  return token.trim() || null;
}

export function storedToken() {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token) {
  try {
    window.sessionStorage.setItem(KEY, token);
  } catch {
    // Storage disabled: the token lives as long as the page.
  }
}

export function forgetToken() {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

function base64UrlJson(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const ROLES = ['case_manager', 'cpi_operator', 'training_operator', 'company_network_operator', 'company_tutor', 'coordinator', 'data_protection_officer'];

/**
 * What the token says about its holder, unverified: roles (`roles`, or Keycloak's
 * `realm_access.roles`), organisation, expiry. Null when it is not a JWT.
 */
export function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let payload;
  try {
    payload = base64UrlJson(parts[1]);
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object') return null;
  const raw = Array.isArray(payload.roles) ? payload.roles : Array.isArray(payload.realm_access?.roles) ? payload.realm_access.roles : [];
  return {
    anonymous: payload.anon === true,
    roles: raw.filter((r) => ROLES.includes(r)),
    organisationId: typeof payload.org_id === 'string' ? payload.org_id : null,
    organisationKind: typeof payload.org_kind === 'string' ? payload.org_kind : null,
    programmes: Array.isArray(payload.programmes) ? payload.programmes.filter((p) => typeof p === 'string') : [],
    expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
  };
}
