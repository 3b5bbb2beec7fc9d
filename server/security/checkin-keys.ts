import { createHmac, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { fromBase64Url, type Ed25519Verify } from '../../core';

/**
 * The server's check-in keys (see docs/security.md, "Check-in codes"):
 *  - Ed25519 signing keys by key id. One signs new passes (`signer`); the others are kept, public half only is
 *    enough, until every pass they signed has expired. Rotation = add a key, make it the signer, drop the old one
 *    after the longest pass lifetime (the event's end + 1 day).
 *  - An HMAC secret for event codes (正扫), which only the server ever verifies.
 * Configured as JSON: CHECKIN_KEYS in the function's environment on CloudBase; DATA_DIR/checkin-keys.json locally.
 *   { "signer": "k1", "keys": { "k1": { "privateKey": "<PKCS#8 DER, base64>" }, "k0": { "publicKey": "<raw, base64url>" } },
 *     "eventCodeSecret": "<hex, 32 bytes>" }
 */
export interface CheckinKeyring {
  signerKid: string;
  /** Signs with the signer key. */
  sign(message: Uint8Array): Uint8Array;
  /** Public keys (raw 32 bytes) of every trusted key id, as the officer's app receives them. */
  trusted: Readonly<Record<string, Uint8Array>>;
  eventCodeSecret: Buffer;
}

interface KeyringConfig {
  signer: string;
  keys: Record<string, { privateKey?: string; publicKey?: string }>;
  eventCodeSecret: string;
}

export function keyringFromConfig(json: string): CheckinKeyring {
  const config = JSON.parse(json) as KeyringConfig;
  const trusted: Record<string, Uint8Array> = {};
  let signer: KeyObject | null = null;
  for (const [kid, entry] of Object.entries(config.keys ?? {})) {
    if (entry.privateKey) {
      const priv = createPrivateKey({ key: Buffer.from(entry.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
      trusted[kid] = rawPublicKey(createPublicKey(priv));
      if (kid === config.signer) signer = priv;
    } else if (entry.publicKey) {
      const raw = fromBase64Url(entry.publicKey);
      if (raw?.length !== 32) throw new Error(`CHECKIN_KEYS: key ${kid} has a malformed public key`);
      trusted[kid] = raw;
    }
  }
  if (!signer) throw new Error('CHECKIN_KEYS: the signer key id has no private key');
  const secret = Buffer.from(config.eventCodeSecret ?? '', 'hex');
  if (secret.length < 32) throw new Error('CHECKIN_KEYS: eventCodeSecret must be 32 bytes of hex');
  const signerKey = signer;
  return {
    signerKid: config.signer,
    sign: (message) => new Uint8Array(sign(null, message, signerKey)),
    trusted,
    eventCodeSecret: secret,
  };
}

/** A fresh configuration with one signing key: for `npm start`, tests, and the operator's first deployment. */
export function generateKeyringConfig(kid = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  const privateKey = ed25519PrivateKey(randomBytes(32));
  const config: KeyringConfig = {
    signer: kid,
    keys: { [kid]: { privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') } },
    eventCodeSecret: randomBytes(32).toString('hex'),
  };
  return JSON.stringify(config);
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url'));
}

/**
 * Keys are made from 32 random bytes, not with generateKeyPairSync: on Node 20 (20.20.2 measured), exporting a key
 * that generateKeyPairSync made as JWK can deadlock the process for good — the export holds the key's mutex while it
 * allocates strings, a garbage collection then finalises the finished key-generation job, whose destructor takes
 * the same mutex (seen in gdb; reproduced within a few thousand generateKeyPairSync('ed25519') + JWK exports, 3 of
 * 3 runs). A key imported with createPrivateKey has no such job.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function ed25519PrivateKey(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** A device key pair for one pass: the seed goes to the student's phone, only the public half into the pass. */
export function newDeviceKey(): { seed: string; publicKey: string } {
  const seed = randomBytes(32);
  const publicKey = createPublicKey(ed25519PrivateKey(seed)).export({ format: 'jwk' }).x as string;
  return { seed: seed.toString('base64url'), publicKey };
}

// Device public keys repeat across a lecture's scans (each student's code is scanned once or twice); a small cache
// spares re-importing them. Bounded so a flood of forged keys cannot grow it.
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 4096;

/** Ed25519 verification with node:crypto, for the domain's verifyMemberCode. */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  const x = Buffer.from(publicKey).toString('base64url');
  let key = keyCache.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(x, key);
  }
  return verify(null, message, key, signature);
};

/** HMAC-SHA256 truncated to 16 bytes, base64url: the tag of an event code. */
export function eventCodeTag(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest().subarray(0, 16).toString('base64url');
}
