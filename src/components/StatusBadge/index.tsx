import { Text } from '@tarojs/components';
import './index.scss';

interface Props {
  status: 'confirmed' | 'waitlisted';
  /** Overrides the default wording (已报名 / 候补中), e.g. 候补第 3 位. */
  label?: string;
}

/** The student's own status on an event card: 已报名 (green) or 候补中 (orange). */
export default function StatusBadge({ status, label }: Props) {
  const text = label ?? (status === 'confirmed' ? '已报名' : '候补中');
  return <Text className={`status-badge status-badge--${status} status-${status}`}>{text}</Text>;
}
