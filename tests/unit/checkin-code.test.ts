import * as fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import {
  CODE_PREFIX,
  WINDOW_MS,
  composeMemberCode,
  fromBase64Url,
  fromUtf8,
  readPassClaims,
  signPass,
  toBase64Url,
  utf8,
  verifyMemberCode,
  windowAcceptedUntil,
  windowOf,
  type CheckinPurpose,
  type MemberCodeCheck,
  type MemberCodeRefusal,
  type PassClaims,
  type VerifyExpectation,
} from '../../core/checkin';
import { generateKeyringConfig, keyringFromConfig, newDeviceKey, nodeEd25519Verify } from '../../server/security/checkin-keys';
import { decodeTrustedKeys, deviceSigner, phoneEd25519Verify } from '../../src/shared/services/checkin-crypto';
import { ERROR_CODES, SCAN_REFUSAL_LABELS } from '../../types';

/*
 * The member code (反扫) as a student's phone shows it and an officer's phone or the server verifies it. Every check
 * runs with both verifiers — node:crypto (server) and @noble/curves (officer's phone, offline) — which must agree.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Inside the check-in window of a lecture; any instant works, this one is mid-window (offset 10 s). */
const NOW = new Date('2026-03-06T10:40:10.000Z');
const EVENT = 'ev-lecture';

const server = keyringFromConfig(generateKeyringConfig('k1'));
const otherServerSameKid = keyringFromConfig(generateKeyringConfig('k1'));
const device = newDeviceKey();
const signWithDevice = deviceSigner(device.seed);
const otherDevice = newDeviceKey();

function makeClaims(overrides: Partial<PassClaims> = {}): PassClaims {
  return { v: 1, k: 'k1', e: EVENT, s: '2024000001', q: 1, p: device.publicKey, x: Math.floor(NOW.getTime() / 1000) + 2 * 86_400, ...overrides };
}

function expectation(overrides: Partial<VerifyExpectation> = {}): VerifyExpectation {
  return { eventId: EVENT, purpose: 'in', at: NOW, trustedKeys: server.trusted, ...overrides };
}

const PASS = signPass(makeClaims(), server.sign);
const codeAt = (at: Date, purpose: CheckinPurpose = 'in') => composeMemberCode(PASS, at, purpose, signWithDevice);
const CODE = codeAt(NOW);

/** Verifies with both verifiers, asserts they agree, answers the (common) result. */
function check(code: string, expected: VerifyExpectation = expectation()): MemberCodeCheck {
  const onServer = verifyMemberCode(code, expected, nodeEd25519Verify);
  const onPhone = verifyMemberCode(code, expected, phoneEd25519Verify);
  expect(onPhone).toEqual(onServer);
  return onServer;
}

function refusal(result: MemberCodeCheck): MemberCodeRefusal | 'ok' {
  return result.ok ? 'ok' : result.code;
}

/** Replaces one dot-separated part of a code. */
function withPart(code: string, index: number, value: string): string {
  const parts = code.split('.');
  parts[index] = value;
  return parts.join('.');
}

describe('base64url (bytes.ts)', () => {
  it('round-trips any bytes and spells them as node does, unpadded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('accepts only the one canonical spelling of any bytes', () => {
    const texts = fc.oneof(
      fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...B64URL, '=', '+', '/', ' ', '\n', '.', 'é'), maxLength: 40 }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const bytes = fromBase64Url(text);
        if (bytes !== null) expect(toBase64Url(bytes)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses padding, the standard alphabet, whitespace, impossible lengths and non-zero trailing bits', () => {
    expect(fromBase64Url('AA==')).toBeNull();
    expect(fromBase64Url('+/8')).toBeNull();
    expect(fromBase64Url('AA A')).toBeNull();
    expect(fromBase64Url('AAAAA')).toBeNull(); // 5 characters: length % 4 === 1
    expect(fromBase64Url('AB')).toBeNull(); // 12 bits, the last 4 not zero
    expect(fromBase64Url('AAB')).toBeNull(); // 18 bits, the last 2 not zero
    expect(fromBase64Url('AA')).toEqual(Uint8Array.of(0));
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });
});

describe('UTF-8 (bytes.ts)', () => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const reference = (bytes: Uint8Array): string | null => {
    try {
      return decoder.decode(bytes);
    } catch {
      return null;
    }
  };

  it('encodes like TextEncoder and decodes its own output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(utf8(text)).toEqual(encoder.encode(text));
        expect(fromUtf8(utf8(text))).toBe(text);
      }),
    );
  });

  it('decodes exactly what a strict decoder accepts, and never throws', () => {
    const edgy = fc.constantFrom(0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.array(edgy, { maxLength: 8 }).map((a) => Uint8Array.from(a)),
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => encoder.encode(s)),
    );
    fc.assert(fc.property(bytes, (b) => expect(fromUtf8(b)).toBe(reference(b))), { numRuns: 3000 });
  });

  it('refuses code points past U+10FFFF, overlong forms and surrogates instead of throwing', () => {
    expect(fromUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBeNull(); // U+110000: String.fromCodePoint would throw
    expect(fromUtf8(Uint8Array.of(0xe0, 0x80, 0xaf))).toBeNull(); // overlong '/'
    expect(fromUtf8(Uint8Array.of(0xf0, 0x80, 0x80, 0xaf))).toBeNull(); // overlong '/'
    expect(fromUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBeNull(); // U+D800
    expect(fromUtf8(Uint8Array.of(0xf4, 0x8f, 0xbf, 0xbf))).toBe('\u{10ffff}');
  });
});

describe('member code: what verifies', () => {
  it('a code composed on the phone verifies on the server and on another phone alike', () => {
    for (const purpose of ['in', 'out'] as const) {
      const result = check(codeAt(NOW, purpose), expectation({ purpose }));
      expect(result).toEqual({ ok: true, claims: makeClaims(), window: windowOf(NOW) });
    }
  });

  it('has the documented shape: Y1.<claims>.<pass signature>.<window>.<i|o>.<proof>', () => {
    const parts = CODE.split('.');
    expect(parts).toHaveLength(6);
    expect(parts[0]).toBe(CODE_PREFIX);
    expect(`${parts[1]}.${parts[2]}`).toBe(PASS);
    expect(parts[3]).toBe(String(windowOf(NOW)));
    expect(parts[4]).toBe('i');
    expect(fromBase64Url(parts[5])).toHaveLength(64);
  });

  it('verifies with keys decoded from an offline package (decodeTrustedKeys)', () => {
    const keys = Object.entries(server.trusted).map(([kid, raw]) => ({ kid, publicKey: toBase64Url(raw) }));
    const trusted = decodeTrustedKeys([...keys, { kid: 'bad', publicKey: 'AAAA' }]);
    expect(Object.keys(trusted)).toEqual(['k1']);
    expect(check(CODE, expectation({ trustedKeys: trusted })).ok).toBe(true);
  });

  it('verifies a pass signed by a retired key that is still trusted (key rotation)', () => {
    const rotated = keyringFromConfig(generateKeyringConfig('k2'));
    const trustedKeys = { ...server.trusted, ...rotated.trusted };
    const newPass = signPass(makeClaims({ k: 'k2' }), rotated.sign);
    expect(check(CODE, expectation({ trustedKeys })).ok).toBe(true);
    expect(check(composeMemberCode(newPass, NOW, 'in', signWithDevice), expectation({ trustedKeys })).ok).toBe(true);
  });

  it('ignores whitespace a scanner adds around the code (the only change to a code that still verifies)', () => {
    expect(check(` ${CODE}\n`).ok).toBe(true);
  });

  it('any node signature verifies on the phone and the reverse: the verifiers agree on genuine and forged codes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.boolean(), fc.boolean(), (seconds, forged, out) => {
        const at = new Date(NOW.getTime() + seconds * 1000 - 5_000_000_000);
        const purpose = out ? 'out' : 'in';
        const signer = forged ? deviceSigner(otherDevice.seed) : signWithDevice;
        const result = check(composeMemberCode(PASS, at, purpose, signer), expectation({ at, purpose }));
        expect(refusal(result)).toBe(forged ? 'CHECKIN_CODE_FORGED' : at.getTime() >= makeClaims().x * 1000 ? 'CHECKIN_CODE_EXPIRED' : 'ok');
      }),
      { numRuns: 60 },
    );
  });
});

describe('member code: tampering never verifies', () => {
  type Mutation =
    | { kind: 'replace' | 'insert'; pos: number; char: string }
    | { kind: 'delete'; pos: number }
    | { kind: 'flip'; pos: number; bit: number }
    | { kind: 'byte'; part: 1 | 2 | 5; pos: number; value: number };

  const char = fc.oneof(
    fc.constantFrom(...B64URL, '.', '=', '+', '/', ' ', '\u00a0'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const), pos: fc.nat(), char }),
    fc.record({ kind: fc.constant('delete' as const), pos: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    // A changed byte of the decoded claims, pass signature or proof, re-encoded canonically.
    fc.record({ kind: fc.constant('byte' as const), part: fc.constantFrom(1 as const, 2 as const, 5 as const), pos: fc.nat(), value: fc.integer({ min: 1, max: 255 }) }),
  );

  function mutate(code: string, m: Mutation): string {
    switch (m.kind) {
      case 'replace': {
        const i = m.pos % code.length;
        return code.slice(0, i) + m.char + code.slice(i + 1);
      }
      case 'insert': {
        const i = m.pos % (code.length + 1);
        return code.slice(0, i) + m.char + code.slice(i);
      }
      case 'delete': {
        const i = m.pos % code.length;
        return code.slice(0, i) + code.slice(i + 1);
      }
      case 'flip': {
        const i = m.pos % code.length;
        return code.slice(0, i) + String.fromCharCode(code.charCodeAt(i) ^ (1 << m.bit)) + code.slice(i + 1);
      }
      case 'byte': {
        const parts = code.split('.');
        const bytes = parts.length === 6 ? fromBase64Url(parts[m.part]) : null;
        if (!bytes || bytes.length === 0) return code;
        bytes[m.pos % bytes.length] ^= m.value;
        return withPart(code, m.part, toBase64Url(bytes));
      }
    }
  }

  const codes = [CODE, codeAt(new Date(NOW.getTime() + WINDOW_MS), 'out'), codeAt(new Date(NOW.getTime() - WINDOW_MS))];

  it('one to three random changes (any byte or character, anywhere) never verify, online or offline', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes.keys()), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const original = codes[which];
        const tampered = mutations.reduce(mutate, original);
        fc.pre(tampered.trim() !== original);
        const purpose = original.split('.')[4] === 'i' ? 'in' : 'out';
        const result = check(tampered, expectation({ purpose }));
        // Nothing a tampered code says is believed: it fails on its form, its key or its signatures.
        expect(['CHECKIN_CODE_MALFORMED', 'CHECKIN_CODE_UNTRUSTED_KEY', 'CHECKIN_CODE_FORGED']).toContain(refusal(result));
      }),
      { numRuns: 400 },
    );
  });

  it('a changed claim (student, event, sequence, expiry, device key) breaks the pass signature', () => {
    const attacker = newDeviceKey();
    const changes: Partial<PassClaims>[] = [
      { s: '2024000002' }, { e: 'ev-other' }, { q: 2 }, { x: makeClaims().x + 86_400 }, { p: attacker.publicKey },
    ];
    const passSig = PASS.split('.')[1];
    for (const change of changes) {
      const claimsB64 = toBase64Url(utf8(JSON.stringify(makeClaims(change))));
      // The attacker signs the proof with the key the changed claims name, so only the pass signature can catch it.
      const signer = change.p ? deviceSigner(attacker.seed) : signWithDevice;
      const code = composeMemberCode(`${claimsB64}.${passSig}`, NOW, 'in', signer);
      expect(refusal(check(code, expectation({ eventId: change.e ?? EVENT })))).toBe('CHECKIN_CODE_FORGED');
    }
  });

  it('a code moved to another window or purpose by editing its text breaks the proof', () => {
    const w = windowOf(NOW);
    expect(refusal(check(withPart(CODE, 3, String(w + 1))))).toBe('CHECKIN_CODE_FORGED');
    expect(refusal(check(withPart(CODE, 4, 'o'), expectation({ purpose: 'out' })))).toBe('CHECKIN_CODE_FORGED');
  });
});

describe('member code: refusals', () => {
  it('never verifies more than one window away from the verifier, either side', () => {
    const w = windowOf(NOW);
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }).filter((d) => Math.abs(d) > 1),
        fc.integer({ min: 0, max: WINDOW_MS - 1 }),
        (d, offset) => {
          const at = new Date((w + d) * WINDOW_MS + offset);
          expect(refusal(check(CODE, expectation({ at })))).toBe(d > 0 ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_NOT_YET_VALID');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('verifies from any instant of the window before its own to the end of the one after, composed at any time', () => {
    const lifetime = 2 * 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lifetime - 3 * WINDOW_MS }),
        fc.integer({ min: -1, max: 1 }),
        fc.integer({ min: 0, max: WINDOW_MS - 1 }),
        (composedAfter, d, offset) => {
          const composedAt = new Date(NOW.getTime() + composedAfter);
          const at = new Date((windowOf(composedAt) + d) * WINDOW_MS + offset);
          const result = check(codeAt(composedAt), expectation({ at }));
          expect(result).toEqual({ ok: true, claims: makeClaims(), window: windowOf(composedAt) });
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a screenshot stops working exactly when its window plus one has passed', () => {
    const until = windowAcceptedUntil(windowOf(NOW));
    expect(until.getTime() - NOW.getTime()).toBeLessThanOrEqual(2 * WINDOW_MS);
    expect(check(CODE, expectation({ at: new Date(until.getTime() - 1) })).ok).toBe(true);
    expect(refusal(check(CODE, expectation({ at: until })))).toBe('CHECKIN_CODE_EXPIRED');
  });

  it('never verifies for another event, at any time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }).filter((e) => e !== EVENT), fc.integer({ min: -3, max: 3 }), (eventId, d) => {
        const at = new Date(NOW.getTime() + d * WINDOW_MS);
        const result = check(CODE, expectation({ eventId, at }));
        expect(refusal(result)).toBe('CHECKIN_CODE_WRONG_EVENT');
        expect(result.ok ? null : result.claims?.s).toBe('2024000001');
      }),
      { numRuns: 60 },
    );
  });

  it('never verifies for the other purpose', () => {
    expect(refusal(check(CODE, expectation({ purpose: 'out' })))).toBe('CHECKIN_CODE_WRONG_PURPOSE');
    expect(refusal(check(codeAt(NOW, 'out'), expectation({ purpose: 'in' })))).toBe('CHECKIN_CODE_WRONG_PURPOSE');
  });

  it('refuses a pass whose key id is not trusted, including names of Object.prototype', () => {
    expect(refusal(check(CODE, expectation({ trustedKeys: {} })))).toBe('CHECKIN_CODE_UNTRUSTED_KEY');
    const elsewhere = keyringFromConfig(generateKeyringConfig('k9'));
    expect(refusal(check(CODE, expectation({ trustedKeys: elsewhere.trusted })))).toBe('CHECKIN_CODE_UNTRUSTED_KEY');
    for (const kid of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const pass = signPass(makeClaims({ k: kid }), server.sign);
      expect(refusal(check(composeMemberCode(pass, NOW, 'in', signWithDevice)))).toBe('CHECKIN_CODE_UNTRUSTED_KEY');
    }
  });

  it('refuses a pass signed by another key under a trusted key id as forged', () => {
    const pass = signPass(makeClaims(), otherServerSameKid.sign);
    expect(refusal(check(composeMemberCode(pass, NOW, 'in', signWithDevice)))).toBe('CHECKIN_CODE_FORGED');
  });

  it('refuses a proof signed by another device key as forged (a copied pass is useless without its device key)', () => {
    expect(refusal(check(composeMemberCode(PASS, NOW, 'in', deviceSigner(otherDevice.seed))))).toBe('CHECKIN_CODE_FORGED');
  });

  it('refuses a pass that has expired, from the second of its expiry on', () => {
    const x = Math.floor(NOW.getTime() / 1000);
    const codeWithExpiry = (expiry: number) => composeMemberCode(signPass(makeClaims({ x: expiry }), server.sign), NOW, 'in', signWithDevice);
    expect(refusal(check(codeWithExpiry(x - 3600)))).toBe('CHECKIN_CODE_EXPIRED');
    expect(refusal(check(codeWithExpiry(x)))).toBe('CHECKIN_CODE_EXPIRED');
    expect(check(codeWithExpiry(x + 1)).ok).toBe(true);
  });

  it('refuses malformed codes without looking further', () => {
    const w = String(windowOf(NOW));
    const malformed = [
      '',
      'hello',
      CODE.replace(/^Y1\./, 'Y2.'),
      `${CODE}.x`,
      CODE.split('.').slice(0, 5).join('.'),
      withPart(CODE, 3, `0${w}`),
      withPart(CODE, 3, `-${w}`),
      withPart(CODE, 3, '12345678901234'),
      withPart(CODE, 4, 'x'),
      withPart(CODE, 5, toBase64Url(new Uint8Array(63))),
      withPart(CODE, 2, 'AB'),
      withPart(CODE, 1, toBase64Url(utf8(JSON.stringify(makeClaims({ p: toBase64Url(new Uint8Array(31)) }))))),
      withPart(CODE, 1, toBase64Url(utf8('not json'))),
      withPart(CODE, 1, toBase64Url(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))),
    ];
    for (const code of malformed) expect([code, refusal(check(code))]).toEqual([code, 'CHECKIN_CODE_MALFORMED']);
  });

  it('gives every refusal its own code, each with a message and a scanner label', () => {
    const byCase: Record<string, MemberCodeRefusal | 'ok'> = {
      malformed: refusal(check('Y1.garbage')),
      untrusted: refusal(check(CODE, expectation({ trustedKeys: {} }))),
      forged: refusal(check(composeMemberCode(signPass(makeClaims(), otherServerSameKid.sign), NOW, 'in', signWithDevice))),
      otherEvent: refusal(check(CODE, expectation({ eventId: 'ev-other' }))),
      otherPurpose: refusal(check(CODE, expectation({ purpose: 'out' }))),
      expired: refusal(check(CODE, expectation({ at: new Date(NOW.getTime() + 3 * WINDOW_MS) }))),
      notYet: refusal(check(CODE, expectation({ at: new Date(NOW.getTime() - 3 * WINDOW_MS) }))),
    };
    expect(byCase).toEqual({
      malformed: 'CHECKIN_CODE_MALFORMED',
      untrusted: 'CHECKIN_CODE_UNTRUSTED_KEY',
      forged: 'CHECKIN_CODE_FORGED',
      otherEvent: 'CHECKIN_CODE_WRONG_EVENT',
      otherPurpose: 'CHECKIN_CODE_WRONG_PURPOSE',
      expired: 'CHECKIN_CODE_EXPIRED',
      notYet: 'CHECKIN_CODE_NOT_YET_VALID',
    });
    const codes = Object.values(byCase) as string[];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(ERROR_CODES).toHaveProperty(code);
      expect(SCAN_REFUSAL_LABELS[code]).toBeTruthy();
    }
  });
});

describe('readPassClaims', () => {
  it('reads the claims of a genuine pass', () => {
    expect(readPassClaims(PASS)).toEqual(makeClaims());
  });

  it('answers null for claims of the wrong shape', () => {
    const pass = (claims: unknown) => `${toBase64Url(utf8(JSON.stringify(claims)))}.sig`;
    for (const bad of [
      { ...makeClaims(), v: 2 },
      { ...makeClaims(), q: 0 },
      { ...makeClaims(), q: 1.5 },
      { ...makeClaims(), x: String(makeClaims().x) },
      { ...makeClaims(), k: 1 },
      { ...makeClaims(), p: undefined },
      null,
      [makeClaims()],
      7,
    ]) {
      expect(readPassClaims(pass(bad))).toBeNull();
    }
  });

  it('never throws on garbage, and whatever it accepts has the claims shape', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.uint8Array({ maxLength: 60 }).map((b) => `${toBase64Url(b)}.x`),
      fc.jsonValue().map((j) => `${toBase64Url(utf8(JSON.stringify(j) ?? ''))}.sig`),
      fc
        .record({ v: fc.constantFrom(1, 2, '1'), k: fc.oneof(fc.string(), fc.integer()), e: fc.string(), s: fc.string(), q: fc.oneof(fc.integer(), fc.double()), p: fc.string(), x: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] })
        .map((c) => toBase64Url(utf8(JSON.stringify(c)))),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        const claims = readPassClaims(text);
        if (claims !== null) {
          expect(claims.v).toBe(1);
          expect(Number.isInteger(claims.q) && claims.q >= 1).toBe(true);
          expect(Number.isInteger(claims.x)).toBe(true);
          for (const key of ['k', 'e', 's', 'p'] as const) expect(typeof claims[key]).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('verifyMemberCode never throws on garbage either', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.string({ unit: fc.constantFrom(...B64URL), maxLength: 90 }), { minLength: 6, maxLength: 6 }).map((p) => ['Y1', ...p.slice(1)].join('.')),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        expect(check(text).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('check-in key handling', () => {
  it('refuses a keyring whose signer has no private key, or a short event-code secret', () => {
    const config = JSON.parse(generateKeyringConfig('k1'));
    expect(() => keyringFromConfig(JSON.stringify({ ...config, signer: 'k0' }))).toThrow(/signer/);
    expect(() => keyringFromConfig(JSON.stringify({ ...config, eventCodeSecret: 'abcd' }))).toThrow(/eventCodeSecret/);
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    const withPublic = keyringFromConfig(JSON.stringify({ ...config, keys: { ...config.keys, k0: { publicKey: toBase64Url(raw) } } }));
    expect(Object.keys(withPublic.trusted).sort()).toEqual(['k0', 'k1']);
    expect(() => keyringFromConfig(JSON.stringify({ ...config, keys: { ...config.keys, k0: { publicKey: 'AAAA' } } }))).toThrow(/malformed/);
  });

  it('nodeEd25519Verify refuses a signature made with another key', () => {
    const message = utf8('YSC');
    const sig = server.sign(message);
    expect(nodeEd25519Verify(server.trusted.k1, message, sig)).toBe(true);
    expect(nodeEd25519Verify(otherServerSameKid.trusted.k1, message, sig)).toBe(false);
    expect(phoneEd25519Verify(server.trusted.k1, message, sig)).toBe(true);
    expect(phoneEd25519Verify(otherServerSameKid.trusted.k1, message, sig)).toBe(false);
  });
});
