import type { StudentProfile } from '../../../types/models';

export interface DemoUserSwitchProps {
  users: StudentProfile[];
  current: string | null;
  /** null: act as an anonymous visitor (no bound student), to try the 未绑定 flows. */
  onSelect: (studentNo: string | null) => void;
}
