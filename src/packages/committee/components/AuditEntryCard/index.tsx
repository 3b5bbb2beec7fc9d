import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../../../../../types/models';
import { campusTime } from '../../../../utils/time';
import { auditActionLabel } from '../../logic/audit-labels';
import { auditSentence, type AuditLookups } from '../../logic/audit-sentence';
import './index.scss';

/**
 * One change in the audit log, as a sentence: when (Shanghai time), who (a name), what they did to whom on which event,
 * and why. A card on a phone, a table row on a desk. Plain text only.
 */
export default function AuditEntryCard({ entry, lookups }: { entry: AuditEntry; lookups: AuditLookups }) {
  const s = auditSentence(entry, lookups);
  const at = campusTime(entry.at);
  return (
    <View className={`audit-entry-card audit-entry audit-entry--${entry.action.replace(/\./g, '-')}`} data-action={entry.action} data-id={entry.id}>
      <Text className='audit-entry-card__time audit-time'>{at.format('YYYY年M月D日 HH:mm')}</Text>
      <Text className='audit-entry-card__actor audit-actor'>{s.who}</Text>
      <View className='audit-entry-card__body'>
        <Text className='audit-entry-card__sentence audit-sentence'>
          <Text className='audit-entry-card__who'>{s.who}</Text> {s.what}
        </Text>
        {s.note ? <Text className='audit-entry-card__note audit-detail'>{s.note}</Text> : null}
      </View>
      <Text className='audit-entry-card__action audit-action'>{auditActionLabel(entry.action)}</Text>
    </View>
  );
}
