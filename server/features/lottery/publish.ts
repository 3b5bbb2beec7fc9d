import { commitmentOf, type AuditDraft, type EventRecord } from '../../../core';
import { newLotterySecrets, nodeSha256 } from '../../security/lottery-secrets';
import type { HandlerContext } from '../shared/context';

/**
 * Publishing a lottery draft: its secrets are made now (a fresh seed and pseudonym key from the OS's CSPRNG) and its
 * commitment — the seed's SHA-256 — is shown from this moment, before the window opens (the port refuses
 * LOTTERY_TOO_LATE otherwise). The priority rules the draft has are committed with it.
 */
export async function publishLotteryEvent(ctx: HandlerContext, event: EventRecord, audit: AuditDraft): Promise<EventRecord> {
  const { seed, pseudonymKey } = newLotterySecrets();
  const commitment = commitmentOf(seed, nodeSha256);
  const detail = { ...(JSON.parse(audit.detail) as Record<string, unknown>), signupMode: 'lottery', commitment, priority: event.lotteryPriority };
  return ctx.storage.publishLottery(event.id, { seed, pseudonymKey, commitment }, ctx.now(), { ...audit, detail: JSON.stringify(detail) });
}
