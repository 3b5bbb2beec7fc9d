import { create } from 'zustand';
import { call, codeOf, messageOf } from '../../../services/api';

/**
 * H5 web login (it lives in the subpackage, so none of it ships in the main package): a one-time
 * ticket shown as a QR code, then polled until the mini program confirms it (a session token) or it lapses.
 *
 *   starting → waiting → confirmed (the page stores the token and goes to 我的)
 *                      → expired (TICKET_INVALID: 5 minutes passed, or the ticket was used) → 刷新 → starting
 *   starting → failed (no ticket: offline, server error) → 重试 → starting
 */
export type WebLoginPhase = 'idle' | 'starting' | 'waiting' | 'expired' | 'confirmed' | 'failed';

/** A ticket lives 5 minutes on the server; used when the browser's clock disagrees with the server's expiresAt. */
const TICKET_TTL_MS = 5 * 60_000;

interface WebLoginState {
  phase: WebLoginPhase;
  ticket: string | null;
  /** What the QR code carries: `ysc-login:<ticket>`. */
  qrText: string | null;
  /** When the ticket lapses, on this browser's clock (ms): for the countdown only, the server decides. */
  deadline: number | null;
  /** Why no ticket could be had (phase failed). */
  error: string | null;
  /** The last poll did not get through (offline, server hiccup): still waiting, polling goes on. */
  unstable: boolean;

  /** A new ticket (the first one, or 刷新 after it lapsed). */
  start: () => Promise<void>;
  /** One poll. Resolves with the session token once the mini program confirmed, else null. */
  poll: () => Promise<string | null>;
  reset: () => void;
}

// Answers for a ticket that was replaced (刷新) or a page that was left must not land on the new state.
let seq = 0;

/** The countdown's end: the server's expiresAt, unless the two clocks disagree by more than the ticket's lifetime. */
function localDeadline(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return now + (Number.isFinite(left) && left > 0 && left <= 2 * TICKET_TTL_MS ? left : TICKET_TTL_MS);
}

export const useWebLoginStore = create<WebLoginState>()((set, get) => ({
  phase: 'idle',
  ticket: null,
  qrText: null,
  deadline: null,
  error: null,
  unstable: false,

  async start() {
    const mine = ++seq;
    set({ phase: 'starting', error: null, unstable: false });
    try {
      const { ticket, qrText, expiresAt } = await call('startWebLogin', {});
      if (mine !== seq) return;
      set({ phase: 'waiting', ticket, qrText, deadline: localDeadline(expiresAt, Date.now()) });
    } catch (error) {
      if (mine !== seq) return;
      set({ phase: 'failed', ticket: null, qrText: null, deadline: null, error: messageOf(error) });
    }
  },

  async poll() {
    const { phase, ticket } = get();
    if (phase !== 'waiting' || !ticket) return null;
    const mine = seq;
    try {
      const result = await call('pollWebLogin', { ticket });
      if (result.status === 'confirmed') {
        // The ticket is spent now: the token must reach the caller even if the page moved on meanwhile.
        if (mine === seq) set({ phase: 'confirmed', unstable: false });
        return result.sessionToken;
      }
      if (mine === seq) set({ unstable: false });
      return null;
    } catch (error) {
      if (mine !== seq) return null;
      const code = codeOf(error);
      if (code === 'TICKET_INVALID') set({ phase: 'expired', unstable: false });
      else if (code === 'NETWORK' || code === 'INTERNAL') set({ unstable: true });
      else set({ phase: 'failed', error: messageOf(error), unstable: false });
      return null;
    }
  },

  reset() {
    seq++;
    set({ phase: 'idle', ticket: null, qrText: null, deadline: null, error: null, unstable: false });
  },
}));
