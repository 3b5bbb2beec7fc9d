import * as fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { WINDOW_MS, fromBase64Url, toBase64Url, utf8, windowOf } from '../../core/checkin';
import { composeEventCode, isEventCode, verifyEventCode } from '../../server/security/event-code';
import { generateKeyringConfig, keyringFromConfig } from '../../server/security/checkin-keys';

/* The event code (正扫): shown on a projector, scanned by students, verified by the server only (HMAC). */

const NOW = new Date('2026-03-06T10:40:10.000Z');
const secret = keyringFromConfig(generateKeyringConfig('k1')).eventCodeSecret;
const CODE = composeEventCode(secret, 'ev-lecture', 'in', NOW);
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const outcome = (r: ReturnType<typeof verifyEventCode>) => (r.ok ? 'ok' : r.code);

function withPart(code: string, index: number, value: string): string {
  const parts = code.split('.');
  parts[index] = value;
  return parts.join('.');
}

describe('event code: compose and verify', () => {
  it('verifies in its own window and names its event and purpose', () => {
    expect(verifyEventCode(secret, CODE, NOW)).toEqual({ ok: true, eventId: 'ev-lecture', purpose: 'in' });
    const out = composeEventCode(secret, 'ev-lecture', 'out', NOW);
    expect(verifyEventCode(secret, out, NOW)).toEqual({ ok: true, eventId: 'ev-lecture', purpose: 'out' });
  });

  it('has the documented shape Y1E.<event id>.<window>.<i|o>.<tag> and is told apart from a member code', () => {
    const parts = CODE.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('Y1E');
    expect(fromBase64Url(parts[1])).toEqual(utf8('ev-lecture'));
    expect(parts[2]).toBe(String(windowOf(NOW)));
    expect(parts[3]).toBe('i');
    expect(fromBase64Url(parts[4])).toHaveLength(16);
    expect(isEventCode(CODE)).toBe(true);
    expect(isEventCode(` ${CODE}`)).toBe(true);
    expect(isEventCode('Y1.abc.def.1.i.xyz')).toBe(false);
  });

  it('round-trips any event id (Chinese, dots, spaces) and any purpose, and names exactly that event', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }), fc.constantFrom('in' as const, 'out' as const), (eventId, purpose) => {
        const code = composeEventCode(secret, eventId, purpose, NOW);
        expect(verifyEventCode(secret, code, NOW)).toEqual({ ok: true, eventId, purpose });
      }),
    );
  });
});

describe('event code: tampering never verifies', () => {
  const char = fc.oneof(fc.constantFrom(...B64URL, '.', '=', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constantFrom('replace', 'insert'), pos: fc.nat(), char }),
    fc.record({ kind: fc.constant('delete'), pos: fc.nat(), char: fc.constant('') }),
    fc.record({ kind: fc.constant('flip'), pos: fc.nat(), char: fc.integer({ min: 0, max: 7 }).map(String) }),
  );
  function mutate(code: string, m: { kind: string; pos: number; char: string }): string {
    const i = m.pos % (code.length + (m.kind === 'insert' ? 1 : 0));
    if (m.kind === 'insert') return code.slice(0, i) + m.char + code.slice(i);
    if (m.kind === 'delete') return code.slice(0, i) + code.slice(i + 1);
    const replacement = m.kind === 'flip' ? String.fromCharCode(code.charCodeAt(i) ^ (1 << Number(m.char))) : m.char;
    return code.slice(0, i) + replacement + code.slice(i + 1);
  }

  it('one to three random character changes anywhere never verify', () => {
    const codes = [CODE, composeEventCode(secret, '讲座-2026', 'out', NOW)];
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const original = codes[which];
        const tampered = mutations.reduce(mutate, original);
        fc.pre(tampered.trim() !== original);
        expect(['CHECKIN_CODE_MALFORMED', 'CHECKIN_CODE_FORGED']).toContain(outcome(verifyEventCode(secret, tampered, NOW)));
      }),
      { numRuns: 1000 },
    );
  });

  it('a changed byte of the event id, tag or window, re-encoded properly, is forged', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 4), fc.nat(), fc.integer({ min: 1, max: 255 }), (part, pos, value) => {
        const bytes = fromBase64Url(CODE.split('.')[part])!;
        bytes[pos % bytes.length] ^= value;
        const result = verifyEventCode(secret, withPart(CODE, part, toBase64Url(bytes)), NOW);
        // A changed event id may no longer be UTF-8: then it is malformed; never does it verify.
        expect(['CHECKIN_CODE_MALFORMED', 'CHECKIN_CODE_FORGED']).toContain(outcome(result));
        if (part === 4) expect(outcome(result)).toBe('CHECKIN_CODE_FORGED');
      }),
    );
    const w = windowOf(NOW);
    expect(outcome(verifyEventCode(secret, withPart(CODE, 2, String(w + 1)), NOW))).toBe('CHECKIN_CODE_FORGED');
    expect(outcome(verifyEventCode(secret, withPart(CODE, 3, 'o'), NOW))).toBe('CHECKIN_CODE_FORGED');
    const otherEvent = toBase64Url(utf8('ev-other'));
    expect(outcome(verifyEventCode(secret, withPart(CODE, 1, otherEvent), NOW))).toBe('CHECKIN_CODE_FORGED');
  });

  it('a code made with another secret is forged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (other) => {
        fc.pre(!Buffer.from(other).equals(secret));
        const forged = composeEventCode(Buffer.from(other), 'ev-lecture', 'in', NOW);
        expect(outcome(verifyEventCode(secret, forged, NOW))).toBe('CHECKIN_CODE_FORGED');
      }),
      { numRuns: 50 },
    );
    expect(outcome(verifyEventCode(randomBytes(32), CODE, NOW))).toBe('CHECKIN_CODE_FORGED');
  });

  it('refuses malformed codes', () => {
    const w = String(windowOf(NOW));
    for (const code of [
      '',
      'Y1E',
      CODE.replace(/^Y1E/, 'Y1F'),
      `${CODE}.x`,
      withPart(CODE, 2, `0${w}`),
      withPart(CODE, 2, 'abc'),
      withPart(CODE, 3, 'x'),
      withPart(CODE, 1, ''),
      withPart(CODE, 1, 'A'),
      withPart(CODE, 1, toBase64Url(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))),
    ]) {
      expect([code, outcome(verifyEventCode(secret, code, NOW))]).toEqual([code, 'CHECKIN_CODE_MALFORMED']);
    }
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        expect(verifyEventCode(secret, text, NOW).ok).toBe(false);
        expect(verifyEventCode(secret, `Y1E.${text}`, NOW).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('event code: window tolerance', () => {
  it('verifies one window either side of the verifier, and is expired or not yet valid beyond', () => {
    const w = windowOf(NOW);
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 0, max: WINDOW_MS - 1 }), (d, offset) => {
        const at = new Date((w + d) * WINDOW_MS + offset);
        const expected = Math.abs(d) <= 1 ? 'ok' : d > 0 ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_NOT_YET_VALID';
        expect(outcome(verifyEventCode(secret, CODE, at))).toBe(expected);
      }),
      { numRuns: 500 },
    );
    for (const d of [-2, -1, 0, 1, 2]) {
      const at = new Date((w + d) * WINDOW_MS);
      expect([d, outcome(verifyEventCode(secret, CODE, at))]).toEqual([d, Math.abs(d) <= 1 ? 'ok' : d > 0 ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_NOT_YET_VALID']);
    }
  });

  it('a photo of the projector stops working within a minute', () => {
    expect(verifyEventCode(secret, CODE, new Date(NOW.getTime() + WINDOW_MS)).ok).toBe(true);
    expect(outcome(verifyEventCode(secret, CODE, new Date(NOW.getTime() + 2 * WINDOW_MS)))).toBe('CHECKIN_CODE_EXPIRED');
  });
});
