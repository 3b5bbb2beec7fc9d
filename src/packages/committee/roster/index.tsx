import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { countProblems, useCommitteeStore } from '../stores/committee';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import { FileCheckingCard, FileFailedCard, FilePickCard } from '../components/FileSteps';
import PickedFileLine from '../components/PickedFileLine';
import RosterFilePicker from '../components/RosterFilePicker';
import RosterProblemList from '../components/RosterProblemList';
import RosterTemplate from '../components/RosterTemplate';
import { openCommitteeTool } from '../services/routes';
import './index.scss';

/**
 * 名单导入 (committee): pick an .xlsx or .csv roster, see the server's row-by-row preview (nothing written yet), then
 * import it — all of it when it is clean, or, after a confirmation, only the rows without errors.
 */
export default function RosterPage() {
  const access = useCommitteeAccess();
  const { rosterFile: file, rosterPhase: phase, rosterPreview: preview, rosterResult: result, rosterCleanOnly, rosterError, rosterErrorCode, rosterProgress } =
    useCommitteeStore();
  const progressText = rosterProgress ? `${rosterProgress.label} ${rosterProgress.done} / ${rosterProgress.total}` : null;
  const { previewRoster, importRoster, rosterFailed } = useCommitteeStore.getState();
  const [confirmClean, setConfirmClean] = useState(false);

  const hero = <CommitteeHero title='名单导入' subtitle='上传 .xlsx 或 .csv 学生名单：先预览逐行检查结果，确认后再导入' />;

  function tools() {
    const busy = phase === 'previewing' || phase === 'importing';
    const counts = preview ? countProblems(preview) : { errors: 0, warnings: 0 };
    const picker = (label: string, tone: 'primary' | 'outline', block = false) => (
      <RosterFilePicker label={label} tone={tone} block={block} disabled={busy} onPicked={(f) => void previewRoster(f)} onRefused={rosterFailed} />
    );

    const fileLine = file ? <PickedFileLine file={file} hook='roster' /> : null;

    let body;
    if (phase === 'idle') {
      body = (
        <FilePickCard
          className='roster-page__pick'
          title='选择名单文件'
          note='选择后会先检查每一行，不会立即写入；检查无误再点“导入”。'
          picker={picker('选择名单文件', 'primary', true)}
        />
      );
    } else if (phase === 'previewing') {
      body = <FileCheckingCard className='roster-page__checking' fileLine={fileLine} text={progressText ? `${progressText} 份…` : '正在逐行检查名单…'} hook='roster-checking' />;
    } else if (phase === 'failed') {
      body = (
        <FileFailedCard
          fileLine={fileLine}
          title={rosterErrorCode === 'ROSTER_UNREADABLE' ? '名单文件无法读取' : '无法使用该文件'}
          message={rosterError}
          hook='roster-error'
          picker={picker('重新选择', 'primary', true)}
        />
      );
    } else if (phase === 'done' && result) {
      const skipped = result.dataRows - result.cleanRows;
      body = (
        <View className='roster-page__card roster-page__done'>
          {fileLine}
          <View className='roster-page__result roster-result'>
            <Text className='roster-page__result-title'>
              已导入：新增 {result.created} 人，更新 {result.updated} 人
            </Text>
            <Text className='roster-page__result-sub'>
              {rosterCleanOnly && skipped > 0
                ? `共 ${result.dataRows} 行，有错误的 ${skipped} 行未导入；请修改后重新导入这些行。`
                : `共 ${result.dataRows} 行，已全部导入。学生可用学号和姓名绑定微信。`}
            </Text>
          </View>
          <View className='roster-page__actions roster-page__actions--row'>
            {picker('导入另一份名单', 'outline', true)}
            <Button className='roster-page__action roster-open-audit' type='default' onClick={() => openCommitteeTool('audit')}>
              查看审计日志
            </Button>
          </View>
        </View>
      );
    } else if (preview) {
      const importing = phase === 'importing';
      body = (
        <View className='roster-page__card roster-page__preview'>
          {fileLine}
          <View className={`roster-page__summary ${counts.errors ? 'roster-page__summary--errors' : 'roster-page__summary--clean'}`}>
            <Text className='roster-page__summary-text roster-summary'>
              共 {preview.dataRows} 行，{preview.cleanRows} 行无误
            </Text>
            <Text className='roster-page__summary-sub'>
              {counts.errors
                ? `${counts.errors} 个错误${counts.warnings ? `、${counts.warnings} 个提示` : ''}：有错误的行不会导入`
                : counts.warnings
                  ? `${counts.warnings} 个提示，不影响导入`
                  : '没有发现问题，可以导入'}
            </Text>
          </View>
          <RosterProblemList problems={preview.problems} />
          {importing && progressText ? <Text className='roster-page__progress roster-progress'>{progressText} 行…</Text> : null}
          {rosterError ? (
            <View className='roster-page__error roster-error'>
              <Text className='roster-page__error-message'>{rosterError}</Text>
            </View>
          ) : null}
          <View className='roster-page__actions roster-page__actions--stack'>
            <Button
              className='roster-page__action roster-import'
              type='primary'
              block
              disabled={importing || counts.errors > 0 || preview.cleanRows === 0}
              loading={importing}
              onClick={() => void importRoster({ cleanRowsOnly: false })}
            >
              {counts.errors > 0 ? '导入（请先处理错误）' : `导入 ${preview.cleanRows} 行`}
            </Button>
            {counts.errors > 0 && preview.cleanRows > 0 ? (
              <Button
                className='roster-page__action roster-import-clean'
                type='primary'
                fill='outline'
                block
                disabled={importing}
                onClick={() => setConfirmClean(true)}
              >
                仅导入无误的 {preview.cleanRows} 行
              </Button>
            ) : null}
            {picker('重新选择', 'outline', true)}
          </View>
        </View>
      );
    }

    const skippedRows = preview ? preview.dataRows - preview.cleanRows : 0;

    return (
      <>
        {hero}
        {body}
        <RosterTemplate />
        <ConfirmDialog
          visible={confirmClean}
          title='仅导入无误的行？'
          message={`有错误的 ${skippedRows} 行不会导入，其余 ${preview?.cleanRows ?? 0} 行将新增或更新到名单中。`}
          confirmText='确认导入'
          onConfirm={async () => {
            setConfirmClean(false);
            await importRoster({ cleanRowsOnly: true });
          }}
          onCancel={() => setConfirmClean(false)}
        />
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='roster-page' hero={hero} checking={<CommitteeSkeleton count={2} />}>
      {tools}
    </CommitteeGate>
  );
}
