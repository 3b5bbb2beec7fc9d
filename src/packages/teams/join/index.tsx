import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageHero from '../../../shared/components/PageHero';
import { routeParam } from '../../../utils/navigation';
import { replaceWithMyTeams } from '../routes';
import { useTeamsStore } from '../stores/teams';
import '../page.scss';
import PageHeader from '../../../components/PageHeader';

/** What may be typed: letters and digits, upper case, at most 6. */
function cleanCode(value: string): string {
  return value.replace(/[^0-9a-z]/gi, '').toUpperCase().slice(0, 6);
}

/** 加入团队 (`?code=` prefills): the 6-character join code the leader shared. */
export default function JoinTeamPage() {
  const [code, setCode] = useState(cleanCode(routeParam(useRouter().params.code)));
  const [error, setError] = useState<string | null>(null);
  const busy = useTeamsStore((s) => s.busy === 'join');

  async function submit() {
    if (code.length !== 6) {
      setError('入队码为 6 位字母或数字，请向队长核对');
      return;
    }
    setError(null);
    const result = await useTeamsStore.getState().join(code);
    if (!result.ok) setError(result.message);
    else replaceWithMyTeams();
  }

  return (
    <View className='teams-page join-team-page'>
      <PageHeader title='加入团队' />
      <PageHero badge='社会实践' title='凭入队码加入团队' subtitle='入队码由队长在“我的团队”中分享' tall />
      <View className='teams-card join-form'>
        <Text className='join-form__label'>入队码</Text>
        <Input
          className='join-form__input join-code-input'
          value={code}
          maxlength={8}
          placeholder='6 位字母或数字'
          placeholderClass='team-field__placeholder'
          confirmType='done'
          onInput={(e) => {
            const next = cleanCode(e.detail.value);
            setCode(next);
            setError(null);
            return next;
          }}
          onConfirm={() => void submit()}
        />
        {error ? <Text className='team-error join-error'>{error}</Text> : null}
        <Button className='team-button team-button--wide join-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          加入团队
        </Button>
      </View>
      <Text className='teams-page__note'>每个活动只能加入一个团队；团队整体报名后成员不能再变动。</Text>
    </View>
  );
}
