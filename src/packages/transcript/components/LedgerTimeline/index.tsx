import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LedgerEntryView } from '../../../../../types/models';
import { entryTag, hoursText, signedCredits } from '../../../../utils/credits';
import { campusTime } from '../../../../utils/time';
import './index.scss';

interface Props {
  /** Newest first, as getMyTranscript returns them. */
  entries: LedgerEntryView[];
  /** How many to show before 展开全部. */
  initial?: number;
}

/**
 * 学分明细: every ledger entry, newest first — what it was for, which module, where it came from (签到 / 申诉 / 团委认定 /
 * 更正 …) and the amount with its sign. Corrections are entries of their own with their reason, never edits.
 */
export default function LedgerTimeline({ entries, initial = 20 }: Props) {
  const [all, setAll] = useState(false);
  if (entries.length === 0) {
    return <Text className='ledger-empty'>还没有学分记录。参加活动并签到后，学分会自动记入。</Text>;
  }
  const shown = all ? entries : entries.slice(0, initial);
  return (
    <View className='ledger'>
      {shown.map((e) => {
        const { tag, label } = entryTag(e);
        const at = campusTime(e.at);
        return (
          <View key={e.key} className={`ledger-entry ledger-entry--${tag}`} data-key={e.key} data-tag={tag} data-event-id={e.eventId ?? ''}>
            <View className='ledger-entry__date'>
              <Text className='ledger-entry__day'>{at.format('M月D日')}</Text>
              <Text className='ledger-entry__year'>{at.format('YYYY')}</Text>
            </View>
            <View className='ledger-entry__main'>
              <Text className='ledger-entry__title ledger-title'>{e.title}</Text>
              <View className='ledger-entry__meta'>
                <Text className={`ledger-entry__tag ledger-tag ledger-tag--${tag}`}>{label}</Text>
                <Text className='ledger-entry__module ledger-module'>{e.moduleName}</Text>
                {e.hours > 0 ? <Text className='ledger-entry__hours'>{` · ${hoursText(e.hours)}`}</Text> : null}
              </View>
              {e.reason ? <Text className='ledger-entry__reason ledger-reason'>{`${e.kind === 'reversal' ? '更正原因' : '说明'}：${e.reason}`}</Text> : null}
            </View>
            <Text className={`ledger-entry__amount ledger-amount ${e.amount < 0 ? 'ledger-amount--minus' : ''}`}>{signedCredits(e.amount)}</Text>
          </View>
        );
      })}
      {entries.length > initial ? (
        <Text className='ledger-more' onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${entries.length} 条`}
        </Text>
      ) : null}
    </View>
  );
}
