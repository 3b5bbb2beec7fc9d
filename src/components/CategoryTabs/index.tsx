import type { Category } from '../../../types/models';
import { CATEGORY_TABS } from '../../utils/categories';
import SegmentTabs from '../SegmentTabs';

interface Props {
  value: Category | null;
  onChange: (category: Category | null) => void;
}

/**
 * 全部 / 百生讲坛 / 志愿服务 / 社会实践 / 应急救护 / 主题教育, all visible at 375px; tapping the chosen one does nothing.
 * Test hooks: `.category-tab-<value|all>`, `.category-tab--active`.
 */
export default function CategoryTabs({ value, onChange }: Props) {
  const current = value ?? 'all';
  return (
    <SegmentTabs
      look='underline'
      hook='category-tab'
      value={current}
      options={CATEGORY_TABS}
      onChange={(tab) => {
        if (tab !== current) onChange(tab === 'all' ? null : tab);
      }}
    />
  );
}
