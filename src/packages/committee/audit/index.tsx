import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeStore } from '../stores/committee';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import AuditEntryCard from '../components/AuditEntryCard';
import FormField from '../components/FormField';
import PersonPicker, { type PickedPerson } from '../../../shared/components/PersonPicker';
import type { RosterPerson } from '../../../../types/people-actions';
import './index.scss';

function checkUnbind(student: RosterPerson | null, reason: string): string | null {
  if (!student) return '请先按姓名或学号找到要解绑的学生，点一下选中';
  if (reason.length < 2) return '请填写解绑原因（至少 2 个字）';
  if (reason.length > 200) return '原因不能超过 200 个字';
  return null;
}

/**
 * 审计日志 (committee): every binding, unbinding, role change and roster import, newest first; and the form to unbind
 * a student's WeChat account (with a reason, which the log keeps): the student is found by name or 学号 and picked.
 */
export default function AuditPage() {
  const access = useCommitteeAccess();
  const { auditEntries: entries, auditNames, auditEvents, auditLoading: loading, auditLoaded: loaded, auditError: error, unbinding } = useCommitteeStore();
  const { loadAudit, unbindStudent } = useCommitteeStore.getState();
  const [student, setStudent] = useState<RosterPerson | null>(null);
  const [reason, setReason] = useState('');
  const [unbindError, setUnbindError] = useState<string | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    void loadAudit({ silent: useCommitteeStore.getState().auditLoaded });
  });

  usePullDownRefresh(async () => {
    await loadAudit({ silent: true });
    Taro.stopPullDownRefresh();
  });

  const hero = <CommitteeHero title='审计日志' subtitle='谁在什么时间做了什么：绑定、角色、名单、活动、申诉与签到更正，最新的在前（北京时间）' />;

  function content() {
    async function unbind() {
      if (unbinding) return;
      const why = reason.trim();
      const invalid = checkUnbind(student, why);
      if (invalid || !student) {
        setUnbindError(invalid);
        return;
      }
      const outcome = await unbindStudent({ studentNo: student.studentNo, reason: why });
      if (!outcome.ok) {
        setUnbindError(outcome.message);
        return;
      }
      setUnbindError(null);
      setStudent(null);
      setReason('');
      showToast(`已解绑 ${student.name}（${outcome.studentNo}）`, 'success');
    }

    function pick(picked: PickedPerson) {
      if (picked.kind !== 'student') return setUnbindError('老师的账号没有绑定学号，无需解绑');
      if (!picked.person.bound) return setUnbindError(`${picked.person.name} 尚未绑定微信，无需解绑`);
      setStudent(picked.person);
      setUnbindError(null);
    }

    function edit(setter: (v: string) => void) {
      return (v: string) => {
        setter(v);
        if (unbindError) setUnbindError(null);
      };
    }

    let list;
    if (loading && !loaded) list = <CommitteeSkeleton />;
    else if (error)
      list = <ErrorState className='audit-error' message={error} onRetry={() => void loadAudit()} />;
    else if (entries.length === 0)
      list = <EmptyState className='audit-empty' icon='list' title='暂无记录' description='绑定、解绑、角色变更和名单导入都会记在这里' />;
    else
      list = (
        <>
          <View className='audit-page__list'>
            <View className='audit-page__thead'>
              <Text>时间</Text>
              <Text>操作人</Text>
              <Text>事项</Text>
              <Text>类型</Text>
            </View>
            {entries.map((e) => (
              <AuditEntryCard key={e.id} entry={e} lookups={{ names: auditNames, events: auditEvents }} />
            ))}
          </View>
          <Text className='audit-page__end'>显示最近 {entries.length} 条记录</Text>
        </>
      );

    return (
      <>
        {hero}

        <View className='audit-page__grid'>
          <View className='audit-page__main'>
            <Text className='audit-page__section'>变更记录</Text>
            {list}
          </View>
          <View className='audit-page__side'>
            <View className='audit-page__card unbind-form'>
              <Text className='audit-page__card-title'>解绑学号</Text>
              <Text className='audit-page__card-sub'>学生换了微信或被他人误绑时使用；解绑后该学号可重新绑定，原因会记入日志。</Text>
              <PersonPicker selected={student?.studentNo ?? null} onPick={pick} placeholder='学生姓名或学号' hint='找到后点一下这一行' />
              {student ? (
                <Text className='audit-page__picked unbind-picked' data-student-no={student.studentNo}>
                  解绑：<Text className='audit-page__picked-name'>{student.name}</Text> {student.studentNo} · {student.branch}
                </Text>
              ) : null}
              <FormField label='原因' hook='unbind-reason' value={reason} maxlength={200} placeholder='如：学生更换微信号' onInput={edit(setReason)} onConfirm={() => void unbind()} />
              {unbindError ? <Text className='audit-page__error unbind-error'>{unbindError}</Text> : null}
              <Button
                className='audit-page__submit unbind-submit'
                type='primary'
                fill='outline'
                block
                disabled={unbinding}
                loading={unbinding}
                onClick={() => void unbind()}
              >
                解绑
              </Button>
            </View>
          </View>
        </View>
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='audit-page' hero={hero}>
      {content}
    </CommitteeGate>
  );
}
