import type { DemoUser } from '../../types/models';
import { call, codeOf } from './api';

/**
 * H5 demo mode: the identities a tester may act as (the committee, officers, new WeChat users, students). The weapp
 * build resolves this module to demo-users.weapp.ts, so it never asks for them. Resolves to null when the server is
 * not in demo mode (FORBIDDEN) or unreachable: the switch stays hidden.
 */
export async function fetchDemoUsers(): Promise<DemoUser[] | null> {
  try {
    const { users } = await call('listDemoUsers', {});
    return users;
  } catch (error) {
    if (codeOf(error) !== 'FORBIDDEN') console.warn('[demo] listDemoUsers failed', error);
    return null;
  }
}
