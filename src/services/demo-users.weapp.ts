import type { DemoUser } from '../../types/models';

/** No demo users on WeChat. */
export async function fetchDemoUsers(): Promise<DemoUser[] | null> {
  return null;
}
