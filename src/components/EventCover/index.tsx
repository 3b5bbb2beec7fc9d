import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Category } from '../../../types/models';
import firstaid from '../../assets/covers/firstaid.png';
import lecture from '../../assets/covers/lecture.png';
import practice from '../../assets/covers/practice.png';
import theme from '../../assets/covers/theme.png';
import volunteer from '../../assets/covers/volunteer.png';
import { campusTime } from '../../utils/time';
import './index.scss';

/** The kind's motif (white on transparent, src/assets/covers), painted over the kind's gradient. */
const ARTWORK: Record<Category, string> = { lecture, volunteer, practice, firstaid, theme };

interface Props {
  category: Category;
  /** An uploaded picture (later: file uploads); the kind's artwork until then. */
  coverUrl?: string | null;
  /** The day shown large on the left ("11月25日", "周三 19:30"). */
  startAt: string;
  /** `card`: the catalogue's cards; `compact`: 我的活动's lower band; `hero`: the top of the event page. */
  size?: 'card' | 'compact' | 'hero';
  /** Beside the time: 进行中, 已结束… */
  badge?: ReactNode;
  /** Ended or cancelled: the band greys out a little, as the card does. */
  muted?: boolean;
}

/**
 * The picture on top of an event card: the event's own cover when there is one, else the artwork of its kind on the
 * kind's gradient, so no card is a wall of text. The date sits on the left in white either way (over a scrim on an
 * uploaded picture). Decorative: the title and facts are text below it.
 */
export default function EventCover({ category, coverUrl, startAt, size = 'card', badge, muted = false }: Props) {
  const day = campusTime(startAt);
  return (
    <View className={`event-cover event-cover--${size} event-cover--${category} ${muted ? 'event-cover--muted' : ''} ${coverUrl ? 'event-cover--photo' : ''}`}>
      {coverUrl ? (
        <Image className='event-cover__photo' src={coverUrl} mode='aspectFill' />
      ) : (
        <Image className='event-cover__art' src={ARTWORK[category]} mode='aspectFit' />
      )}
      <View className='event-cover__date'>
        <Text className='event-cover__day'>{day.format('M月D日')}</Text>
        <View className='event-cover__line'>
          <Text className='event-cover__time'>{day.format('ddd HH:mm')}</Text>
          {badge ? <View className='event-cover__badge'>{badge}</View> : null}
        </View>
      </View>
    </View>
  );
}
