import type { OutboxMessage } from '../../../core';
import type { NotificationSender } from './sender';

/**
 * WeChat subscribe messages from a cloud function: `cloud.openapi.subscribeMessage.send` (the function's
 * config.json must grant "openapi": ["subscribeMessage.send"], else errcode -604101). Template ids and the mapping of
 * our fields to each template's keys come from the environment (SUBSCRIBE_TEMPLATES, JSON), since they are created
 * in the mini program's admin console:
 *   { "event_reminder": { "id": "<template id>", "fields": { "title": "thing1", "time": "time2", "place": "thing3", "note": "thing4" } }, ... }
 * This file is only ever exercised on CloudBase (no account here): it is kept small and typed against the SDK.
 */
export interface OpenApi {
  subscribeMessage: {
    send(args: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<unknown>;
  };
}

export type TemplateConfig = Record<string, { id: string; fields: Record<string, string> }>;

export function cloudbaseSender(openapi: OpenApi, templates: TemplateConfig): NotificationSender {
  return {
    async send(message: OutboxMessage, openid: string) {
      const template = templates[message.kind];
      if (!template) throw new Error(`no template configured for ${message.kind}`);
      const data: Record<string, { value: string }> = {};
      for (const [ours, theirs] of Object.entries(template.fields)) {
        // WeChat refuses `thing` values over 20 characters (errcode 47003): cut them rather than fail the send.
        const value = message.data[ours] ?? '';
        data[theirs] = { value: theirs.startsWith('thing') ? value.slice(0, 20) : value };
      }
      try {
        await openapi.subscribeMessage.send({ touser: openid, templateId: template.id, page: `pages/event/index?id=${message.eventId}`, data });
      } catch (error) {
        const e = error as { errCode?: number; errcode?: number; errMsg?: string; message?: string };
        throw new Error(`errcode ${e.errCode ?? e.errcode ?? '?'}: ${(e.errMsg ?? e.message ?? '').slice(0, 120)}`);
      }
    },
  };
}

/**
 * SUBSCRIBE_TEMPLATES as configured on the function (JSON, see above). Missing or unreadable: no templates, logged
 * once per container; every send then fails with "no template configured" and is retried and reported like any
 * failure, rather than the container failing to start.
 */
export function templatesFromEnv(raw: string | undefined): TemplateConfig {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as TemplateConfig;
    throw new Error('not a JSON object');
  } catch (error) {
    console.error('SUBSCRIBE_TEMPLATES is not valid template configuration:', (error as Error).message);
    return {};
  }
}
