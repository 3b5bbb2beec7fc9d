import { Text, View } from '@tarojs/components';
import type { Category } from '../../../types/models';
import { CATEGORY_COLORS, categoryLabel } from '../../utils/categories';
import './index.scss';

interface Props {
  category: Category;
  tag: string;
}

/** The category chip (coloured per category) and the event's own tag, e.g. 百生讲坛 · 团支部赛道. */
export default function EventTags({ category, tag }: Props) {
  const color = CATEGORY_COLORS[category];
  return (
    <View className='event-tags'>
      <Text className='event-tags__category category-chip' style={{ color: color.fg, backgroundColor: color.bg }}>
        {categoryLabel(category)}
      </Text>
      {tag ? <Text className='event-tags__tag event-tag'>{tag}</Text> : null}
    </View>
  );
}
