import Taro from '@tarojs/taro';
import { call } from './api';

type ReminderKind = 'event_reminder' | 'waitlist_promoted' | 'event_cancelled';

/** The templates of this build (config/index.ts, SUBSCRIBE_TEMPLATE_IDS), as [kind, template id]. */
function templates(): Array<[ReminderKind, string]> {
  const ids = typeof SUBSCRIBE_TEMPLATE_IDS === 'object' && SUBSCRIBE_TEMPLATE_IDS ? SUBSCRIBE_TEMPLATE_IDS : {};
  return (Object.entries(ids) as Array<[ReminderKind, string | undefined]>).filter((e): e is [ReminderKind, string] => !!e[1]).slice(0, 3);
}

/**
 * Asks the student, once per tap, to allow the reminders (before the event, moved up from the waitlist, event
 * cancelled), then tells the server what was answered per kind. WeChat shows the dialog only when the call is made
 * from a user's tap, so the caller runs this first in its tap handler, before any other await. A refusal or a
 * failure never blocks the sign-up: this resolves in every case, and a refused kind is recorded as refused (the
 * server then sends nothing of that kind). A build without template ids never asks.
 */
export async function askSubscribeConsent(): Promise<void> {
  const list = templates();
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
