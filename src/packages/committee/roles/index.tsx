import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '../../../../types/enums';
import type { RoleGrantView } from '../../../../types/models';
import { usePageToast } from '../../../components/PageToast';
import PersonPicker, { type PickedPerson } from '../../../shared/components/PersonPicker';
import { copyText } from '../../../shared/services/clipboard';
import { roleText } from '../../../utils/roles';
import { formatDateTime } from '../../../utils/time';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import BranchPicker from '../../../shared/components/BranchPicker';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import FormField from '../components/FormField';
import InviteQr from '../components/InviteQr';
import { useCommitteeStore } from '../stores/committee';
import { usePeopleStore } from '../stores/people';
import './index.scss';

const ROLE_NOTES: Record<Role, string> = {
  branch_officer: '本支部成员、签到、申诉',
  college_officer: '本学院活动、学分、看板',
  committee_admin: '全校：名单、角色、审计',
  contest_judge: '百生讲坛：评审分配给自己的作品',
};

const EXPIRY = [
  { hours: 24, label: '1 天' },
  { hours: 72, label: '3 天' },
  { hours: 168, label: '7 天' },
];

const STATE_LABELS = { open: '待接受', accepted: '已接受', revoked: '已撤回', expired: '已过期' } as const;

/** What the role needs besides itself, checked before a round trip (the server checks again). */
function scopeProblem(role: Role, scope: string): string | null {
  if (role === 'branch_officer' && !scope) return '请在下方选择团支部';
  if (role === 'college_officer' && !scope) return '请在下方选择学院';
  return null;
}

function RolePicker({ value, onChange, hook }: { value: Role; onChange: (r: Role) => void; hook: string }) {
  return (
    <View className='roles-page__options'>
      {ROLES.map((r) => (
        <View
          key={r}
          className={`roles-page__option ${hook} ${hook}-${r} ${r === value ? `roles-page__option--active ${hook}--active` : ''}`}
          onClick={() => onChange(r)}
        >
          <Text className='roles-page__option-name'>{ROLE_LABELS[r]}</Text>
          <Text className='roles-page__option-note'>{ROLE_NOTES[r]}</Text>
        </View>
      ))}
    </View>
  );
}

function ScopePicker({ role, scope, onChange, hook }: { role: Role; scope: string; onChange: (s: string) => void; hook: string }) {
  if (role === 'committee_admin') return <Text className='roles-page__note'>校团委可管理全校，不需要选择范围。</Text>;
  if (role === 'contest_judge') return <Text className='roles-page__note'>全校评委：可担任校赛与各学院院赛的评委，不需要选择范围。</Text>;
  return <BranchPicker mode={role === 'branch_officer' ? 'branch' : 'college'} value={scope} onChange={onChange} hook={hook} />;
}

/**
 * 角色管理 (committee): find a person on the roster by name or 学号 and give (or take) a role, the branch or college
 * picked from the roster; invite a teacher — who has no 学号 — with a one-time code they open in the mini program;
 * see and revoke invitations. Nobody types an openid.
 */
export default function RolesPage() {
  const access = useCommitteeAccess('committee', usePeopleStore((s) => s.forbidden));
  const { roleBusy, roleOutcome } = useCommitteeStore();
  const { changeRole, clearRoleOutcome } = useCommitteeStore.getState();
  const people = usePeopleStore();
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const [role, setRole] = useState<Role>('branch_officer');
  const [scope, setScope] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [inviteName, setInviteName] = useState('');
  const [inviteRole, setInviteRole] = useState<Role>('college_officer');
  const [inviteScope, setInviteScope] = useState('');
  const [expiry, setExpiry] = useState(72);
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [toastNode, showToast] = usePageToast();

  useEffect(() => {
    if (access.state === 'allowed' && !usePeopleStore.getState().invitationsLoaded) void usePeopleStore.getState().loadInvitations();
  }, [access.state]);
  // Shown again (back from another page, or a teacher accepted meanwhile): the invitations' states may have changed.
  useDidShow(() => {
    if (access.state === 'allowed' && usePeopleStore.getState().invitationsLoaded) void usePeopleStore.getState().loadInvitations();
  });

  const hero = <CommitteeHero title='角色管理' subtitle='按姓名或学号找到同学授予角色；老师没有学号，用一次性邀请码邀请。每次变更都记入审计日志' />;

  function content() {
    const outcome = roleOutcome && picked && roleOutcome.account === picked.account ? roleOutcome : null;
    const currentRoles: RoleGrantView[] = outcome?.ok ? outcome.roles : (picked?.person.roles ?? []);
    const unbound = picked?.kind === 'student' && !picked.person.bound;

    function pick(next: PickedPerson) {
      setPicked(next);
      setLocalError(null);
      clearRoleOutcome();
    }

    async function change(kind: 'grant' | 'revoke', input: { role: Role; scope: string }) {
      if (!picked || roleBusy) return;
      if (kind === 'grant') {
        const problem = unbound ? '该同学尚未绑定微信，绑定后才能授予角色（请其在小程序“我的”中绑定学号）' : scopeProblem(input.role, input.scope);
        if (problem) {
          setLocalError(problem);
          return;
        }
      }
      setLocalError(null);
      const result = await changeRole(kind, { account: picked.account, role: input.role, scope: input.role === 'committee_admin' ? '' : input.scope });
      if (result.ok) showToast(kind === 'grant' ? '已授予' : '已撤销', 'success');
    }

    async function invite() {
      const name = inviteName.trim();
      if (!name) return setInviteError('请填写受邀老师的姓名');
      const problem = scopeProblem(inviteRole, inviteScope);
      if (problem) return setInviteError(problem);
      setInviteError(null);
      const ok = await usePeopleStore.getState().createInvitation({
        role: inviteRole,
        scope: inviteRole === 'committee_admin' ? '' : inviteScope,
        inviteeName: name,
        expiresInHours: expiry,
      });
      if (ok) showToast('邀请已生成', 'success');
    }

    async function revokeInvitation(id: string) {
      const refusal = await usePeopleStore.getState().revokeInvitation(id);
      showToast(refusal ?? '已撤回邀请', refusal ? 'fail' : 'success');
    }

    const created = people.created;
    const link = created ? `${typeof window !== 'undefined' && window.location ? window.location.origin : ''}/#${created.path}` : '';

    return (
      <>
        {hero}
        <View className='roles-page__grid'>
          <View className='roles-page__main'>
          <View className='roles-page__card roles-grant-card'>
            <Text className='roles-page__title'>给名单中的同学授予角色</Text>
            <Text className='roles-page__step'>1 · 找到这位同学（或已接受邀请的老师）</Text>
            <PersonPicker selected={picked?.account ?? null} onPick={pick} />

            {picked ? (
              <View className='roles-page__person role-person' data-account={picked.account}>
                <View className='roles-page__person-head'>
                  <Text className='roles-page__person-name'>{picked.person.name}</Text>
                  <Text className='roles-page__person-meta'>
                    {picked.kind === 'student' ? `${picked.person.studentNo} · ${picked.person.branch}` : '老师（已接受邀请的微信账号）'}
                  </Text>
                </View>
                {unbound ? <Text className='roles-page__warn'>尚未绑定微信：请其在小程序“我的”中绑定学号后再授予角色。</Text> : null}
                <Text className='roles-page__label'>现有角色</Text>
                {currentRoles.length ? (
                  currentRoles.map((g) => (
                    <View key={`${g.role}:${g.scope}`} className='roles-page__current role-current' data-role={g.role} data-scope={g.scope}>
                      <Text className={`roles-page__chip role-result-chip role-result-chip--${g.role}`}>{roleText(g)}</Text>
                      <Button
                        className='roles-page__revoke role-current-revoke'
                        size='small'
                        fill='outline'
                        disabled={roleBusy !== null}
                        onClick={() => void change('revoke', { role: g.role, scope: g.scope })}
                      >
                        撤销
                      </Button>
                    </View>
                  ))
                ) : (
                  <Text className='roles-page__none'>目前没有任何角色</Text>
                )}

                <Text className='roles-page__step'>2 · 选择要授予的角色</Text>
                <RolePicker
                  value={role}
                  hook='role-pick'
                  onChange={(r) => {
                    setRole(r);
                    setScope('');
                    setLocalError(null);
                  }}
                />
                <Text className='roles-page__step'>3 · {role === 'branch_officer' ? '选择团支部' : role === 'college_officer' ? '选择学院' : '范围'}</Text>
                <ScopePicker role={role} scope={scope} onChange={setScope} hook='role-scope-picker' />
                {localError ? <Text className='roles-page__error role-error'>{localError}</Text> : null}
                <Button className='roles-page__submit role-grant' type='primary' block loading={roleBusy === 'grant'} disabled={roleBusy !== null} onClick={() => void change('grant', { role, scope })}>
                  授予{picked.person.name}「{role === 'committee_admin' ? ROLE_LABELS[role] : roleText({ role, scope: scope || '…' })}」
                </Button>
                {outcome ? (
                  outcome.ok ? (
                    <Text className='roles-page__result role-result'>{outcome.kind === 'grant' ? '已授予' : '已撤销'}。对方重新打开小程序后生效。</Text>
                  ) : (
                    <Text className='roles-page__error role-result role-result--error role-error'>
                      {outcome.kind === 'grant' ? '未能授予' : '未能撤销'}：{outcome.message}
                    </Text>
                  )
                ) : null}
              </View>
            ) : (
              <Text className='roles-page__foot'>找到后点一下这一行，再选择角色与范围。学生须先在小程序中绑定学号。</Text>
            )}
          </View>

              <View className='roles-page__card invitations'>
                <Text className='roles-page__title'>邀请记录</Text>
                {people.invitationsError ? <Text className='roles-page__error'>{people.invitationsError}</Text> : null}
                {people.invitations.length === 0 ? <Text className='roles-page__none invitations-empty'>还没有发出邀请</Text> : null}
                {people.invitations.map((i) => (
                  <View key={i.id} className='roles-page__invitation invitation-row' data-id={i.id} data-state={i.state}>
                    <View className='roles-page__invitation-body'>
                      <Text className='roles-page__invitation-who'>
                        {i.inviteeName} · {roleText(i)}
                      </Text>
                      <Text className='roles-page__invitation-meta'>
                        {i.state === 'accepted'
                          ? `${formatDateTime(i.acceptedAt!)} 由 ${i.acceptedByName ?? i.inviteeName} 接受`
                          : i.state === 'revoked'
                            ? `${formatDateTime(i.revokedAt!)} 撤回`
                            : `${i.createdByName} 发出 · ${formatDateTime(i.expiresAt)} ${i.state === 'expired' ? '已过期' : '前有效'}`}
                      </Text>
                    </View>
                    <Text className={`roles-page__state roles-page__state--${i.state} invitation-state`}>{STATE_LABELS[i.state]}</Text>
                    {i.state === 'open' ? (
                      <Button className='invitation-revoke' size='small' fill='outline' onClick={() => void revokeInvitation(i.id)}>
                        撤回
                      </Button>
                    ) : null}
                  </View>
                ))}
              </View>
          </View>

          <View className='roles-page__side'>
            <View className='roles-page__card invite-card'>
              <Text className='roles-page__title'>邀请老师</Text>
              <Text className='roles-page__note'>老师不在学生名单中。生成一次性邀请码，发给老师：老师用微信打开小程序，在“我的”点“扫一扫”扫码（或打开链接），确认后即获得角色。</Text>
              <FormField label='姓名' hook='invite-name' value={inviteName} maxlength={30} placeholder='受邀老师的姓名，如“王老师”' onInput={setInviteName} />
              <Text className='roles-page__label'>角色</Text>
              <RolePicker
                value={inviteRole}
                hook='invite-role'
                onChange={(r) => {
                  setInviteRole(r);
                  setInviteScope('');
                }}
              />
              <ScopePicker role={inviteRole} scope={inviteScope} onChange={setInviteScope} hook='invite-scope-picker' />
              <Text className='roles-page__label'>有效期</Text>
              <View className='roles-page__expiry invite-expiry'>
                {EXPIRY.map((e) => (
                  <View
                    key={e.hours}
                    data-value={e.hours}
                    className={`roles-page__expiry-option ${expiry === e.hours ? 'roles-page__expiry-option--on' : ''}`}
                    onClick={() => setExpiry(e.hours)}
                  >
                    <Text>{e.label}</Text>
                  </View>
                ))}
              </View>
              {inviteError || people.createError ? <Text className='roles-page__error invite-error'>{inviteError ?? people.createError}</Text> : null}
              <Button className='roles-page__submit invite-create' type='primary' block loading={people.creating} onClick={() => void invite()}>
                生成邀请码
              </Button>

              {created ? (
                <View className='roles-page__invite invite-result' data-id={created.invitation.id}>
                  <InviteQr text={created.qrText} />
                  <View className='roles-page__invite-body'>
                    <Text className='roles-page__invite-for'>
                      邀请 {created.invitation.inviteeName} 担任 {roleText(created.invitation)}
                    </Text>
                    <Text className='roles-page__code invite-code' data-code={created.code}>
                      {created.code}
                    </Text>
                    <Text className='roles-page__note'>{formatDateTime(created.invitation.expiresAt)} 前有效，只能使用一次。邀请码只显示这一次，请现在发给老师。</Text>
                    <Text className='roles-page__link invite-link'>{link}</Text>
                    <View className='roles-page__invite-actions'>
                      <Button className='invite-copy' size='small' fill='outline' onClick={() => void copyText(created.code).then((ok) => showToast(ok ? '邀请码已复制' : '复制失败', ok ? 'success' : 'fail'))}>
                        复制邀请码
                      </Button>
                      <Button className='invite-copy-link' size='small' fill='outline' onClick={() => void copyText(link).then((ok) => showToast(ok ? '链接已复制' : '复制失败', ok ? 'success' : 'fail'))}>
                        复制链接
                      </Button>
                    </View>
                  </View>
                </View>
              ) : null}
            </View>

          </View>
        </View>
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
