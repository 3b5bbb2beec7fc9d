import { Text } from '@tarojs/components';
import './index.scss';

interface Props {
  status: 'confirmed' | 'waitlisted' | 'pending';
  /** Overrides the default wording (已报名 / 候补中), e.g. 候补第 3 位. */
  label?: string;
}

/** The student's own status on an event card: 已报名 (green), 候补中 (orange) or 待审核 (grey: an application). */
export default function StatusBadge({ status, label }: Props) {
  const text = label ?? (status === 'confirmed' ? '已报名' : status === 'pending' ? '待审核' : '候补中');
  return <Text className={`status-badge status-badge--${status} status-${status}`}>{text}</Text>;
}
