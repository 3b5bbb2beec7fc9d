import { call } from './api';
import { getWebSession, setWebSession } from './web-session';

/**
 * H5 退出网页登录: revoke the session on the server (endWebSession, sent with the token), then forget the token
 * whatever the answer: offline or already expired, this browser must stop using it, and the server lets it lapse.
 * The weapp build resolves this module to web-logout.weapp.ts (nothing to end).
 */
export async function endWebLogin(): Promise<void> {
  try {
    if (getWebSession()) await call('endWebSession', {});
  } catch (error) {
    console.warn('[web-login] endWebSession failed', error);
  }
  setWebSession(null);
}
