import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import { countMembers, useOfficerStore } from '../stores/members';
import { useUserStore } from '../../../stores/user';
import { openMe, routeParam } from '../../../utils/navigation';
import { officerAccess } from '../../../utils/roles';
import BranchPicker from '../../../shared/components/BranchPicker';
import MemberFilter, { type MemberFilterValue } from '../components/MemberFilter';
import MemberRow from '../components/MemberRow';
import MembersRefusal from '../components/MembersRefusal';
import MembersSkeleton from '../components/MembersSkeleton';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/**
 * 团支部成员 (officer subpackage): a branch's members, whether each is a league member and has bound WeChat.
 * Opened from 我的 with `?branch=<团支部全称>`; college officers and the committee pick another branch from the roster's
 * branches (grouped by college, with a filter; a college officer sees their own college's) — nobody types a full name.
 * The server decides who may see which branch: a refusal (FORBIDDEN) is shown as such, never as an empty list.
 */
export default function BranchMembersPage() {
  const router = useRouter();
  const [requested, setRequested] = useState<string | null>(() => routeParam(router.params.branch).trim() || null);
  const [filter, setFilter] = useState<MemberFilterValue>('all');
  /** The branch picker is open (always while no branch is chosen). */
  const [choosing, setChoosing] = useState(false);
  const { branch, members, loading, loaded, error, errorCode } = useOfficerStore();
  const roles = useUserStore((s) => s.roles);
  const userLoaded = useUserStore((s) => s.loaded);
  const access = officerAccess(roles);

  /** Load the requested branch unless it is already shown or on its way (also after an identity change reset it). */
  function ensureLoaded() {
    const s = useOfficerStore.getState();
    if (requested && (s.branch !== requested || (!s.loaded && !s.loading))) void s.loadMembers(requested);
  }

  useEffect(ensureLoaded, [requested]);

  useDidShow(() => {
    // Opened directly (a deep link): the roles decide whether a branch box is offered.
    if (!useUserStore.getState().loaded) void useUserStore.getState().getMe({ silent: true });
    ensureLoaded();
  });

  // No branch in the link: a branch officer sees their own.
  useEffect(() => {
    if (!requested && access?.branch) setRequested(access.branch);
  }, [requested, access?.branch]);

  usePullDownRefresh(async () => {
    if (requested) await useOfficerStore.getState().loadMembers(requested, { silent: true });
    Taro.stopPullDownRefresh();
  });

  const sorted = useMemo(() => [...members].sort((a, b) => a.studentNo.localeCompare(b.studentNo)), [members]);
  const counts = countMembers(members);
  const shown = sorted.filter((m) => (filter === 'unbound' ? !m.bound : filter === 'league' ? m.isLeagueMember : true));
  const current = requested !== null && branch === requested;
  const ok = current && loaded && !error;

  function pick(next: string) {
    setFilter('all');
    setChoosing(false);
    if (next === requested) void useOfficerStore.getState().loadMembers(next);
    else setRequested(next);
  }

  let body;
  if (!requested) {
    if (!userLoaded) body = <MembersSkeleton />;
    else if (!access) body = <MembersRefusal message='团支部成员仅对团干部和校团委开放' onBack={openMe} />;
    else body = null; // the picker above is the page
  } else if (!current || (loading && !loaded)) body = <MembersSkeleton />;
  else if (errorCode === 'FORBIDDEN') body = <MembersRefusal message={error ?? '你没有权限进行此操作'} onBack={openMe} />;
  else if (error)
    body = (
      <ErrorState className='members-error' message={error} onRetry={() => void useOfficerStore.getState().loadMembers(requested)} />
    );
  else if (members.length === 0)
    body = (
      <EmptyState
        className='members-empty'
        icon='search'
        title='该团支部暂无成员'
        description='名单中这个团支部还没有学生；名单由校团委导入'
      />
    );
  else
    body = (
      <>
        <MemberFilter
          value={filter}
          counts={{ all: counts.total, unbound: counts.total - counts.bound, league: counts.leagueMembers }}
          onChange={setFilter}
        />
        <View className='members-page__list'>
          {shown.length ? (
            shown.map((m) => <MemberRow key={m.studentNo} member={m} />)
          ) : (
            <Text className='members-page__none members-filter-empty'>
              {filter === 'unbound' ? '全部成员都已绑定' : '没有符合条件的成员'}
            </Text>
          )}
        </View>
        <Text className='members-page__end'>名单由校团委维护；信息有误请联系校团委更正</Text>
      </>
    );

  return (
    <View className='members-page'>
      <PageHeader title='团支部成员' />
      <View className='members-page__hero'>
        <Text className='members-page__title members-branch'>{requested ?? '团支部成员'}</Text>
        <Text className='members-page__summary members-summary'>
          {ok ? `共 ${counts.total} 人 · 已绑定 ${counts.bound} 人` : '成员名单与绑定情况'}
        </Text>
        {ok && counts.total > 0 ? (
          <View className='members-page__progress'>
            <View className='members-page__progress-bar' style={{ width: `${Math.round((counts.bound / counts.total) * 100)}%` }} />
          </View>
        ) : null}
      </View>
      {access?.canPickBranch ? (
        choosing || !requested ? (
          <View className='members-page__chooser members-chooser'>
            <View className='members-page__chooser-head'>
              <Text className='members-page__chooser-title'>选择团支部</Text>
              {requested ? (
                <Text className='members-page__chooser-cancel members-chooser-cancel' onClick={() => setChoosing(false)}>
                  收起
                </Text>
              ) : null}
            </View>
            <Text className='members-page__chooser-hint'>{access.hint}</Text>
            <BranchPicker mode='branch' value={requested ?? ''} onChange={pick} hook='members-branch-picker' college={access.college} />
          </View>
        ) : (
          <View className='members-page__switch'>
            <Text className='members-page__switch-hint'>{access.hint}</Text>
            <Button className='members-page__switch-button members-branch-change' size='small' onClick={() => setChoosing(true)}>
              更换团支部
            </Button>
          </View>
        )
      ) : null}
      {body}
    </View>
  );
}
