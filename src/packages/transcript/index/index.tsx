import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import DetailSkeleton from '../../../components/DetailSkeleton';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useTranscriptStore } from '../../../stores/transcript';
import { creditsText, formatCredits, hoursText, progressPercent, shortfallText } from '../../../utils/credits';
import { openMe } from '../../../utils/navigation';
import AppealList from '../components/AppealList';
import LedgerTimeline from '../components/LedgerTimeline';
import ModuleProgressList from '../components/ModuleProgressList';
import SectionCard from '../components/SectionCard';
import ShareList from '../components/ShareList';
import { openShare } from '../routes';
import { knownShareIds } from '../services/issued-shares';
import { useShareStore } from '../stores/share';
import '../page.scss';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/**
 * 我的成绩单: credits by module against the graduation requirement, volunteer hours, every ledger entry, my appeals,
 * and the transcripts I shared (with 撤回). 生成可验证成绩单 leads to the share page.
 */
export default function TranscriptPage() {
  const { transcript, loading, error, errorCode } = useTranscriptStore();
  const load = useTranscriptStore.getState().load;
  const revoking = useShareStore((s) => s.revoking);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const [known, setKnown] = useState<Set<string>>(() => knownShareIds());
  const [toastNode, showToast] = usePageToast();
  // 我的 → 我的申诉 opens this page at its appeals (?section=appeals): scrolled there once the transcript is drawn.
  const section = useRouter().params.section;
  const [scrolled, setScrolled] = useState(false);
  useEffect(() => {
    if (section !== 'appeals' || !transcript || scrolled) return;
    setScrolled(true);
    setTimeout(() => void Taro.pageScrollTo({ selector: '.transcript-appeals', duration: 200, offsetTop: -56 }), 50);
  }, [section, transcript, scrolled]);

  useDidShow(() => {
    void load({ silent: useTranscriptStore.getState().loaded });
    setKnown(knownShareIds());
  });

  usePullDownRefresh(async () => {
    await load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  async function revoke() {
    const shareId = confirmRevoke;
    if (!shareId) return;
    const result = await useShareStore.getState().revoke(shareId);
    setConfirmRevoke(null);
    setKnown(knownShareIds());
    showToast(result.ok ? '已撤回，该验证码已失效' : result.message, result.ok ? 'success' : 'fail');
  }

  if (!transcript) {
    const unbound = errorCode === 'NOT_BOUND' || errorCode === 'NOT_SIGNED_IN';
    if (!error || loading) {
      return (
        <View className='transcript-page transcript-home'>
          <PageHeader title='我的成绩单' />
          <DetailSkeleton />
        </View>
      );
    }
    return (
      <View className='transcript-page transcript-home'>
        <PageHeader title='我的成绩单' />
        <PageHero badge='第二课堂成绩单' title='我的成绩单' subtitle='各模块学分、毕业要求进度与学分明细' />
        {unbound ? (
          <ErrorState className='transcript-unbound' message='绑定学号后即可查看第二课堂成绩单' actionText='去我的' onRetry={openMe} />
        ) : (
          <ErrorState className='transcript-error' message={error} onRetry={() => void load()} />
        )}
      </View>
    );
  }

  const { student, overall, modules, hours, entries, appeals, shares, requirementMet } = transcript;
  const metModules = modules.filter((m) => m.met).length;
  const status = requirementMet
    ? '已达到毕业要求 ✓'
    : (shortfallText(overall.have, overall.need) ?? `还有 ${modules.length - metModules} 个模块未达到要求`);

  return (
    <View className='transcript-page transcript-home'>
      <PageHeader title='我的成绩单' />
      <PageHero badge='第二课堂成绩单' title={student.name} subtitle={`${student.studentNo} · ${student.className}`} tall />

      <View className='transcript-hero-card transcript-summary'>
        <View className='transcript-summary__top'>
          <View className='transcript-summary__figure'>
            <Text className='transcript-summary__label'>总学分</Text>
            <View className='transcript-summary__total-row'>
              <Text className='transcript-summary__total transcript-total'>{formatCredits(overall.have)}</Text>
              <Text className='transcript-summary__need'>{` / ${creditsText(overall.need)}`}</Text>
            </View>
          </View>
          <View className='transcript-summary__side'>
            <Text className='transcript-summary__label'>志愿服务时长</Text>
            <Text className='transcript-summary__hours transcript-hours'>{hoursText(hours)}</Text>
          </View>
        </View>
        <View className='transcript-summary__track'>
          <View
            className={`transcript-summary__bar ${requirementMet ? 'transcript-summary__bar--met' : ''}`}
            style={{ width: `${progressPercent(overall.have, overall.need)}%` }}
          />
        </View>
        <View className='transcript-summary__foot'>
          <Text className={`transcript-summary__status transcript-status ${requirementMet ? 'transcript-status--met' : ''}`}>{status}</Text>
          <Text className='transcript-summary__modules'>{`模块达标 ${metModules}/${modules.length}`}</Text>
        </View>
      </View>

      <View className='transcript-actions'>
        <Button className='transcript-action transcript-share' type='primary' onClick={() => openShare()}>
          生成可验证成绩单
        </Button>
      </View>

      <SectionCard title='各模块学分' extra='已获 / 毕业要求' className='transcript-modules'>
        <ModuleProgressList modules={modules} />
      </SectionCard>

      <SectionCard title='学分明细' extra={`${entries.length} 条`} className='transcript-ledger'>
        <LedgerTimeline entries={entries} />
      </SectionCard>

      <SectionCard title='我的申诉' extra={appeals.length ? `${appeals.length} 条` : undefined} className='transcript-appeals'>
        <AppealList appeals={appeals} />
      </SectionCard>

      <SectionCard title='已分享的成绩单' extra={shares.length ? `${shares.length} 份` : undefined} className='transcript-shares'>
        <ShareList shares={shares} known={known} revoking={revoking} onOpen={(id) => openShare(id)} onRevoke={(id) => setConfirmRevoke(id)} />
      </SectionCard>

      <Text className='transcript-note'>学分由活动签到、申诉和团委认定自动生成，每一笔都有来源；记错的学分会以一条“更正”记录抵消，原记录保留不改。</Text>

      <ConfirmDialog
        visible={confirmRevoke !== null}
        title='撤回这份成绩单？'
        message='撤回后，该验证码立即失效，用人单位将无法再核验这份成绩单。此操作不能恢复。'
        confirmText='撤回'
        cancelText='取消'
        onConfirm={revoke}
        onCancel={() => setConfirmRevoke(null)}
      />
      {toastNode}
    </View>
  );
}
