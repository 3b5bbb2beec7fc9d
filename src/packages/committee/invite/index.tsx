import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../../../types/enums';
import PageHero from '../../../shared/components/PageHero';
import { openCommitteeHome, openMe } from '../../../utils/navigation';
import { roleText } from '../../../utils/roles';
import { formatDateTime } from '../../../utils/time';
import { useDeskLayout } from '../hooks/use-desk-layout';
import { useInviteStore } from '../stores/invite';
import './index.scss';

const REFUSAL_TITLES: Record<string, string> = {
  INVITATION_EXPIRED: '邀请已过期',
  INVITATION_USED: '邀请已被使用',
  INVITATION_REVOKED: '邀请已撤回',
  INVITATION_UNKNOWN: '邀请码不正确',
  NOT_SIGNED_IN: '请在微信小程序中打开',
};

/**
 * 接受角色邀请 (anyone signed in with WeChat): opened from the committee's QR (扫一扫 on 我的), a shared link, or by typing
 * the code. Shows who is invited to what and until when, then accepts: the account gets the role (once). Test hooks:
 * `.invite-page`, `.invite-code-input` (H5: `… input`) + `.invite-open`, `.invite-offer` (`.invite-offer-role`,
 * `.invite-offer-name`), `.invite-accept`, `.invite-accepted`, `.invite-refused[data-code]` + `.invite-refused-message`.
 */
export default function InvitePage() {
  useDeskLayout();
  const router = useRouter();
  const s = useInviteStore();
  const [typed, setTyped] = useState('');
  const fromLink = router.params.code ? decodeURIComponent(router.params.code) : '';

  useEffect(() => {
    if (fromLink && useInviteStore.getState().code !== fromLink) void useInviteStore.getState().open(fromLink);
  }, [fromLink]);

  const role = s.accepted ?? s.preview;
  return (
    <View className='committee-page invite-page'>
      <PageHero badge='角色邀请' title='接受角色邀请' subtitle='校团委邀请你在“青年第二课堂”中担任角色；确认后，你的微信账号即获得相应权限' />
      <View className='invite-page__body'>
        {!fromLink && s.phase === 'idle' ? (
          <View className='invite-page__card'>
            <Text className='invite-page__title'>输入邀请码</Text>
            <Text className='invite-page__note'>校团委发给你的 16 位邀请码（如 ABCD-EFGH-JKMN-PQRS），或扫描邀请二维码。</Text>
            <Input className='invite-page__input invite-code-input' value={typed} maxlength={40} placeholder='XXXX-XXXX-XXXX-XXXX' onInput={(e) => setTyped(e.detail.value)} />
            <Button className='invite-open' type='primary' block onClick={() => void s.open(typed.trim())}>
              查看邀请
            </Button>
          </View>
        ) : null}

        {s.phase === 'loading' ? <Text className='invite-page__note invite-loading'>正在读取邀请…</Text> : null}

        {role && s.preview && (s.phase === 'shown' || s.phase === 'accepting') ? (
          <View className='invite-page__card invite-offer'>
            <Text className='invite-page__greeting invite-offer-name'>{s.preview.inviteeName}，你好</Text>
            <Text className='invite-page__text'>校团委邀请你担任</Text>
            <Text className='invite-page__role invite-offer-role'>{roleText(s.preview)}</Text>
            <Text className='invite-page__note'>
              {s.preview.state === 'open' ? `本邀请 ${formatDateTime(s.preview.expiresAt)} 前有效，只能使用一次。` : ''}
              确认后，你当前登录的微信账号将获得「{ROLE_LABELS[s.preview.role]}」的权限；如果这不是给你的邀请，请不要接受。
            </Text>
            <Button className='invite-page__button invite-accept' type='primary' block loading={s.phase === 'accepting'} onClick={() => void s.accept()}>
              接受邀请
            </Button>
          </View>
        ) : null}

        {s.phase === 'accepted' && s.accepted ? (
          <View className='invite-page__card invite-page__card--ok invite-accepted'>
            <Text className='invite-page__mark'>✓</Text>
            <Text className='invite-page__title'>你已成为{roleText(s.accepted)}</Text>
            <Text className='invite-page__note'>已记入审计日志。现在可以使用对应的功能了。</Text>
            <View className='invite-page__actions'>
              {s.accepted.role === 'committee_admin' ? (
                <Button className='invite-open-home' type='primary' onClick={openCommitteeHome}>
                  打开校团委工作台
                </Button>
              ) : null}
              <Button className='invite-open-me' type='primary' fill='outline' onClick={openMe}>
                去“我的”
              </Button>
            </View>
          </View>
        ) : null}

        {s.phase === 'refused' && s.refusal ? (
          <View className='invite-page__card invite-page__card--refused invite-refused' data-code={s.refusal.code ?? ''}>
            <Text className='invite-page__title'>{REFUSAL_TITLES[s.refusal.code ?? ''] ?? '无法接受邀请'}</Text>
            <Text className='invite-page__text invite-refused-message'>{s.refusal.message}</Text>
            <Button className='invite-page__button back-button' type='primary' fill='outline' block onClick={openMe}>
              返回我的
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  );
}
