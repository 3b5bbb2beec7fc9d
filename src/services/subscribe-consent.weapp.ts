import Taro from '@tarojs/taro';
import { call } from './api';
import type { AlertConsent } from './subscribe-consent';

type ReminderKind = 'event_reminder' | 'waitlist_promoted' | 'event_cancelled';
const REMINDER_KINDS: readonly string[] = ['event_reminder', 'waitlist_promoted', 'event_cancelled'];

/** The templates of this build (config/index.ts, SUBSCRIBE_TEMPLATE_IDS), as { kind: template id }. */
function configured(): Record<string, string | undefined> {
  return typeof SUBSCRIBE_TEMPLATE_IDS === 'object' && SUBSCRIBE_TEMPLATE_IDS ? SUBSCRIBE_TEMPLATE_IDS : {};
}

/** The sign-up's reminder templates, as [kind, template id] (new_event is asked at the 关注 tap, not here). */
function reminderTemplates(): Array<[ReminderKind, string]> {
  return (Object.entries(configured()) as Array<[ReminderKind, string | undefined]>)
    .filter((e): e is [ReminderKind, string] => REMINDER_KINDS.includes(e[0]) && !!e[1])
    .slice(0, 3);
}

/**
 * Asks the student, once per tap, to allow the reminders (before the event, moved up from the waitlist, event
 * cancelled), then tells the server what was answered per kind. WeChat shows the dialog only when the call is made
 * from a user's tap, so the caller runs this first in its tap handler, before any other await. A refusal or a
 * failure never blocks the sign-up: this resolves in every case, and a refused kind is recorded as refused (the
 * server then sends nothing of that kind). A build without template ids never asks.
 */
export async function askSubscribeConsent(): Promise<void> {
  const list = reminderTemplates();
  if (!list.length) return;
  let answer: Record<string, unknown>;
  try {
    answer = (await Taro.requestSubscribeMessage({ tmplIds: list.map(([, id]) => id) } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
  } catch {
    // The student switched subscriptions off altogether, or the call failed: nothing was asked, nothing to record.
    return;
  }
  const results = list.map(([kind, id]) => ({ kind, accepted: answer[id] === 'accept' }));
  // Recording is best effort and must not hold the sign-up up.
  void call('recordSubscribeConsent', { results }).catch(() => undefined);
}

/** Whether this build can ask for 活动提醒 (a new_event template is configured). */
export function alertConsentAvailable(): boolean {
  return !!configured().new_event;
}

/**
 * 活动提醒: asks for one new_event message (WeChat: one "allow" = one message). Like the sign-up's ask it must be the
 * first await of the tap. Only asks; the caller records an acceptance (recordSubscribeConsent) so that the count it
 * shows next already includes it. Never rejects.
 */
export async function askAlertConsent(): Promise<AlertConsent> {
  const id = configured().new_event;
  if (!id) return 'unavailable';
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [id] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    return answer[id] === 'accept' ? 'accepted' : 'refused';
  } catch {
    // Subscriptions switched off in WeChat's settings, or the call failed: nothing was allowed.
    return 'refused';
  }
}
