import EditField from '../components/EditField';
import ChoiceChips from '../components/ChoiceChips';
import SwitchRow from '../components/SwitchRow';
import TimeField from '../components/TimeField';
import type { EventDraft, FieldErrors } from '../logic/event-form';
import { RECRUITMENT_LABELS } from '../logic/labels';

interface Props {
  draft: EventDraft;
  errors: FieldErrors;
  update: (patch: Partial<EventDraft>) => void;
}

const opts = <T extends string>(values: readonly T[], labels?: Record<T, string>) => values.map((v) => ({ value: v, label: labels ? labels[v] : v }));

/** The fields only one kind of event has: 百生讲坛's track, 志愿服务's roles, 社会实践's teams, 应急救护's level… */
export default function KindFields({ draft: d, errors, update }: Props) {
  switch (d.category) {
    case 'lecture':
      return (
        <>
          <ChoiceChips label='赛道' hook='event-track' options={opts(['团支部', '主讲人', '微团课'] as const)} value={d.track} onChange={(track) => update({ track })} />
          <EditField label='主讲人' hook='event-speaker' value={d.speaker} maxlength={30} placeholder='主讲人或宣讲团' error={errors['details.speaker']} onInput={(speaker) => update({ speaker })} />
          <EditField label='主题' hook='event-topic' value={d.topic} maxlength={60} placeholder='宣讲主题' error={errors['details.topic']} onInput={(topic) => update({ topic })} />
        </>
      );
    case 'volunteer':
      return (
        <>
          <EditField label='岗位' hook='event-roles' value={d.roles} maxlength={200} placeholder='用顿号分隔，如 引导、讲解、测量血压' hint='最多 10 个岗位' error={errors['details.roles']} onInput={(roles) => update({ roles })} />
          <EditField label='服务时长' hook='event-hours' type='digit' value={d.hours} unit='小时' maxlength={4} error={errors['details.hours']} onInput={(hours) => update({ hours })} />
          <ChoiceChips
            label='志愿者招募'
            hook='event-recruitment'
            options={opts(['open', 'approval', 'interview'] as const, RECRUITMENT_LABELS)}
            value={d.recruitment}
            hint={d.recruitment === 'open' ? '报名即确认' : '报名后待审核，通过后才占用名额（请同时打开“报名需审核”）'}
            onChange={(recruitment) => update({ recruitment, ...(recruitment === 'open' ? {} : { approvalRequired: true }) })}
          />
        </>
      );
    case 'practice':
      return (
        <>
          <ChoiceChips label='类型' hook='event-practice-mode' options={opts(['三下乡', '返家乡'] as const)} value={d.mode} onChange={(mode) => update({ mode })} />
          <EditField label='目的地' hook='event-destination' value={d.destination} maxlength={60} placeholder='如 云南省红河州' error={errors['details.destination']} onInput={(destination) => update({ destination })} />
          <EditField label='团队最少' hook='event-team-min' type='number' value={d.teamSizeMin} unit='人' maxlength={2} error={errors['details.teamSizeMin']} onInput={(teamSizeMin) => update({ teamSizeMin })} />
          <EditField label='团队最多' hook='event-team-max' type='number' value={d.teamSizeMax} unit='人' maxlength={2} error={errors['details.teamSizeMax']} onInput={(teamSizeMax) => update({ teamSizeMax })} />
          <TimeField label='报告截止' hook='event-report-due' dateOnly value={d.times.reportDue} error={errors['details.reportDueAt']} onChange={(reportDue) => update({ times: { ...d.times, reportDue } })} />
        </>
      );
    case 'firstaid':
      return (
        <>
          <ChoiceChips label='培训级别' hook='event-firstaid-level' options={opts(['普及培训', '救护员'] as const)} value={d.level} onChange={(level) => update({ level })} />
          <SwitchRow label='培训考核' hint='考核通过的同学登记证书编号' hook='event-assessment' on={d.assessment} onChange={(assessment) => update({ assessment })} />
          {d.assessment && d.creditKind !== 'none' ? (
            <EditField
              label='考核加分'
              hook='event-assessment-bonus'
              type='digit'
              value={d.assessmentBonus}
              unit='学分'
              maxlength={5}
              placeholder='不加分请留空'
              error={errors['creditRule.assessmentBonus.amount'] ?? errors['creditRule.assessmentBonus']}
              onInput={(assessmentBonus) => update({ assessmentBonus })}
            />
          ) : null}
        </>
      );
    case 'theme':
      return <EditField label='教育主题' hook='event-theme' value={d.theme} maxlength={60} placeholder='如 学习二十大精神' error={errors['details.theme']} onInput={(theme) => update({ theme })} />;
  }
}
