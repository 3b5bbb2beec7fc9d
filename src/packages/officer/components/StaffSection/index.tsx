import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';

interface Props {
  staff: string[];
  busy: boolean;
  /** Resolves with the refusal to show, or null when done. */
  onChange: (account: string, assigned: boolean) => Promise<string | null>;
}

/**
 * 签到员: accounts the organiser assigns to scan for this event (a volunteer from another branch, a teacher), by
 * 学号 or openid. They see the event under 签到管理 whatever their roles.
 */
export default function StaffSection({ staff, busy, onChange }: Props) {
  const [account, setAccount] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function change(target: string, assigned: boolean) {
    const value = target.trim();
    if (value.length < 6) {
      setError('请填写学号或 openid（至少 6 位）');
      return;
    }
    const refusal = await onChange(value, assigned);
    setError(refusal);
    if (!refusal && assigned) setAccount('');
  }

  return (
    <View className='staff-section'>
      <View className='staff-section__head'>
        <Text className='staff-section__title'>签到员</Text>
        <Text className='staff-section__hint'>指派后可为本活动扫码签到</Text>
      </View>
      {staff.length ? (
        staff.map((s) => (
          <View key={s} className='staff-section__item staff-item' data-account={s}>
            <Text className='staff-section__account'>{s}</Text>
            <Text className='staff-section__remove staff-remove' onClick={() => void change(s, false)}>
              取消指派
            </Text>
          </View>
        ))
      ) : (
        <Text className='staff-section__none staff-none'>尚未指派签到员（本团支部团干部默认可签到）</Text>
      )}
      <View className='staff-section__row'>
        <Input
          className='staff-section__input staff-account'
          value={account}
          maxlength={64}
          placeholder='学号或 openid'
          placeholderClass='staff-section__placeholder'
          onInput={(e) => {
            setAccount(e.detail.value);
            setError(null);
          }}
        />
        <Button className='staff-section__add staff-add' type='primary' size='small' fill='outline' disabled={busy || !account.trim()} onClick={() => void change(account, true)}>
          指派
        </Button>
      </View>
      {error ? <Text className='staff-section__error staff-error'>{error}</Text> : null}
    </View>
  );
}
