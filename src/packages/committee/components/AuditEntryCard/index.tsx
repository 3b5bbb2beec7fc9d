import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../../../../../types/models';
import { campusTime } from '../../../../utils/time';
import { auditActionLabel, auditDetailLines, auditTargetLabel } from '../../logic/audit-labels';
import './index.scss';

/** One change in the audit log: what, when (campus time), who did it, to whom, and the details. Plain text only. */
export default function AuditEntryCard({ entry }: { entry: AuditEntry }) {
  const lines = auditDetailLines(entry.detail);
  return (
    <View className={`audit-entry-card audit-entry audit-entry--${entry.action}`} data-action={entry.action} data-id={entry.id}>
      <View className='audit-entry-card__head'>
        <Text className={`audit-entry-card__action audit-action audit-entry-card__action--${entry.action}`}>{auditActionLabel(entry.action)}</Text>
        <Text className='audit-entry-card__time audit-time'>{campusTime(entry.at).format('YYYY-MM-DD HH:mm:ss')}</Text>
      </View>
      <View className='audit-entry-card__fact'>
        <Text className='audit-entry-card__key'>操作人</Text>
        <Text className='audit-entry-card__value audit-actor'>{entry.actor}</Text>
      </View>
      <View className='audit-entry-card__fact'>
        <Text className='audit-entry-card__key'>{auditTargetLabel(entry.action)}</Text>
        <Text className='audit-entry-card__value audit-target'>{entry.target}</Text>
      </View>
      {lines.length ? (
        <View className='audit-entry-card__detail audit-detail'>
          {lines.map((l, i) => (
            <Text key={`${l.key}:${i}`} className='audit-entry-card__detail-line'>
              {l.text}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
