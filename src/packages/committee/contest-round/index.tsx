import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AWARD_LABELS, CONTEST_TRACK_LABELS, ROUND_LEVEL_LABELS, ROUND_STATUS_LABELS, ADVANCE_LABELS } from '../../../../types/contest';
import ConfirmDialog from '../../../components/ConfirmDialog';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { formatDateTime } from '../../../utils/time';
import ChoiceChips from '../components/ChoiceChips';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import FormField from '../components/FormField';
import FormSection from '../components/FormSection';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import { useContestRoundsStore, type RoundDetail } from '../stores/contest-rounds';
import './index.scss';

type AdvanceKind = 'top' | 'threshold' | 'none';
const ADVANCE_OPTIONS: Array<{ value: AdvanceKind; label: string }> = [
  { value: 'top', label: '每个赛道前 N 名' },
  { value: 'threshold', label: '达到分数线' },
  { value: 'none', label: '不设晋级' },
];
const points = (h: number) => (h / 100).toFixed(2);

function Ranking({ detail }: { detail: RoundDetail }) {
  if (!detail.ranking) return null;
  const published = detail.round.status === 'published';
  return (
    <FormSection title={published ? '比赛结果' : '排名（全部评分已提交）'} note='平均分相同时，先比权重最高一项的平均分，再比报名时间早者' hook='contest-ranking'>
      {detail.ranking.map((t) => (
        <View key={t.track} className={`ranking-track ranking-track-${t.track}`}>
          <Text className='ranking-track__name'>{CONTEST_TRACK_LABELS[t.track]}赛道</Text>
          {t.rows.length ? (
            t.rows.map((r) => (
              <View key={r.entryId} className={`ranking-row ${r.advanced ? 'ranking-row--advanced' : ''}`}>
                <Text className='ranking-row__rank'>{r.rank}</Text>
                <View className='ranking-row__text'>
                  <Text className='ranking-row__topic'>{r.topic}</Text>
                  <Text className='ranking-row__who'>
                    {r.entrantName} · {r.college}
                    {r.tieBrokenBy ? ` · 同分，按${r.tieBrokenBy === 'criterion' ? '主要评分项' : '报名先后'}排序` : ''}
                  </Text>
                </View>
                <View className='ranking-row__side'>
                  <Text className='ranking-row__score'>{points(r.score)}</Text>
                  {published ? (
                    <Text className='ranking-row__badge'>
                      {[r.advanced ? ADVANCE_LABELS[detail.round.level] : '', r.award ? AWARD_LABELS[r.award - 1] : ''].filter(Boolean).join(' · ') || '—'}
                    </Text>
                  ) : null}
                </View>
              </View>
            ))
          ) : (
            <Text className='contest-round-page__note'>本赛道没有作品</Text>
          )}
        </View>
      ))}
    </FormSection>
  );
}

/**
 * 比赛详情 (organisers): the round's state and counts; 评委 picked from the accounts holding the judge role; 开始评审
 * after the deadline (the conflict rule applied); the entries with who scores them; the ranking once every score is
 * in; 公布结果 with the advancement rule and the awards, which entrants then see and which credits follow.
 */
export default function ContestRoundPage() {
  const { params } = useRouter();
  const roundId = params.id ?? '';
  const forbidden = useContestRoundsStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const s = useContestRoundsStore();
  const { open, setJudges, startJudging, publish } = useContestRoundsStore.getState();
  const [toastNode, showToast] = usePageToast();
  const [picked, setPicked] = useState<string[] | null>(null);
  const [advance, setAdvance] = useState<AdvanceKind>('top');
  const [n, setN] = useState('3');
  const [min, setMin] = useState('85');
  const [awards, setAwards] = useState(['1', '2', '3']);
  const [confirm, setConfirm] = useState<'start' | 'publish' | null>(null);
  const detail = s.detail?.round.id === roundId ? s.detail : null;

  useDidShow(() => {
    if (access.state === 'allowed') void open(roundId, { silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed') void open(roundId);
  }, [access.state, roundId]);
  useEffect(() => setPicked(null), [detail?.round.updatedAt]);
  usePullDownRefresh(async () => {
    await open(roundId, { silent: true });
    Taro.stopPullDownRefresh();
  });

  const hero = <PageHero badge='百生讲坛' title={detail?.round.title ?? '比赛详情'} subtitle='评委、评审进度、排名与晋级' />;

  function tell(outcome: { ok: boolean; message?: string }, done: string) {
    showToast(outcome.ok ? done : (outcome as { message: string }).message, outcome.ok ? 'success' : 'fail');
  }

  function content() {
    if (!detail) return <>{hero}{s.error ? <ErrorState className='contest-round-error' message={s.error} onRetry={() => void open(roundId)} /> : <CommitteeSkeleton />}</>;
    const { round, entries, judgePool } = detail;
    const chosen = picked ?? round.judges.map((j) => j.account);
    const manage = round.mayManage;
    const complete = detail.ranking !== null;
    const submitted = entries.filter((e) => e.status === 'submitted');
    const deadlinePassed = Date.parse(round.deadlineAt) <= Date.now();
    const rule = advance === 'top' ? { kind: 'top' as const, n: Number(n) } : advance === 'threshold' ? { kind: 'threshold' as const, min: Number(min) } : { kind: 'none' as const };
    return (
      <>
        {hero}
        <View className='contest-round-page__facts'>
          <Text className='contest-round-page__fact'>
            {ROUND_LEVEL_LABELS[round.level]}
            {round.college ? ` · ${round.college}` : ''} · {ROUND_STATUS_LABELS[round.status]}
          </Text>
          <Text className='contest-round-page__fact'>
            赛道：{round.tracks.map((t) => CONTEST_TRACK_LABELS[t]).join('、')} · 报名截止 {formatDateTime(round.deadlineAt)}
          </Text>
          <Text className='contest-round-page__fact round-counts'>
            作品 {round.counts.entries} 件{round.counts.withdrawn ? `（另有 ${round.counts.withdrawn} 件已撤回）` : ''}
            {round.status !== 'open' ? ` · 评分 ${round.counts.scoresIn}/${round.counts.scoresNeeded}` : ''} · 回避规则{round.conflictRule ? '开' : '关'}
          </Text>
        </View>

        <FormSection title='评委' note={round.status === 'open' ? '开始评审前可调整；开启回避规则时，评委不评本学院的作品' : '评审已开始，评委不能再调整'} hook='contest-judges'>
          {round.status === 'open' && manage ? (
            judgePool.length ? (
              <>
                <ChoiceChips<string>
                  hook='judge-pick'
                  options={judgePool.map((j) => ({ value: j.account, label: j.college ? `${j.name}（${j.college}）` : j.name }))}
                  value={chosen}
                  onChange={(a) => setPicked(chosen.includes(a) ? chosen.filter((x) => x !== a) : [...chosen, a])}
                />
                <Button
                  className='contest-judges-save'
                  type='primary'
                  fill='outline'
                  loading={s.busy}
                  disabled={s.busy || picked === null}
                  onClick={async () =>
                    tell(
                      await setJudges({ roundId, judges: chosen.map((a) => ({ account: a, college: judgePool.find((j) => j.account === a)?.college ?? '' })) }),
                      `已指定 ${chosen.length} 位评委`,
                    )
                  }
                >
                  保存评委（{chosen.length} 位）
                </Button>
              </>
            ) : (
              <Text className='contest-round-page__note judges-none'>还没有账号持有“百生讲坛评委”角色：请在“角色管理”中授予学生，或邀请老师。</Text>
            )
          ) : (
            <Text className='contest-round-page__note'>{round.judges.map((j) => (j.college ? `${j.name}（${j.college}）` : j.name)).join('、') || '未指定'}</Text>
          )}
          {round.status === 'open' && manage ? (
            <>
              <Button className='contest-start-judging' type='primary' block disabled={s.busy || !deadlinePassed} onClick={() => setConfirm('start')}>
                开始评审
              </Button>
              <Text className='contest-round-page__note'>{deadlinePassed ? '报名已截止：开始后按回避规则分配作品，作品不能再修改。' : '报名截止后才能开始评审。'}</Text>
            </>
          ) : null}
        </FormSection>

        <FormSection title={`参赛作品（${submitted.length}）`} hook='contest-entries'>
          {submitted.length ? (
            submitted.map((e) => (
              <View key={e.id} className='round-entry'>
                <Text className='round-entry__topic'>{e.topic}</Text>
                <Text className='round-entry__who'>
                  {CONTEST_TRACK_LABELS[e.track]} · {e.entrant.kind === 'branch' ? `${e.entrant.branch}${e.teamName ? ` · ${e.teamName}` : ''}` : e.entrant.name} · {e.college}
                </Text>
                {e.judging.length ? (
                  <Text className='round-entry__judges'>评委：{e.judging.map((j) => `${j.name}${j.scored ? ' ✓' : ' …'}`).join('  ')}</Text>
                ) : null}
              </View>
            ))
          ) : (
            <Text className='contest-round-page__note'>还没有作品报名</Text>
          )}
        </FormSection>

        <Ranking detail={detail} />

        {round.status === 'judging' && manage && complete ? (
          <FormSection title='公布结果' note='公布后参赛者即可看到名次与是否晋级，参赛、晋级与获奖学分同时记入成绩单' hook='contest-publish-form'>
            <ChoiceChips<AdvanceKind> label='晋级' hook='advance-kind' options={ADVANCE_OPTIONS} value={advance} onChange={setAdvance} />
            {advance === 'top' ? <FormField label='前 N 名' hook='advance-n-input' value={n} placeholder='例如 3' maxlength={3} onInput={setN} /> : null}
            {advance === 'threshold' ? <FormField label='分数线' hook='advance-min-input' value={min} placeholder='例如 85' maxlength={5} onInput={setMin} /> : null}
            {AWARD_LABELS.map((label, i) => (
              <FormField
                key={label}
                label={`${label}名额`}
                hook={`award-${i}-input`}
                value={awards[i]}
                placeholder='每个赛道的名额'
                maxlength={2}
                onInput={(v) => setAwards(awards.map((a, k) => (k === i ? v : a)))}
              />
            ))}
            <Button className='contest-publish' type='primary' block disabled={s.busy} onClick={() => setConfirm('publish')}>
              公布结果
            </Button>
          </FormSection>
        ) : null}
        {round.status === 'judging' && !complete ? (
          <Text className='contest-round-page__note contest-round-page__note--pad'>全部评委提交评分后，这里显示排名并可以公布结果。</Text>
        ) : null}

        <ConfirmDialog
          visible={confirm !== null}
          title={confirm === 'start' ? '开始评审？' : '公布结果？'}
          message={
            confirm === 'start'
              ? `${submitted.length} 件作品将分配给 ${round.judges.length} 位评委，此后作品不能再修改、评委不能再调整。`
              : `${rule.kind === 'top' ? `每个赛道前 ${n} 名${ADVANCE_LABELS[round.level]}` : rule.kind === 'threshold' ? `${min} 分及以上${ADVANCE_LABELS[round.level]}` : '不设晋级'}；一、二、三等奖各 ${awards.join(' / ')} 名。公布后不能更改。`
          }
          confirmText={confirm === 'start' ? '开始评审' : '公布'}
          onConfirm={async () => {
            const which = confirm;
            setConfirm(null);
            if (which === 'start') tell(await startJudging(roundId), '评审已开始，评委可以在手机上评分');
            else {
              const outcome = await publish({ roundId, advance: rule, awards: [0, 1, 2].map((i) => Number(awards[i]) || 0) as [number, number, number] });
              tell(outcome, outcome.ok ? `结果已公布，${outcome.value.credited} 名同学记入学分` : '');
            }
          }}
          onCancel={() => setConfirm(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='contest-round-page' hero={hero} title='无权管理比赛' note='百生讲坛比赛由校团委和院团总支组织。'>
      {content}
    </CommitteeGate>
  );
}
