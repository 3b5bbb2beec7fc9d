import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import { FileCheckingCard, FileFailedCard, FilePickCard } from '../components/FileSteps';
import PickedFileLine from '../components/PickedFileLine';
import RosterFilePicker from '../components/RosterFilePicker';
import RosterProblemList from '../components/RosterProblemList';
import RosterTemplate, { type TemplateColumn } from '../components/RosterTemplate';
import { openCommitteeTool } from '../services/routes';
import { useCreditImportStore } from '../stores/credit-import';
import './index.scss';

const COLUMNS: TemplateColumn[] = [{ name: '学号' }, { name: '模块' }, { name: '学分' }, { name: '事由' }];
const NOTE =
  '第一行为表头，每行记一笔学分；支持 .xlsx 和 .csv。模块填名称（如“社会实践与志愿服务”）或编号；学分可带小数，如 0.5；事由会写进学生的成绩单。同一文件重复导入不会重复记分。';

/**
 * 批量记学分 (committee): manual awards from an .xlsx or .csv — a competition's prizes, a term's roles — previewed row by
 * row (nothing written), then recorded. Rows with errors are left out; the same file imported twice awards nothing
 * the second time, and the report says so.
 */
export default function CreditImportPage() {
  const forbidden = useCreditImportStore((s) => s.forbidden);
  const access = useCommitteeAccess('committee', forbidden);
  const { file, phase, preview, result, error, errorCode, progress } = useCreditImportStore();
  const progressText = progress ? `${progress.label} ${progress.done} / ${progress.total}` : null;
  const { previewFile, commit, failed } = useCreditImportStore.getState();
  const [confirmClean, setConfirmClean] = useState(false);

  const hero = <CommitteeHero title='批量记学分' subtitle='上传 .xlsx 或 .csv：先预览逐行检查结果，确认后记入学生成绩单' />;

  function content() {
    const busy = phase === 'previewing' || phase === 'importing';
    const picker = (label: string, tone: 'primary' | 'outline', block = false) => (
      <RosterFilePicker hook='credit-import' label={label} tone={tone} block={block} disabled={busy} onPicked={(f) => void previewFile(f)} onRefused={failed} />
    );

    const fileLine = file ? <PickedFileLine file={file} hook='credit-import' /> : null;

    let body;
    if (phase === 'idle') {
      body = <FilePickCard title='选择学分文件' note='选择后会先检查每一行，不会立即记分；检查无误再点“记入”。' picker={picker('选择学分文件', 'primary', true)} />;
    } else if (phase === 'previewing') {
      body = <FileCheckingCard fileLine={fileLine} text={progressText ? `${progressText} 份…` : '正在逐行检查…'} hook='credit-import-checking' />;
    } else if (phase === 'failed') {
      body = (
        <FileFailedCard
          fileLine={fileLine}
          title={errorCode === 'FILE_UNREADABLE' ? '文件无法读取' : '无法使用该文件'}
          message={error}
          hook='credit-import-error'
          picker={picker('重新选择', 'primary', true)}
        />
      );
    } else if (phase === 'done' && result) {
      const skipped = result.dataRows - result.cleanRows;
      const allAgain = result.awarded === 0 && result.alreadyAwarded > 0;
      body = (
        <View className='roster-page__card'>
          {fileLine}
          <View className={`roster-page__result credit-import-result ${allAgain ? 'credit-import-page__result--again' : ''}`}>
            <Text className='roster-page__result-title credit-import-result-title'>
              {allAgain ? `这 ${result.alreadyAwarded} 行都已记过，未重复记分` : `已记入 ${result.awarded} 行`}
            </Text>
            <Text className='roster-page__result-sub credit-import-result-detail'>
              {[
                result.awarded > 0 && result.alreadyAwarded > 0 ? `另有 ${result.alreadyAwarded} 行此前已记入，未重复记分` : null,
                skipped > 0 ? `有错误的 ${skipped} 行未记入，请修改后再导入这些行` : null,
                allAgain ? '同一文件此前已导入过，不会重复记分' : null,
                !allAgain && skipped === 0 && result.alreadyAwarded === 0 ? '学生刷新成绩单即可看到，标为“团委认定”。' : null,
              ]
                .filter(Boolean)
                .join('；')}
            </Text>
          </View>
          <View className='roster-page__actions roster-page__actions--row'>
            {picker('导入另一份', 'outline', true)}
            <Button className='roster-page__action credit-import-open-credits' type='default' onClick={() => openCommitteeTool('credits')}>
              查看学分统计
            </Button>
          </View>
        </View>
      );
    } else if (preview) {
      const importing = phase === 'importing';
      const errors = preview.problems.length;
      const skippedRows = preview.dataRows - preview.cleanRows;
      body = (
        <View className='roster-page__card'>
          {fileLine}
          <View className={`roster-page__summary ${errors ? 'roster-page__summary--errors' : 'roster-page__summary--clean'}`}>
            <Text className='roster-page__summary-text credit-import-summary'>
              共 {preview.dataRows} 行，{preview.cleanRows} 行无误
            </Text>
            <Text className='roster-page__summary-sub'>{errors ? `${errors} 个问题：有错误的行不会记入` : '没有发现问题，可以记入'}</Text>
          </View>
          <RosterProblemList hook='credit-import-problem' problems={preview.problems} />
          {importing && progressText ? <Text className='roster-page__progress credit-import-progress'>{progressText} 行…</Text> : null}
          {error ? (
            <View className='roster-page__error credit-import-error'>
              <Text className='roster-page__error-message'>{error}</Text>
            </View>
          ) : null}
          <View className='roster-page__actions roster-page__actions--stack'>
            <Button
              className='roster-page__action credit-import-commit'
              type='primary'
              block
              disabled={importing || preview.cleanRows === 0}
              loading={importing}
              onClick={() => (skippedRows > 0 ? setConfirmClean(true) : void commit())}
            >
              {preview.cleanRows === 0 ? '没有可记入的行' : skippedRows > 0 ? `仅记入无误的 ${preview.cleanRows} 行` : `确认记入 ${preview.cleanRows} 行`}
            </Button>
            {picker('重新选择', 'outline', true)}
          </View>
        </View>
      );
    }

    return (
      <>
        {hero}
        {body}
        <RosterTemplate kind='creditAwards' title='文件模板列' columns={COLUMNS} note={NOTE} />
        <ConfirmDialog
          visible={confirmClean}
          title='仅记入无误的行？'
          message={`有错误的 ${preview ? preview.dataRows - preview.cleanRows : 0} 行不会记入，其余 ${preview?.cleanRows ?? 0} 行将记入学生成绩单。`}
          confirmText='确认记入'
          onConfirm={async () => {
            setConfirmClean(false);
            await commit();
          }}
          onCancel={() => setConfirmClean(false)}
        />
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='roster-page credit-import-page' hero={hero} checking={<CommitteeSkeleton count={2} />}>
      {content}
    </CommitteeGate>
  );
}
