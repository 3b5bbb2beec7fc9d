import type { StudentProfile } from '../../types/models';

/** No demo users on WeChat. */
export async function fetchDemoUsers(): Promise<StudentProfile[] | null> {
  return null;
}
