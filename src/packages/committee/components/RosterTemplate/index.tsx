import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { usePageToast } from '../../../../components/PageToast';
import { downloadTemplate } from '../../stores/templates';
import './index.scss';

export interface TemplateColumn {
  name: string;
  optional?: boolean;
}

/** The roster template's columns, in order; the last two may be left empty. */
const ROSTER_COLUMNS: TemplateColumn[] = [
  { name: '学号' },
  { name: '姓名' },
  { name: '二级学院' },
  { name: '班级' },
  { name: '团支部' },
  { name: '是否团员' },
  { name: '年级' },
  { name: '身份证后六位', optional: true },
  { name: '手机号', optional: true },
];

const ROSTER_NOTE =
  '第一行为表头，每行一名学生；支持 .xlsx 和 .csv（UTF-8 或 GBK）。是否团员填“是”或“否”；团支部请写全称，如“24级软件技术1班团支部”。已在名单中的学号会按新内容更新，绑定关系保持不变。';

interface Props {
  /** Which template file 下载模板 hands out. */
  kind?: 'roster' | 'creditAwards';
  title?: string;
  columns?: readonly TemplateColumn[];
  note?: string;
}

/**
 * What the file must look like: the first row names these columns (in any order); one record per row. The roster's
 * by default; 批量记学分 passes its own.
 */
export default function RosterTemplate({ kind = 'roster', title = '名单模板列', columns = ROSTER_COLUMNS, note = ROSTER_NOTE }: Props) {
  const [busy, setBusy] = useState(false);
  const [toastNode, showToast] = usePageToast();
  async function download() {
    setBusy(true);
    const outcome = await downloadTemplate(kind);
    setBusy(false);
    showToast(outcome.message, outcome.ok ? 'success' : 'fail');
  }
  return (
    <View className='roster-template'>
      <View className='roster-template__head'>
        <Text className='roster-template__title'>{title}</Text>
        <Button className='roster-template__download roster-template-download' type='primary' fill='outline' loading={busy} onClick={() => void download()}>
          下载 Excel 模板
        </Button>
      </View>
      <View className='roster-template__columns'>
        {columns.map((c) => (
          <Text key={c.name} className={`roster-template__column ${c.optional ? 'roster-template__column--optional' : ''}`}>
            {c.optional ? `${c.name}（选填）` : c.name}
          </Text>
        ))}
      </View>
      <Text className='roster-template__note'>{note}</Text>
      {toastNode}
    </View>
  );
}
