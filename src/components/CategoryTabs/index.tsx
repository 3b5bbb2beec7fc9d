import { Text, View } from '@tarojs/components';
import type { Category } from '../../../types/models';
import { CATEGORY_TABS } from '../../utils/categories';
import './index.scss';

interface Props {
  value: Category | null;
  onChange: (category: Category | null) => void;
}

/**
 * 全部 / 百生讲坛 / 志愿服务 / 社会实践 / 应急救护 / 主题教育, all visible at 375px. Drawn with plain views rather
 * than NutUI Tabs: those measure their titles with SelectorQuery, which the weapp test simulator does not provide,
 * and six fixed labels need no scrolling. Test hooks: `.category-tab-<value|all>`, `.category-tab--active`.
 */
export default function CategoryTabs({ value, onChange }: Props) {
  const current = value ?? 'all';
  return (
    <View className='category-tabs'>
      {CATEGORY_TABS.map((tab) => {
        const active = tab.value === current;
        return (
          <View
            key={tab.value}
            className={`category-tab category-tab-${tab.value} ${active ? 'category-tab--active' : ''}`}
            onClick={() => {
              if (!active) onChange(tab.value === 'all' ? null : tab.value);
            }}
          >
            <Text className='category-tab__text'>{tab.label}</Text>
            {active ? <View className='category-tab__line' /> : null}
          </View>
        );
      })}
    </View>
  );
}
