import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import { formatCredits } from '../../../utils/credits';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import ToggleSwitch from '../components/ToggleSwitch';
import { addModule, fromDraft, sumOfMinimums, toDraft, type DraftModule, type SettingsDraft } from '../logic/credit-settings-draft';
import { moduleColor } from '../logic/module-colors';
import { useCreditSettingsStore } from '../stores/credit-settings';
import { useBlockRuleStore } from '../stores/block-rule';
import BlockRuleCard from './block-rule-card';
import './index.scss';

/**
 * 模块与毕业要求 (committee): rename the second-classroom modules or add one (stored as data: no release needed), the
 * graduation requirement (a minimum per module and overall, typed in 学分), and the optional no-show penalty.
 * Nothing changes until 保存; the transcripts follow at once. Beside the penalty, the no-show sign-up block (its own
 * setting and 保存: BlockRuleCard): the two answers to a no-show side by side, on a computer in one row.
 */
export default function CreditSettingsPage() {
  const forbidden = useCreditSettingsStore((s) => s.forbidden);
  const access = useCommitteeAccess('committee', forbidden);
  const { settings, loading, loaded, error, saving } = useCreditSettingsStore();
  const { load, save } = useCreditSettingsStore.getState();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    void load({ silent: useCreditSettingsStore.getState().loaded });
    void useBlockRuleStore.getState().load();
  });
  // The form starts from what the server holds, and again after each save.
  useEffect(() => {
    if (settings) setDraft(toDraft(settings));
  }, [settings]);

  const hero = <CommitteeHero title='模块与毕业要求' subtitle='修改、增加第二课堂学分模块，设置毕业要求，以及缺席扣分和缺席限制报名；保存后所有成绩单随即更新' />;

  function content() {
    if (!draft) {
      return (
        <>
          {hero}
          {error && loaded ? <ErrorState className='settings-error-state' message={error} onRetry={() => void load()} /> : loading || !loaded ? <CommitteeSkeleton count={3} /> : null}
        </>
      );
    }

    function edit(next: SettingsDraft) {
      setDraft(next);
      setProblem(null);
    }
    function editModule(id: string, change: Partial<DraftModule>) {
      edit({ ...draft!, modules: draft!.modules.map((m) => (m.id === id ? { ...m, ...change } : m)) });
    }
    function removeAdded(id: string) {
      edit({ ...draft!, modules: draft!.modules.filter((m) => m.id !== id) });
    }
    function add() {
      const next = addModule(draft!, newName, Date.now());
      if (typeof next === 'string') return setProblem(next);
      setNewName('');
      edit(next);
    }
    async function submit() {
      const checked = fromDraft(draft!);
      if (!checked.ok) return setProblem(checked.message);
      const outcome = await save(checked.input);
      if (outcome.ok) showToast('已保存', 'success');
      else setProblem(outcome.message);
    }

    const minimums = sumOfMinimums(draft);
    const activeModules = draft.modules.filter((m) => m.active);

    return (
      <>
        {hero}

        <View className='settings-page__card settings-modules'>
          <Text className='settings-page__card-title'>学分模块</Text>
          <Text className='settings-page__card-sub'>点名称即可修改；停用的模块不再用于新活动，已记的学分保留。</Text>
          <View className='settings-page__columns'>
            <Text className='settings-page__column settings-page__column--name'>名称（可修改）</Text>
            <Text className='settings-page__column settings-page__column--min'>毕业最低学分</Text>
            <Text className='settings-page__column settings-page__column--on'>启用</Text>
          </View>
          {draft.modules.map((m, i) => (
            <View key={m.id} className={`settings-page__module settings-module ${m.active ? '' : 'settings-page__module--off'}`} data-module={m.id}>
              <View className='settings-page__dot' style={{ backgroundColor: moduleColor(i) }} />
              <Input
                className='settings-page__name settings-module-name'
                value={m.name}
                maxlength={30}
                placeholder='模块名称'
                placeholderClass='settings-page__placeholder'
                onInput={(e) => editModule(m.id, { name: e.detail.value })}
              />
              <View className='settings-page__min'>
                <Text className='settings-page__min-key'>≥</Text>
                <Input
                  className='settings-page__min-input settings-module-min'
                  type='digit'
                  value={m.min}
                  maxlength={7}
                  onInput={(e) => editModule(m.id, { min: e.detail.value })}
                />
                <Text className='settings-page__min-unit'>学分</Text>
              </View>
              {m.added ? (
                <Text className='settings-page__remove settings-module-remove' onClick={() => removeAdded(m.id)}>
                  移除
                </Text>
              ) : (
                <ToggleSwitch hook='settings-module-active' on={m.active} onChange={(on) => editModule(m.id, { active: on })} />
              )}
            </View>
          ))}
          <View className='settings-page__add'>
            <Input
              className='settings-page__add-input settings-new-module'
              value={newName}
              maxlength={30}
              placeholder='新模块名称，如“劳动教育与实践”'
              placeholderClass='settings-page__placeholder'
              onInput={(e) => {
                setNewName(e.detail.value);
                setProblem(null);
              }}
              onConfirm={add}
            />
            <Button className='settings-page__add-button settings-add-module' type='primary' fill='outline' size='small' onClick={add}>
              添加模块
            </Button>
          </View>
        </View>

        <View className='settings-page__card settings-requirement'>
          <Text className='settings-page__card-title'>毕业要求</Text>
          <View className='settings-page__line'>
            <Text className='settings-page__line-key'>总学分不少于</Text>
            <Input
              className='settings-page__line-input settings-overall'
              type='digit'
              value={draft.overallMin}
              maxlength={7}
              onInput={(e) => edit({ ...draft, overallMin: e.detail.value })}
            />
            <Text className='settings-page__min-unit'>学分</Text>
          </View>
          <Text className='settings-page__card-sub settings-minimums'>
            且每个启用的模块达到上方的最低学分（合计 {formatCredits(minimums)} 学分）。学生的成绩单按此显示达标进度。
          </Text>
        </View>

        <View className='settings-page__pair'>
        <View className='settings-page__card settings-noshow'>
          <View className='settings-page__switch-line'>
            <View className='settings-page__switch-text'>
              <Text className='settings-page__card-title'>缺席扣分</Text>
              <Text className='settings-page__card-sub settings-page__card-sub--tight'>报名后无故缺席的，按次扣减学分（默认关闭）</Text>
            </View>
            <ToggleSwitch hook='settings-noshow-toggle' on={draft.noShow.enabled} onChange={(on) => edit({ ...draft, noShow: { ...draft.noShow, enabled: on } })} />
          </View>
          {draft.noShow.enabled ? (
            <View className='settings-page__noshow'>
              <View className='settings-page__line'>
                <Text className='settings-page__line-key'>学期内缺席超过</Text>
                <Input
                  className='settings-page__line-input settings-noshow-threshold'
                  type='number'
                  value={draft.noShow.threshold}
                  maxlength={3}
                  onInput={(e) => edit({ ...draft, noShow: { ...draft.noShow, threshold: e.detail.value } })}
                />
                <Text className='settings-page__min-unit'>次后</Text>
              </View>
              <View className='settings-page__line'>
                <Text className='settings-page__line-key'>每次扣</Text>
                <Input
                  className='settings-page__line-input settings-noshow-amount'
                  type='digit'
                  value={draft.noShow.amount}
                  maxlength={5}
                  onInput={(e) => edit({ ...draft, noShow: { ...draft.noShow, amount: e.detail.value } })}
                />
                <Text className='settings-page__min-unit'>学分，计入</Text>
              </View>
              <View className='settings-page__chips'>
                {activeModules.map((m) => (
                  <Text
                    key={m.id}
                    className={`settings-page__chip settings-noshow-module-${m.id} ${m.id === draft.noShow.module ? 'settings-page__chip--active settings-noshow-module--active' : ''}`}
                    onClick={() => edit({ ...draft, noShow: { ...draft.noShow, module: m.id } })}
                  >
                    {m.name}
                  </Text>
                ))}
              </View>
            </View>
          ) : null}
        </View>
        <BlockRuleCard onSaved={(message) => showToast(message, 'success')} />
        </View>

        {problem ? <Text className='settings-page__error settings-error'>{problem}</Text> : null}
        <View className='settings-page__save'>
          <Button className='settings-save' type='primary' block loading={saving} disabled={saving} onClick={() => void submit()}>
            保存设置
          </Button>
        </View>
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='settings-page credit-settings-page' hero={hero} checking={<CommitteeSkeleton count={3} />}>
      {content}
    </CommitteeGate>
  );
}
