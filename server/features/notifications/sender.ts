import type { OutboxMessage } from '../../../core';

/**
 * The notification port: how one outbox message reaches a student. On CloudBase a WeChat subscribe message
 * (cloud.openapi.subscribeMessage.send, see cloudbase-sender.ts); locally the outbox itself is the inbox (the dev UI
 * lists what would have been sent), so the local sender only accepts. Errors are thrown with a short reason that
 * the outbox keeps (lastError) for retries and the failure report.
 */
export interface NotificationSender {
  /** Where a message would go: the student's openid; null when they have no bound account (skipped). */
  send(message: OutboxMessage, openid: string): Promise<void>;
}

/** Local: nothing leaves the machine; a "sent" message is one the dev UI (发件箱) shows. */
export const localOutboxSender: NotificationSender = {
  async send() {
    // Accepting is all there is to do: the outbox row, marked sent by the job, is the local inbox.
  },
};

/** Chinese text of each kind, for the outbox page and the template's note field. */
export const NOTIFICATION_TITLES: Record<OutboxMessage['kind'], string> = {
  event_reminder: '活动提醒',
  waitlist_promoted: '候补成功',
  event_cancelled: '活动取消',
  lottery_result: '抽签结果',
  new_event: '新活动开放报名',
};
