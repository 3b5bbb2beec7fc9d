import { Text } from '@tarojs/components';
import './index.scss';

interface Props {
  status: 'confirmed' | 'waitlisted' | 'pending' | 'queued' | 'applied';
  /** Overrides the default wording (已报名 / 候补中), e.g. 候补第 3 位. */
  label?: string;
}

/**
 * The student's own status on an event card: 已报名 (green), 候补中 (orange), 待审核 (grey: an application), or 确认中
 * (blue: a sign-up in a rush, being placed in the order it came), or 已申请抽签 (blue: a lottery entry awaiting the draw).
 */
const DEFAULT_LABELS: Record<Props['status'], string> = { confirmed: '已报名', pending: '待审核', waitlisted: '候补中', queued: '确认中', applied: '已申请抽签' };

export default function StatusBadge({ status, label }: Props) {
  const text = label ?? DEFAULT_LABELS[status];
  return <Text className={`status-badge status-badge--${status} status-${status}`}>{text}</Text>;
}
