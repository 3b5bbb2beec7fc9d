import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '../../../../types/enums';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeStore } from '../stores/committee';
import { roleText } from '../../../utils/roles';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import FormField from '../components/FormField';
import './index.scss';

/** What the scope box asks for, per role. */
const SCOPE: Record<Role, { label: string; placeholder: string; hint: string }> = {
  branch_officer: { label: '团支部', placeholder: '团支部全称', hint: '与名单中的团支部全称一致' },
  college_officer: { label: '学院', placeholder: '二级学院名称', hint: '与名单中“二级学院”一致，如“医学院”' },
  committee_admin: { label: '范围', placeholder: '校团委无需填写', hint: '校团委可管理全校，不需要范围' },
};

const ROLE_NOTES: Record<Role, string> = {
  branch_officer: '本支部成员',
  college_officer: '本学院各团支部',
  committee_admin: '名单 · 角色 · 审计',
};

/** Checks what the server would refuse anyway, before a round trip. */
function check(account: string, role: Role, scope: string): string | null {
  if (account.length < 6) return '请填写学号或 openid（至少 6 位）';
  if (role === 'branch_officer' && !scope) return '请填写所属团支部';
  if (role === 'college_officer' && !scope) return '请填写所属学院';
  return null;
}

/**
 * 角色管理 (committee): grant or revoke a role for an account named by 学号 (a bound student) or openid (a teacher),
 * then show every role that account holds now. Refusals are the server's sentences.
 */
export default function RolesPage() {
  const access = useCommitteeAccess();
  const { roleBusy, roleOutcome } = useCommitteeStore();
  const { changeRole, clearRoleOutcome } = useCommitteeStore.getState();
  const [account, setAccount] = useState('');
  const [role, setRole] = useState<Role>('branch_officer');
  const [scope, setScope] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [toastNode, showToast] = usePageToast();

  const hero = <CommitteeHero title='角色管理' subtitle='为团干部、院团总支和校团委老师授予或撤销权限；每次变更都记入审计日志' />;

  function content() {
    function edited() {
      if (localError) setLocalError(null);
    }

    function pickRole(next: Role) {
      setRole(next);
      if (next === 'committee_admin') setScope('');
      edited();
    }

    async function submit(kind: 'grant' | 'revoke') {
      if (roleBusy) return;
      const input = { account: account.trim(), role, scope: role === 'committee_admin' ? '' : scope.trim() };
      const invalid = check(input.account, input.role, input.scope);
      if (invalid) {
        setLocalError(invalid);
        clearRoleOutcome();
        return;
      }
      setLocalError(null);
      const outcome = await changeRole(kind, input);
      if (outcome.ok) showToast(kind === 'grant' ? '已授予' : '已撤销', 'success');
    }

    const scopeSpec = SCOPE[role];
    const outcome = roleOutcome;

    return (
      <>
        {hero}

        <View className='roles-page__card roles-form'>
          <FormField
            label='账号'
            hook='role-account'
            value={account}
            maxlength={64}
            placeholder='学号或 openid'
            hint='学生填学号（须已绑定微信）；老师填 openid'
            onInput={(v) => {
              setAccount(v);
              edited();
            }}
          />

          <View className='roles-page__roles'>
            <Text className='roles-page__label'>角色</Text>
            <View className='roles-page__options'>
              {ROLES.map((r) => (
                <View
                  key={r}
                  className={`roles-page__option role-pick role-pick-${r} ${r === role ? 'roles-page__option--active role-pick--active' : ''}`}
                  onClick={() => pickRole(r)}
                >
                  <Text className='roles-page__option-name'>{ROLE_LABELS[r]}</Text>
                  <Text className='roles-page__option-note'>{ROLE_NOTES[r]}</Text>
                </View>
              ))}
            </View>
          </View>

          <FormField
            label={scopeSpec.label}
            hook='role-scope'
            value={role === 'committee_admin' ? '' : scope}
            maxlength={64}
            disabled={role === 'committee_admin'}
            placeholder={scopeSpec.placeholder}
            hint={scopeSpec.hint}
            onInput={(v) => {
              setScope(v);
              edited();
            }}
          />

          {localError ? <Text className='roles-page__error role-error'>{localError}</Text> : null}

          <View className='roles-page__buttons'>
            <Button
              className='roles-page__button role-grant'
              type='primary'
              disabled={roleBusy !== null}
              loading={roleBusy === 'grant'}
              onClick={() => void submit('grant')}
            >
              授予
            </Button>
            <Button
              className='roles-page__button role-revoke'
              type='primary'
              fill='outline'
              disabled={roleBusy !== null}
              loading={roleBusy === 'revoke'}
              onClick={() => void submit('revoke')}
            >
              撤销
            </Button>
          </View>
        </View>

        {outcome ? (
          outcome.ok ? (
            <View className='roles-page__card roles-page__result role-result'>
              <Text className='roles-page__result-title'>
                {outcome.kind === 'grant' ? '已授予' : '已撤销'} · {outcome.account} 现有角色
              </Text>
              {outcome.openid !== outcome.account ? <Text className='roles-page__result-openid'>微信账号 {outcome.openid}</Text> : null}
              {outcome.roles.length ? (
                <View className='roles-page__chips'>
                  {outcome.roles.map((g) => (
                    <Text key={`${g.role}:${g.scope}`} className={`roles-page__chip role-result-chip role-result-chip--${g.role}`}>
                      {roleText(g)}
                    </Text>
                  ))}
                </View>
              ) : (
                <Text className='roles-page__none'>该账号目前没有任何角色</Text>
              )}
            </View>
          ) : (
            <View className='roles-page__card roles-page__result roles-page__result--error role-result role-result--error role-error'>
              <Text className='roles-page__result-title'>{outcome.kind === 'grant' ? '未能授予' : '未能撤销'}</Text>
              <Text className='roles-page__result-message'>{outcome.message}</Text>
            </View>
          )
        ) : (
          <Text className='roles-page__foot'>授予或撤销后，这里会列出该账号现有的全部角色。对方重新打开小程序后生效。</Text>
        )}
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='roles-page' hero={hero} checking={<CommitteeSkeleton count={2} />}>
      {content}
    </CommitteeGate>
  );
}
