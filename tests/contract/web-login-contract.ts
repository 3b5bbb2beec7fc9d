import { newTicket, sessionTimes, type WebSession } from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at } from '../support/factories';
import type { StorageHarness } from './storage-contract';

/** Web login in every adapter: a ticket is confirmed once, exchanged once, and only within its five minutes. */
export function runWebLoginContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: web login contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const draft = (token: string): Omit<WebSession, 'openid'> => ({ tokenHash: token, ...sessionTimes(NOW), revokedAt: null });

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.createLoginTicket(newTicket('t1', NOW));
    });
    afterEach(() => harness.cleanup());

    it('keeps a ticket pending until it is confirmed, then exchanges it once for a session of the confirming account', async () => {
      expect(await storage.exchangeLoginTicket('t1', NOW, draft('s0'))).toEqual({ outcome: 'pending' });
      expect(await storage.confirmLoginTicket('t1', 'openid-officer', NOW)).toBe(true);
      const first = await storage.exchangeLoginTicket('t1', NOW, draft('s1'));
      expect(first).toEqual({ outcome: 'exchanged', session: { ...draft('s1'), openid: 'openid-officer' } });
      expect(await storage.exchangeLoginTicket('t1', NOW, draft('s2'))).toEqual({ outcome: 'invalid' });
      expect(await storage.getWebSession('s1')).toEqual({ ...draft('s1'), openid: 'openid-officer' });
      expect(await storage.getWebSession('s2')).toBeNull();
    });

    it('confirms a ticket only once, and never an unknown or expired one', async () => {
      expect(await storage.confirmLoginTicket('t1', 'openid-a', NOW)).toBe(true);
      expect(await storage.confirmLoginTicket('t1', 'openid-b', NOW)).toBe(false);
      expect(await storage.confirmLoginTicket('nope', 'openid-a', NOW)).toBe(false);
      await storage.createLoginTicket(newTicket('t2', NOW));
      expect(await storage.confirmLoginTicket('t2', 'openid-a', at(0.1))).toBe(false); // 6 minutes later
    });

    it('refuses to exchange a confirmed ticket after its five minutes', async () => {
      await storage.confirmLoginTicket('t1', 'openid-a', NOW);
      expect(await storage.exchangeLoginTicket('t1', at(0.1), draft('s1'))).toEqual({ outcome: 'invalid' });
    });

    it('gives the session to exactly one of two polls racing for the same confirmed ticket', async () => {
      await storage.confirmLoginTicket('t1', 'openid-a', NOW);
      const results = await Promise.all(['s1', 's2', 's3'].map((s) => storage.exchangeLoginTicket('t1', NOW, draft(s))));
      expect(results.filter((r) => r.outcome === 'exchanged')).toHaveLength(1);
    });

    it('revokes a session', async () => {
      await storage.confirmLoginTicket('t1', 'openid-a', NOW);
      await storage.exchangeLoginTicket('t1', NOW, draft('s1'));
      await storage.revokeWebSession('s1', at(1));
      expect((await storage.getWebSession('s1'))?.revokedAt).toBe(at(1).toISOString());
      await storage.revokeWebSession('missing', at(1));
    });
  });
}
