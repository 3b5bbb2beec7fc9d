import { Text, View } from '@tarojs/components';
import './index.scss';

/** The template's columns, in order; the last two may be left empty. */
const COLUMNS: Array<{ name: string; optional?: boolean }> = [
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

/** What the file must look like: the first row names these columns (in any order); one student per row. */
export default function RosterTemplate() {
  return (
    <View className='roster-template'>
      <Text className='roster-template__title'>名单模板列</Text>
      <View className='roster-template__columns'>
        {COLUMNS.map((c) => (
          <Text key={c.name} className={`roster-template__column ${c.optional ? 'roster-template__column--optional' : ''}`}>
            {c.optional ? `${c.name}（选填）` : c.name}
          </Text>
        ))}
      </View>
      <Text className='roster-template__note'>
        第一行为表头，每行一名学生；支持 .xlsx 和 .csv（UTF-8 或 GBK）。是否团员填“是”或“否”；团支部请写全称，如“24级软件技术1班团支部”。已在名单中的学号会按新内容更新，绑定关系保持不变。
      </Text>
    </View>
  );
}
