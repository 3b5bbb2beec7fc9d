import type { EventFields } from '../../types';
import { NOW, at } from './factories';

/**
 * An organiser's form (saveEvent's fields) for a first-aid training hosted by the committee: sign-up opens now and
 * closes in two days, cancelling until three, the session starts in four days for two hours; 1 credit (技能培训及其他)
 * a time, check-out required. Override what a test is about.
 */
export function eventFields(overrides: Partial<EventFields> = {}): EventFields {
  return {
    title: '红十字应急救护普及培训（第一期）',
    category: 'firstaid',
    details: { kind: 'firstaid', level: '普及培训', assessment: true },
    organizer: '校团委 · 校红十字会',
    location: '医学院技能中心 201',
    description: '心肺复苏与 AED 使用，理论与实操，考核合格者颁发证书。',
    startAt: at(96).toISOString(),
    endAt: at(98).toISOString(),
    signupStartAt: NOW.toISOString(),
    signupEndAt: at(48).toISOString(),
    cancelDeadlineAt: at(72).toISOString(),
    capacity: 3,
    waitlistEnabled: true,
    approvalRequired: false,
    audience: { colleges: [], grades: [], leagueMembersOnly: false },
    creditRule: { base: { kind: 'fixed', module: 'skills', amount: 100 }, assessmentBonus: null },
    credits: 1,
    host: { kind: 'committee', unit: '' },
    checkoutRequired: true,
    minStayRatio: 0.6,
    allowWalkIns: false,
    signupMode: 'first_come',
    lotteryPriority: [],
    ...overrides,
  };
}
