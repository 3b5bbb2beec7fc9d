import type { DemoUser } from '../../../types/models';

export interface DemoUserSwitchProps {
  users: DemoUser[];
  /** The demo identity in use (X-Demo-User), or null for an anonymous visitor. */
  current: string | null;
  /** null: act as an anonymous visitor (no WeChat identity), to try the 未登录 / 未绑定 flows. */
  onSelect: (id: string | null) => void;
}

/** The test hook of one identity: `demo-user-<id>`, with anything a class name cannot hold replaced by `_`. */
export function demoUserHook(id: string): string {
  return `demo-user-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
