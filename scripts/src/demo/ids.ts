import { createHash } from 'node:crypto';

/**
 * Ids of seeded rows are RFC 4122 version 5 UUIDs, so any partner's seeder, in any language, can
 * derive the same id for "person 17" or "organisation cpi-firenze" with a stock UUIDv5 function:
 * uuid5(uuid5(URL_NAMESPACE, 'urn:intreccio:seed:' + namespace), String(key)).
 */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Formats the first 128 bits of a SHA-1 digest (given as 32-bit words) as a version 5 UUID. */
function formatV5(w0: number, w1: number, w2: number, w3: number): string {
  const versioned = (w1 & ~0xf000) | 0x5000;
  const variant = (w2 & ~0xc0000000) | 0x80000000;
  return (
    HEX[(w0 >>> 24) & 0xff] + HEX[(w0 >>> 16) & 0xff] + HEX[(w0 >>> 8) & 0xff] + HEX[w0 & 0xff] + '-' +
    HEX[(versioned >>> 24) & 0xff] + HEX[(versioned >>> 16) & 0xff] + '-' + HEX[(versioned >>> 8) & 0xff] + HEX[versioned & 0xff] + '-' +
    HEX[(variant >>> 24) & 0xff] + HEX[(variant >>> 16) & 0xff] + '-' + HEX[(variant >>> 8) & 0xff] + HEX[variant & 0xff] +
    HEX[(w3 >>> 24) & 0xff] + HEX[(w3 >>> 16) & 0xff] + HEX[(w3 >>> 8) & 0xff] + HEX[w3 & 0xff]
  );
}

const digest = new Int32Array(5);

function uuidV5(namespace: Buffer, name: string): string {
  if (name.length <= 39 && /^[\x20-\x7e]*$/.test(name)) {
    sha1ShortAscii(namespace, name);
  } else {
    const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest();
    for (let i = 0; i < 5; i++) digest[i] = bytes.readInt32BE(4 * i);
  }
  return formatV5(digest[0], digest[1], digest[2], digest[3]);
}

const block = new Uint8Array(64);
const words = new Int32Array(80);

/**
 * SHA-1 of a 16-byte namespace followed by a short ASCII name, which fits one 64-byte block, into
 * `digest`. Seeding derives millions of ids, and node:crypto's per-call setup costs several times
 * the hashing itself at this size; longer or non-ASCII names go through node:crypto.
 */
function sha1ShortAscii(namespace: Buffer, name: string): void {
  const length = 16 + name.length;
  block.fill(0);
  block.set(namespace, 0);
  for (let i = 0; i < name.length; i++) block[16 + i] = name.charCodeAt(i);
  block[length] = 0x80;
  const bits = length * 8;
  block[62] = bits >>> 8;
  block[63] = bits & 0xff;
  for (let i = 0; i < 16; i++) {
    words[i] = (block[4 * i] << 24) | (block[4 * i + 1] << 16) | (block[4 * i + 2] << 8) | block[4 * i + 3];
  }
  for (let i = 16; i < 80; i++) {
    const x = words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16];
    words[i] = (x << 1) | (x >>> 31);
  }
  const h0 = 0x67452301;
  const h1 = 0xefcdab89 | 0;
  const h2 = 0x98badcfe | 0;
  const h3 = 0x10325476;
  const h4 = 0xc3d2e1f0 | 0;
  let a = h0;
  let b = h1;
  let c = h2;
  let d = h3;
  let e = h4;
  for (let i = 0; i < 80; i++) {
    let f: number;
    let k: number;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc | 0;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6 | 0;
    }
    const t = (((a << 5) | (a >>> 27)) + f + e + k + words[i]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  digest[0] = (h0 + a) | 0;
  digest[1] = (h1 + b) | 0;
  digest[2] = (h2 + c) | 0;
  digest[3] = (h3 + d) | 0;
  digest[4] = (h4 + e) | 0;
}

const namespaces = new Map<string, Buffer>();

function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaces.get(namespace);
  if (!bytes) {
    bytes = uuidBytes(uuidV5(uuidBytes(URL_NAMESPACE), `urn:intreccio:seed:${namespace}`));
    namespaces.set(namespace, bytes);
  }
  return bytes;
}

export function deterministicUuid(namespace: string, key: string | number): string {
  return uuidV5(namespaceBytes(namespace), String(key));
}

// Person-level ids depend on the person's index only, not on the seed: another partner's seeder
// that knows "person i" can point at the same person whatever seed was used.

export function organisationId(key: string): string {
  return deterministicUuid('organisation', key);
}

export function programmeId(code: string): string {
  return deterministicUuid('programme', code);
}

export function programmePartnerId(programmeCode: string, organisationKey: string): string {
  return deterministicUuid('programme-partner', `${programmeCode}/${organisationKey}`);
}

export function personId(index: number): string {
  return deterministicUuid('person', index);
}

export function caseId(personIndex: number): string {
  return deterministicUuid('case', personIndex);
}

export function caseTeamMemberId(personIndex: number, slot: number): string {
  return deterministicUuid('case-team-member', `${personIndex}/${slot}`);
}

export function consentId(personIndex: number, organisationKey: string): string {
  return deterministicUuid('consent', `${personIndex}/${organisationKey}`);
}

export function assessmentId(personIndex: number): string {
  return deterministicUuid('assessment', personIndex);
}

export function personalPlanId(personIndex: number): string {
  return deterministicUuid('personal-plan', personIndex);
}

export function planStepId(personIndex: number, position: number): string {
  return deterministicUuid('plan-step', `${personIndex}/${position}`);
}

export function referralId(personIndex: number, slot: number): string {
  return deterministicUuid('referral', `${personIndex}/${slot}`);
}

export function benefitId(personIndex: number, kind: string): string {
  return deterministicUuid('benefit', `${personIndex}/${kind}`);
}
