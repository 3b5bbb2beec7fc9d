import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CheckinStaff } from '../../../../../types/models';
import PersonPicker, { type PickedPerson } from '../../../../shared/components/PersonPicker';
import './index.scss';

interface Props {
  staff: CheckinStaff[];
  busy: boolean;
  /** Resolves with the refusal to show, or null when done. */
  onChange: (account: string, assigned: boolean) => Promise<string | null>;
}

/** How a helper reads: 陈雯 · 2023011102 · 23级软件技术1班团支部; a teacher: 王老师 · 老师; unknown: 未知账号. */
export function staffLine(s: CheckinStaff): { name: string; detail: string } {
  if (s.studentNo) return { name: s.name ?? s.studentNo, detail: [s.studentNo, s.branch].filter(Boolean).join(' · ') };
  if (s.name) return { name: s.name, detail: '老师（已接受邀请）' };
  return { name: '未知账号', detail: '未绑定学号，也未接受邀请' };
}

/**
 * 签到员: accounts the organiser assigns to scan for this event (a volunteer from another branch, a teacher), found by
 * name or 学号 and picked (PersonPicker; a teacher is found once they accepted an invitation) — nobody types an openid.
 * They see the event under 签到管理 whatever their roles.
 */
export default function StaffSection({ staff, busy, onChange }: Props) {
  const [error, setError] = useState<string | null>(null);

  async function change(target: string, assigned: boolean) {
    if (busy) return;
    const refusal = await onChange(target.trim(), assigned);
    setError(refusal);
  }

  function pick(picked: PickedPerson) {
    if (picked.kind === 'student' && !picked.person.bound) {
      setError(`${picked.person.name} 尚未绑定微信，绑定学号后才能指派`);
      return;
    }
    void change(picked.account, true);
  }

  return (
    <View className='staff-section'>
      <View className='staff-section__head'>
        <Text className='staff-section__title'>签到员</Text>
        <Text className='staff-section__hint'>指派后可为本活动扫码签到</Text>
      </View>
      {staff.length ? (
        staff.map((s) => {
          const line = staffLine(s);
          return (
            <View key={s.account} className='staff-section__item staff-item' data-account={s.account}>
              <View className='staff-section__who'>
                <Text className='staff-section__name staff-name'>{line.name}</Text>
                <Text className='staff-section__detail staff-detail'>{line.detail}</Text>
              </View>
              <Text className='staff-section__remove staff-remove' onClick={() => void change(s.account, false)}>
                取消指派
              </Text>
            </View>
          );
        })
      ) : (
        <Text className='staff-section__none staff-none'>尚未指派签到员（本团支部团干部默认可签到）</Text>
      )}
      <View className='staff-section__row staff-account'>
        <PersonPicker onPick={pick} placeholder='指派签到员：输入姓名或学号' hint='找到后点一下这一行即指派' />
      </View>
      {error ? <Text className='staff-section__error staff-error'>{error}</Text> : null}
    </View>
  );
}
