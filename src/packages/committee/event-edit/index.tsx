import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../types/enums';
import { routeParam } from '../../../utils/navigation';
import { campusTime, nowMs } from '../../../utils/time';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import ChoiceChips from '../components/ChoiceChips';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import EditField from '../components/EditField';
import FormSection from '../components/FormSection';
import SwitchRow from '../components/SwitchRow';
import TimeField from '../components/TimeField';
import { toInstant, withCategory, withTime, type EventDraft, type TimeKey } from '../logic/event-form';
import { LIFECYCLE_LABELS } from '../logic/labels';
import { replaceWithPreview } from '../services/routes';
import { useOrganizerScope } from '../hooks/use-organizer-scope';
import { useEventEditorStore } from '../stores/event-editor';
import { useManagedEventsStore } from '../stores/managed-events';
import KindFields from './kind-fields';
import LotteryPriority from './lottery-priority';
import CoverPicker from '../components/CoverPicker';
import type { PickedCover } from '../services/cover-file';
import './index.scss';
import { scrollToField } from '../../../utils/forms';
import { firstWrongField } from '../logic/first-wrong-field';

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
const CREDIT_KINDS = [
  { value: 'fixed' as const, label: '固定学分' },
  { value: 'per_hour' as const, label: '按时长' },
  { value: 'none' as const, label: '不计学分' },
];
const TIME_ROWS: Array<{ key: TimeKey; label: string; error: string }> = [
  { key: 'start', label: '活动开始', error: 'startAt' },
  { key: 'end', label: '活动结束', error: 'endAt' },
  { key: 'signupStart', label: '报名开始', error: 'signupStartAt' },
  { key: 'signupEnd', label: '报名截止', error: 'signupEndAt' },
  { key: 'cancelDeadline', label: '取消截止', error: 'cancelDeadlineAt' },
];

/** The grades a student can be in now: this year's intake and the three before (2023级…). */
function gradeOptions(now: number) {
  const year = campusTime(now).year();
  return [year - 3, year - 2, year - 1, year].map((y) => ({ value: `${y}级`, label: `${y}级` }));
}

/** The day the cover's preview shows: the start as typed, or today while it is not a time yet. */
function coverDay(d: EventDraft): string {
  try {
    return toInstant(d.times.start);
  } catch {
    return new Date(nowMs()).toISOString();
  }
}

const toggle = (list: readonly string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/**
 * 发布活动 / 编辑活动 (committee and college officers): one form with the common fields and the kind's own, saved as a
 * draft and then previewed as students will see it. The server's INVALID_INPUT is shown under the field it names.
 */
export default function EventEditPage() {
  const params = useRouter().params;
  const eventId = routeParam(params.id) || null;
  const forbidden = useEventEditorStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const scope = useOrganizerScope();
  const ed = useEventEditorStore();
  const { open, save } = useEventEditorStore.getState();
  const [toastNode, showToast] = usePageToast();

  useEffect(() => {
    if (access.state !== 'allowed') return;
    const category = (CATEGORIES as readonly string[]).includes(params.category ?? '') ? (params.category as Category) : undefined;
    const host = scope.college ? { kind: 'college' as const, unit: scope.college } : { kind: 'committee' as const, unit: '校团委' };
    void open(eventId, { category, host });
  }, [access.state, eventId]);

  const d = ed.draft;
  const e = ed.errors;
  const update = (patch: Partial<EventDraft>) => useEventEditorStore.getState().update((draft) => ({ ...draft, ...patch }));

  async function submit(thenPreview: boolean) {
    const outcome = await save();
    if (!outcome.ok) {
      // A long form (two columns on a computer, one on a phone): bring the first wrong field into view.
      const hook = firstWrongField(useEventEditorStore.getState().errors);
      if (hook) scrollToField(hook);
      return showToast(outcome.message, 'fail');
    }
    useManagedEventsStore.getState().upsert(outcome.value);
    if (thenPreview) replaceWithPreview(outcome.value.id);
    else showToast(outcome.value.lifecycle === 'draft' ? '已保存为草稿' : '已保存，学生看到的活动已更新', 'success');
  }

  async function pickCover(picked: PickedCover) {
    const refusal = await useEventEditorStore.getState().uploadCover(picked);
    showToast(refusal ?? '封面已上传，保存后生效', refusal ? 'fail' : 'success');
  }

  const title = eventId ? '编辑活动' : '发布活动';
  const badge = scope.committee ? '校团委' : '院团总支';
  const plainHero = <PageHero badge={badge} title={title} subtitle='填写活动信息，存为草稿，预览后发布' />;

  function content() {
    if (ed.loadError) {
      return (
        <>
          {plainHero}
          <ErrorState className='event-edit-error' message={ed.loadError} onRetry={() => void open(eventId, {})} />
        </>
      );
    }
    if (!d || ed.loading) {
      return (
        <>
          {plainHero}
          <CommitteeSkeleton count={4} />
        </>
      );
    }
    return form(d);
  }

  function form(d: EventDraft) {
    const firstError = Object.values(e)[0];
    // A published event's sign-up mode and 抽签优先 were shown to everyone (the lottery's commitment): fixed.
    const termsLocked = !!ed.lifecycle && ed.lifecycle !== 'draft';
    const subtitle = ed.lifecycle && ed.lifecycle !== 'draft' ? `${LIFECYCLE_LABELS[ed.lifecycle]} · 修改后立即对学生生效，名额与签到数据不受影响` : '填写活动信息，存为草稿，预览后发布';
    return (
      <>
        <PageHero badge={badge} title={title} subtitle={subtitle} />

        <View className='event-edit-page__form'>
        <FormSection title='基本信息' hook='event-form-basic'>
          <ChoiceChips label='活动类型' hook='event-category' options={CATEGORY_OPTIONS} value={d.category} onChange={(c) => useEventEditorStore.getState().update((x) => withCategory(x, c))} />
          <EditField label='活动名称' hook='event-title-input' value={d.title} maxlength={60} placeholder='不超过 60 个字' error={e.title} onInput={(v) => update({ title: v })} />
          <EditField label='组织单位' hook='event-organizer-input' value={d.organizer} maxlength={40} error={e.organizer} onInput={(v) => update({ organizer: v })} />
          <EditField label='活动地点' hook='event-location-input' value={d.location} maxlength={60} placeholder='如 图书馆报告厅' error={e.location} onInput={(v) => update({ location: v })} />
          <EditField label='活动介绍' hook='event-description-input' multiline value={d.description} maxlength={2000} placeholder='活动内容、注意事项（选填）' error={e.description} onInput={(v) => update({ description: v })} />
        </FormSection>

        <FormSection title='封面' note='显示在学生的活动列表上' hook='event-form-cover'>
          <CoverPicker
            category={d.category}
            startAt={coverDay(d)}
            coverUrl={d.coverPreview}
            uploading={ed.coverUploading}
            onPicked={(picked) => void pickCover(picked)}
            onRefused={(message) => showToast(message, 'fail')}
            onRemove={() => useEventEditorStore.getState().removeCover()}
          />
        </FormSection>

        <FormSection title={CATEGORY_LABELS[d.category]} note='本类活动的信息' hook='event-form-kind'>
          <KindFields draft={d} errors={e} update={update} />
        </FormSection>

        <FormSection title='时间' note='北京时间' hook='event-form-times'>
          {TIME_ROWS.map((r) => (
            <TimeField
              key={r.key}
              label={r.label}
              hook={`event-time-${r.key}`}
              value={d.times[r.key]}
              error={e[r.error]}
              onChange={(v) => useEventEditorStore.getState().update((x) => withTime(x, r.key, v))}
            />
          ))}
        </FormSection>

        <FormSection title='名额与报名' hook='event-form-seats'>
          <EditField label='名额' hook='event-capacity-input' type='number' value={d.capacity} unit='人' maxlength={5} error={e.capacity} onInput={(v) => update({ capacity: v })} />
          <SwitchRow label='满员后可候补' hint='有人取消时按顺序自动递补，并通知递补的同学' hook='event-waitlist' on={d.waitlistEnabled} onChange={(v) => update({ waitlistEnabled: v })} />
          <SwitchRow
            label='抽签报名'
            hint={termsLocked ? '发布后报名方式不能再修改' : '报名期内提交申请不分先后，截止后公开抽签；须在报名开始前发布，发布后不能改回先到先得'}
            hook='event-lottery'
            on={d.lottery}
            disabled={termsLocked}
            onChange={(v) => update({ lottery: v, ...(v ? { approvalRequired: false } : {}) })}
          />
          {d.lottery ? (
            <LotteryPriority
              rules={d.lotteryPriority}
              modules={ed.modules.length ? ed.modules : [{ id: d.creditModule, name: d.creditModule }]}
              colleges={scope.college && !ed.colleges.includes(scope.college) ? [scope.college, ...ed.colleges] : ed.colleges}
              defaults={{ module: d.creditModule, college: d.hostKind === 'committee' ? d.colleges[0] ?? '' : d.hostUnit }}
              locked={termsLocked}
              error={e.lotteryPriority ?? e.signupMode}
              onChange={(rules) => update({ lotteryPriority: rules })}
            />
          ) : null}
          {d.lottery ? null : (
            <SwitchRow label='报名需审核' hint='报名后待审核，通过后才占用名额' hook='event-approval' on={d.approvalRequired} onChange={(v) => update({ approvalRequired: v })} />
          )}
        </FormSection>

        <FormSection title='面向对象' note='不选即全校' hook='event-form-audience'>
          <ChoiceChips
            label='学院'
            hook='event-college'
            options={(scope.college ? [scope.college] : ed.colleges).map((c) => ({ value: c, label: c }))}
            value={d.colleges}
            hint={d.colleges.length ? `仅 ${d.colleges.join('、')} 的同学可报名` : '全校同学均可报名'}
            error={e.audience ?? e['audience.colleges']}
            onChange={(c) => update({ colleges: toggle(d.colleges, c) })}
          />
          <ChoiceChips label='年级' hook='event-grade' options={gradeOptions(nowMs())} value={d.grades} hint={d.grades.length ? undefined : '不限年级'} onChange={(g) => update({ grades: toggle(d.grades, g) })} />
          <SwitchRow label='仅限共青团员' hook='event-league-only' on={d.leagueMembersOnly} onChange={(v) => update({ leagueMembersOnly: v })} />
        </FormSection>

        <FormSection title='学分' note='签到后自动记入成绩单' hook='event-form-credits'>
          <ChoiceChips label='计分方式' hook='event-credit-kind' options={CREDIT_KINDS} value={d.creditKind} onChange={(k) => update({ creditKind: k })} />
          {d.creditKind === 'none' ? null : (
            <ChoiceChips
              label='学分模块'
              hook='event-credit-module'
              options={(ed.modules.length ? ed.modules : [{ id: d.creditModule, name: d.creditModule }]).map((m) => ({ value: m.id, label: m.name }))}
              value={d.creditModule}
              error={e['creditRule.base.module'] ?? e['creditRule.base']}
              onChange={(m) => update({ creditModule: m })}
            />
          )}
          {d.creditKind === 'fixed' ? (
            <EditField label='学分' hook='event-credit-amount' type='digit' value={d.creditAmount} unit='学分' maxlength={5} hint='签到（需签退的活动：签退且停留达标）后记入' error={e['creditRule.base.amount'] ?? e.credits} onInput={(v) => update({ creditAmount: v })} />
          ) : null}
          {d.creditKind === 'per_hour' ? (
            <>
              <EditField label='每小时' hook='event-credit-per-hour' type='digit' value={d.perHour} unit='学分' maxlength={4} error={e['creditRule.base.perHour']} onInput={(v) => update({ perHour: v })} />
              <EditField label='最多' hook='event-credit-cap' type='digit' value={d.cap} unit='学分' maxlength={5} hint='0 为不设上限' error={e['creditRule.base.cap']} onInput={(v) => update({ cap: v })} />
            </>
          ) : null}
        </FormSection>

        <FormSection title='签到' hook='event-form-checkin'>
          <SwitchRow label='需要签退' hint='记录在场时长（志愿服务、培训）' hook='event-checkout' on={d.checkoutRequired} onChange={(v) => update({ checkoutRequired: v })} />
          {d.checkoutRequired ? (
            <EditField label='最短停留' hook='event-min-stay' type='number' value={d.minStay} unit='%' maxlength={3} hint='在场时长不足活动时长的这一比例，不记学分' error={e.minStayRatio} onInput={(v) => update({ minStay: v })} />
          ) : null}
          <SwitchRow label='允许现场报名' hint='未报名的同学可在现场扫码签到' hook='event-walkins' on={d.allowWalkIns} onChange={(v) => update({ allowWalkIns: v })} />
        </FormSection>

        <FormSection title='主办' hook='event-form-host'>
          {scope.committee ? (
            <ChoiceChips
              label='主办单位'
              hook='event-host-kind'
              options={[
                { value: 'committee' as const, label: '校团委' },
                { value: 'college' as const, label: '学院' },
              ]}
              value={d.hostKind === 'branch' ? 'college' : d.hostKind}
              onChange={(k) => update({ hostKind: k, hostUnit: k === 'committee' ? '校团委' : d.colleges[0] ?? '' })}
            />
          ) : null}
          {d.hostKind === 'committee' ? (
            <Text className='event-edit-page__host'>校团委</Text>
          ) : scope.committee ? (
            <ChoiceChips label='学院' hook='event-host-unit' options={ed.colleges.map((c) => ({ value: c, label: c }))} value={d.hostUnit} error={e['host.unit'] ?? e.host} onChange={(u) => update({ hostUnit: u })} />
          ) : (
            <Text className='event-edit-page__host'>{d.hostUnit}</Text>
          )}
        </FormSection>

        </View>
        {firstError ? <Text className='event-edit-page__error event-form-error'>{firstError}</Text> : null}
        <View className='event-edit-page__bar'>
          <Button className='event-edit-page__save event-save' fill='outline' type='primary' loading={ed.saving} onClick={() => void submit(false)}>
            {ed.lifecycle && ed.lifecycle !== 'draft' ? '保存修改' : '保存草稿'}
          </Button>
          <Button className='event-edit-page__preview event-save-preview' type='primary' disabled={ed.saving} onClick={() => void submit(true)}>
            保存并预览
          </Button>
        </View>
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='event-edit-page' hero={plainHero} title='无权发布活动' note='发布活动对院团总支和校团委开放。'>
      {content}
    </CommitteeGate>
  );
}
