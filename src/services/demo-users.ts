import type { StudentProfile } from '../../types/models';
import { call, codeOf } from './api';

/**
 * H5 demo mode: the seeded students a tester may act as. The weapp build resolves this module to
 * demo-users.weapp.ts, so it never asks for them. Resolves to null when the server is not in demo mode (FORBIDDEN)
 * or unreachable: the switch stays hidden.
 */
export async function fetchDemoUsers(): Promise<StudentProfile[] | null> {
  try {
    const { users } = await call('listDemoUsers', {});
    return users;
  } catch (error) {
    if (codeOf(error) !== 'FORBIDDEN') console.warn('[demo] listDemoUsers failed', error);
    return null;
  }
}
