import {
  DEFAULT_CREDIT_MODULES,
  DEFAULT_NO_SHOW_POLICY,
  DEFAULT_REQUIREMENT,
  DEFAULT_SITE_SETTINGS,
  appealId,
  attendanceKeyBase,
  summarize,
  type AppealRecord,
  type AuditDraft,
  type AwardDraft,
  type CreditSettings,
  type LedgerEntry,
  type TranscriptShare,
} from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at, makeEvent, makeStudents, studentNo } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * The credits part of the storage contract, run against every adapter. The ledger is append-only and keyed by the
 * source: settling a source asks decideSettlement inside one atomic step and appends what it answers, so a source
 * confirmed twice (or five times at once) is credited once, a change is a reversal plus the next generation of the
 * key, and an appeal's award outlives an attendance that earns nothing. Appeals are decided once, with their credit
 * and audit entry in the same step. Shared transcripts are revoked only by their owner, once. Rate-limit buckets
 * count atomically per key and window.
 */
const ADMIN = 'openid-admin';
const OFFICER = 'openid-officer';
const E1 = 'ev-lecture';
const E2 = 'ev-volunteer';

export function runCreditsContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: credits contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
      await storage.putStudents(makeStudents(6));
      await storage.putEvents([
        makeEvent({ id: E1, startAt: at(-48).toISOString(), endAt: at(-46).toISOString() }),
        makeEvent({
          id: E2,
          title: '社区助老志愿服务',
          category: 'volunteer',
          credits: 1,
          creditRule: { base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 300 }, assessmentBonus: null },
        }),
      ]);
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    const audit = (action: string, target: string, actor = ADMIN, detail: object = {}): AuditDraft => ({
      at: NOW.toISOString(), actor, action, target, detail: JSON.stringify(detail),
    });

    /** What attending E1 (or another event) is worth: a draft for settleCredit, keyed by the attendance base. */
    function attendance(i: number, amount: number, overrides: Partial<AwardDraft> = {}): AwardDraft {
      const eventId = overrides.eventId ?? E1;
      return {
        base: attendanceKeyBase(eventId, studentNo(i)),
        studentNo: studentNo(i),
        module: 'ideology',
        amount,
        hours: 0,
        sourceType: 'attendance',
        eventId,
        rule: `fixed ${amount / 100} 学分`,
        reason: null,
        confirmedBy: 'system',
        at: NOW.toISOString(),
        ...overrides,
      };
    }

    /** Settles student i's source `base` to nothing (the attendance no longer earns credit). */
    function settleToNothing(i: number, base: string, when = NOW, reason = '签到更正') {
      return storage.settleCredit(studentNo(i), base, null, OFFICER, reason, when);
    }

    /** Settles a draft under its own base, for its own student. */
    function settleDraft(draft: AwardDraft, when = NOW) {
      return storage.settleCredit(draft.studentNo, draft.base, draft, 'system', '签到确认', when);
    }

    function manual(i: number, row: number, amount: number, overrides: Partial<AwardDraft> = {}): AwardDraft {
      return {
        base: `man:digest-1:${row}`,
        studentNo: studentNo(i),
        module: 'culture',
        amount,
        hours: 0,
        sourceType: 'manual',
        eventId: null,
        rule: '批量认定',
        reason: '校园歌手大赛获奖',
        confirmedBy: ADMIN,
        at: NOW.toISOString(),
        ...overrides,
      };
    }

    const keysOf = (entries: readonly LedgerEntry[]) => entries.map((e) => e.key);

    describe('settings', () => {
      it('answers the default modules, requirement and no-show policy until the committee sets them', async () => {
        expect(await storage.creditSettings()).toEqual({
          modules: DEFAULT_CREDIT_MODULES,
          requirement: DEFAULT_REQUIREMENT,
          noShow: DEFAULT_NO_SHOW_POLICY,
        });
      });

      it('keeps what the committee sets (a renamed and an added module) and audits it', async () => {
        const settings: CreditSettings = {
          modules: [
            ...DEFAULT_CREDIT_MODULES.map((m) => (m.id === 'skills' ? { ...m, name: '技能培训与劳动教育' } : m)),
            { id: 'labour', name: '劳动实践', order: 7, active: true },
          ],
          requirement: { overallMin: 1200, perModule: { ...DEFAULT_REQUIREMENT.perModule, labour: 50 } },
          noShow: { ...DEFAULT_NO_SHOW_POLICY, enabled: true, threshold: 3 },
        };
        await storage.putCreditSettings(settings, audit('putCreditSettings', 'credit_settings'));
        expect(await storage.creditSettings()).toEqual(settings);
        const changed = { ...settings, requirement: { ...settings.requirement, overallMin: 800 } };
        await storage.putCreditSettings(changed, audit('putCreditSettings', 'credit_settings'));
        expect(await storage.creditSettings()).toEqual(changed);
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['putCreditSettings', 'putCreditSettings']);
      });

      it('names the school from the plan (湖北职业技术学院) until the committee names it, and a copy each time', async () => {
        expect(await storage.siteSettings()).toEqual({ schoolName: '湖北职业技术学院', issuerName: '共青团湖北职业技术学院委员会' });
        const got = await storage.siteSettings();
        got.schoolName = '改了的副本';
        expect(await storage.siteSettings()).toEqual(DEFAULT_SITE_SETTINGS);
      });

      it('keeps the school’s names the committee sets, replaced whole, each change audited', async () => {
        await storage.putSiteSettings({ schoolName: '湖北职业技术学院（孝感）', issuerName: '共青团湖北职业技术学院委员会' }, audit('siteSettings.update', 'siteSettings'));
        expect(await storage.siteSettings()).toEqual({ schoolName: '湖北职业技术学院（孝感）', issuerName: '共青团湖北职业技术学院委员会' });
        await storage.putSiteSettings({ schoolName: '湖北职业技术学院', issuerName: '湖北职业技术学院团委' }, audit('siteSettings.update', 'siteSettings'));
        expect(await storage.siteSettings()).toEqual({ schoolName: '湖北职业技术学院', issuerName: '湖北职业技术学院团委' });
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['siteSettings.update', 'siteSettings.update']);
        // The credit settings are another document: untouched.
        expect((await storage.creditSettings()).modules).toEqual(DEFAULT_CREDIT_MODULES);
      });
    });

    describe('settling a source', () => {
      it('awards a source once, with every field kept, and writes nothing when settled again to the same worth', async () => {
        const draft = attendance(1, 250, { module: 'service', hours: 2.5, eventId: E2, base: attendanceKeyBase(E2, studentNo(1)) });
        const written = await settleDraft(draft);
        const expected: LedgerEntry = {
          key: `att:${E2}:${studentNo(1)}`,
          studentNo: studentNo(1),
          module: 'service',
          amount: 250,
          hours: 2.5,
          kind: 'award',
          sourceType: 'attendance',
          eventId: E2,
          rule: 'fixed 2.5 学分',
          reverses: null,
          reason: null,
          confirmedBy: 'system',
          at: NOW.toISOString(),
        };
        expect(written).toEqual([expected]);
        expect(await settleDraft(draft, at(1))).toEqual([]);
        expect(await settleDraft({ ...draft, confirmedBy: 'openid-someone-else', at: at(2).toISOString() }, at(2))).toEqual([]);
        expect(await storage.listLedger(studentNo(1))).toEqual([expected]);
      });

      it('changes an amount by reversing the award and awarding the next generation of the key', async () => {
        const base = attendanceKeyBase(E1, studentNo(1));
        await settleDraft(attendance(1, 200));
        const written = await storage.settleCredit(studentNo(1), base, attendance(1, 150, { at: at(1).toISOString() }), OFFICER, '学分规则更正', at(1));
        expect(written).toEqual([
          expect.objectContaining({ key: `rev:${base}`, kind: 'reversal', amount: -200, reverses: base, reason: '学分规则更正', confirmedBy: OFFICER, at: at(1).toISOString() }),
          expect.objectContaining({ key: `${base}#2`, kind: 'award', amount: 150, reverses: null }),
        ]);
        const ledger = await storage.listLedger(studentNo(1));
        expect(keysOf(ledger)).toEqual([base, `rev:${base}`, `${base}#2`]);
        // What a settlement answers is what the ledger keeps.
        expect(ledger.slice(1)).toEqual(written);
        expect(summarize(ledger).total).toBe(150);
      });

      it('moves an award to another module the same way', async () => {
        const base = attendanceKeyBase(E1, studentNo(1));
        await settleDraft(attendance(1, 200));
        await settleDraft(attendance(1, 200, { module: 'culture' }), at(1));
        const ledger = await storage.listLedger(studentNo(1));
        expect(keysOf(ledger)).toEqual([base, `rev:${base}`, `${base}#2`]);
        expect(summarize(ledger).byModule).toEqual({ ideology: 0, culture: 200 });
      });

      it('reverses the award when the source earns nothing any more (null target), then awards #2 if it earns again', async () => {
        const base = attendanceKeyBase(E1, studentNo(1));
        await settleDraft(attendance(1, 200));
        const reversed = await settleToNothing(1, base, at(1), '撤销签到');
        expect(reversed).toEqual([expect.objectContaining({ key: `rev:${base}`, amount: -200, hours: 0, reason: '撤销签到' })]);
        expect(await settleToNothing(1, base, at(2))).toEqual([]);
        expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(0);
        expect(keysOf(await settleDraft(attendance(1, 200), at(3)))).toEqual([`${base}#2`]);
        expect(keysOf(await settleToNothing(1, base, at(4)))).toEqual([`rev:${base}#2`]);
        expect(keysOf(await settleDraft(attendance(1, 200), at(5)))).toEqual([`${base}#3`]);
        expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(200);
      });

      it('writes nothing for a null target when the source was never credited', async () => {
        expect(await settleToNothing(1, attendanceKeyBase(E1, studentNo(1)))).toEqual([]);
        expect(await storage.listLedger(studentNo(1))).toEqual([]);
      });

      it('keeps an award that came from an appeal when the attendance later earns nothing', async () => {
        const base = attendanceKeyBase(E1, studentNo(1));
        await settleDraft(attendance(1, 200, { sourceType: 'appeal', rule: `appeal ${appealId(E1, studentNo(1))}` }));
        expect(await settleToNothing(1, base, at(1))).toEqual([]);
        expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(200);
      });

      it('appends once when five settlements of one source arrive at the same time', async () => {
        const draft = attendance(1, 200);
        const answers = await Promise.all(Array.from({ length: 5 }, () => settleDraft(draft)));
        expect(answers.flat()).toHaveLength(1);
        expect(keysOf(await storage.listLedger(studentNo(1)))).toEqual([draft.base]);
      });

      it('settles different sources at the same time independently', async () => {
        const drafts = [1, 2, 3, 4].map((i) => attendance(i, 100 * i));
        const answers = await Promise.all(drafts.map((d) => settleDraft(d)));
        expect(answers.map((a) => a.length)).toEqual([1, 1, 1, 1]);
        for (const i of [1, 2, 3, 4]) expect(summarize(await storage.listLedger(studentNo(i))).total).toBe(100 * i);
      });

      it('never mixes up sources whose keys share a prefix (row 1 and row 12 of a file)', async () => {
        await settleDraft(manual(1, 1, 100));
        await settleDraft(manual(1, 12, 300));
        await settleDraft(manual(1, 123, 500));
        expect(keysOf(await storage.settleCredit(studentNo(1), 'man:digest-1:1', null, ADMIN, '录入有误', at(1)))).toEqual([
          'rev:man:digest-1:1',
        ]);
        expect(await storage.settleCredit(studentNo(1), 'man:digest-1:12', manual(1, 12, 300), ADMIN, '', at(1))).toEqual([]);
        expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(800);
      });
    });

    describe('reading the ledger', () => {
      it("lists a student's entries in the order they were written (not by their time), and only theirs", async () => {
        await settleDraft(attendance(1, 100, { at: at(5).toISOString() }));
        await settleDraft(attendance(2, 100));
        await settleDraft(attendance(1, 50, { eventId: E2, base: attendanceKeyBase(E2, studentNo(1)), at: at(-5).toISOString() }));
        await settleToNothing(1, attendanceKeyBase(E1, studentNo(1)), at(-10));
        const ledger = await storage.listLedger(studentNo(1));
        expect(keysOf(ledger)).toEqual([
          attendanceKeyBase(E1, studentNo(1)),
          attendanceKeyBase(E2, studentNo(1)),
          `rev:${attendanceKeyBase(E1, studentNo(1))}`,
        ]);
        expect(await storage.listLedger(studentNo(6))).toEqual([]);
      });

      it('totals amounts and hours per student and module over the whole ledger, reversals included', async () => {
        expect(await storage.ledgerTotals()).toEqual([]);
        await settleDraft(attendance(1, 200));
        await settleDraft(attendance(1, 300, { module: 'service', hours: 3.5, eventId: E2, base: attendanceKeyBase(E2, studentNo(1)) }));
        await settleDraft(attendance(1, 150, { module: 'service', hours: 1.5, eventId: E2, base: attendanceKeyBase(E2, studentNo(1)) }), at(1));
        await settleDraft(manual(1, 1, 75));
        await settleDraft(attendance(2, 200));
        await settleDraft(manual(2, 2, 25));
        await storage.settleCredit(studentNo(2), 'man:digest-1:2', null, ADMIN, '录入有误', at(1));
        await settleDraft(manual(2, 3, 40));
        const totals = (await storage.ledgerTotals())
          // A module that nets to zero may be answered as 0 or left out.
          .filter((t) => t.amount !== 0 || t.hours !== 0)
          .sort((a, b) => a.studentNo.localeCompare(b.studentNo) || a.module.localeCompare(b.module));
        expect(totals).toEqual([
          { studentNo: studentNo(1), module: 'culture', amount: 75, hours: 0 },
          { studentNo: studentNo(1), module: 'ideology', amount: 200, hours: 0 },
          { studentNo: studentNo(1), module: 'service', amount: 150, hours: 1.5 },
          { studentNo: studentNo(2), module: 'culture', amount: 40, hours: 0 },
          { studentNo: studentNo(2), module: 'ideology', amount: 200, hours: 0 },
        ]);
        // Every total equals what the student's own ledger sums to.
        for (const s of [1, 2]) {
          const summary = summarize(await storage.listLedger(studentNo(s)));
          const mine = totals.filter((t) => t.studentNo === studentNo(s));
          expect(mine.reduce((n, t) => n + t.amount, 0)).toBe(summary.total);
          expect(mine.reduce((n, t) => n + t.hours, 0)).toBeCloseTo(summary.hours, 6);
        }
      });

      it('reads events by id, skipping unknown ones, with their credit rules', async () => {
        const events = await storage.getEventsByIds([E2, 'ev-unknown', E1]);
        expect(events.map((e) => e.id).sort()).toEqual([E1, E2].sort());
        expect(events.find((e) => e.id === E2)?.creditRule).toEqual({
          base: { kind: 'per_hour', module: 'service', perHour: 50, cap: 300 },
          assessmentBonus: null,
        });
        expect(events.find((e) => e.id === E1)?.creditRule).toEqual({ base: { kind: 'fixed', module: 'ideology', amount: 50 }, assessmentBonus: null });
        expect(await storage.getEventsByIds([])).toEqual([]);
        expect(await storage.getEventsByIds(['ev-unknown'])).toEqual([]);
      });

      it('keeps an event credit rule through putEvents and getEvent (none, fixed, per-hour with an assessment bonus)', async () => {
        const firstAid = makeEvent({
          id: 'ev-firstaid',
          category: 'firstaid',
          creditRule: { base: { kind: 'fixed', module: 'skills', amount: 100 }, assessmentBonus: { module: 'skills', amount: 50 } },
        });
        const none = makeEvent({ id: 'ev-none', credits: 0, creditRule: { base: { kind: 'none' }, assessmentBonus: null } });
        await storage.putEvents([firstAid, none]);
        expect(await storage.getEvent('ev-firstaid')).toEqual(firstAid);
        expect(await storage.getEvent('ev-none')).toEqual(none);
        const changed = { ...firstAid, creditRule: { base: { kind: 'per_hour' as const, module: 'skills', perHour: 40, cap: 200 }, assessmentBonus: null } };
        await storage.putEvents([changed]);
        expect((await storage.getEvent('ev-firstaid'))?.creditRule).toEqual(changed.creditRule);
      });
    });

    describe('bulk awards', () => {
      it('writes each award once by its base, so the same file uploaded again writes nothing', async () => {
        const drafts = [manual(1, 1, 100), manual(2, 2, 200), manual(3, 3, 50, { module: 'innovation' })];
        const written = await storage.awardMany(drafts);
        expect(keysOf(written)).toEqual(['man:digest-1:1', 'man:digest-1:2', 'man:digest-1:3']);
        expect(written[2]).toEqual({
          key: 'man:digest-1:3', studentNo: studentNo(3), module: 'innovation', amount: 50, hours: 0, kind: 'award',
          sourceType: 'manual', eventId: null, rule: '批量认定', reverses: null, reason: '校园歌手大赛获奖', confirmedBy: ADMIN, at: NOW.toISOString(),
        });
        expect(await storage.awardMany(drafts)).toEqual([]);
        expect(await storage.listLedger(studentNo(3))).toEqual([written[2]]);
      });

      it('answers only the new awards of a file that repeats some rows, and a base twice in one call once', async () => {
        await storage.awardMany([manual(1, 1, 100)]);
        const written = await storage.awardMany([manual(1, 1, 100), manual(2, 2, 200), manual(2, 2, 200)]);
        expect(keysOf(written)).toEqual(['man:digest-1:2']);
        expect(await storage.awardMany([])).toEqual([]);
      });

      it('awards a reversed base again under the next generation of its key', async () => {
        await storage.awardMany([manual(1, 1, 100)]);
        await storage.settleCredit(studentNo(1), 'man:digest-1:1', null, ADMIN, '录入有误', at(1));
        expect(keysOf(await storage.awardMany([manual(1, 1, 100)]))).toEqual(['man:digest-1:1#2']);
        expect(summarize(await storage.listLedger(studentNo(1))).total).toBe(100);
      });
    });

    describe('appeals', () => {
      function appeal(i: number, overrides: Partial<AppealRecord> = {}): AppealRecord {
        const eventId = overrides.eventId ?? E1;
        return {
          id: appealId(eventId, studentNo(i)),
          eventId,
          studentNo: studentNo(i),
          note: '我到场了，但签到时手机没电',
          status: 'pending',
          createdAt: NOW.toISOString(),
          decidedAt: null,
          decidedBy: null,
          decisionReason: null,
          ...overrides,
        };
      }

      const fileOne = (a: AppealRecord) => storage.fileAppeal(a, audit('fileAppeal', a.id, `openid-${Number(a.studentNo.slice(4))}`));
      const decide = (id: string, status: 'accepted' | 'rejected', credit: AwardDraft | null, when = at(1), reason = '经核实') =>
        storage.decideAppeal(
          id,
          { status, by: OFFICER, reason, at: when },
          credit ? { base: credit.base, target: credit } : null,
          audit('decideAppeal', id, OFFICER, { status }),
        );
      const appealAward = (i: number, amount = 50) =>
        attendance(i, amount, { sourceType: 'appeal', rule: `appeal ${appealId(E1, studentNo(i))}`, confirmedBy: OFFICER, at: at(1).toISOString() });

      it('files an appeal, answers it and audits it', async () => {
        const filed = await fileOne(appeal(1));
        expect(filed).toEqual(appeal(1));
        expect(await storage.getAppeal(appeal(1).id)).toEqual(appeal(1));
        expect(await storage.getAppeal('ev-unknown:nobody')).toBeNull();
        const [entry] = await storage.listAudit(10);
        expect(entry).toMatchObject({ actor: 'openid-1', action: 'fileAppeal', target: appeal(1).id });
      });

      it('refuses APPEAL_EXISTS while one is pending or accepted, writing nothing', async () => {
        await fileOne(appeal(1));
        expect(await refusalOf(fileOne(appeal(1, { note: '再次申诉', createdAt: at(1).toISOString() })))).toBe('APPEAL_EXISTS');
        expect((await storage.getAppeal(appeal(1).id))?.note).toBe(appeal(1).note);
        await decide(appeal(1).id, 'accepted', null);
        expect(await refusalOf(fileOne(appeal(1, { createdAt: at(2).toISOString() })))).toBe('APPEAL_EXISTS');
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['decideAppeal', 'fileAppeal']);
      });

      it('files again after a rejection, as a new pending appeal', async () => {
        await fileOne(appeal(1));
        await decide(appeal(1).id, 'rejected', null, at(1), '签到记录显示未到场');
        const again = appeal(1, { note: '附上了现场照片', createdAt: at(2).toISOString() });
        expect(await fileOne(again)).toEqual(again);
        expect(await storage.getAppeal(again.id)).toEqual(again);
      });

      it('lists appeals newest first, by status, student and events', async () => {
        await fileOne(appeal(1));
        await fileOne(appeal(2, { createdAt: at(1).toISOString() }));
        await fileOne(appeal(1, { eventId: E2, id: appealId(E2, studentNo(1)), createdAt: at(2).toISOString() }));
        await decide(appeal(2).id, 'rejected', null);
        const ids = (list: AppealRecord[]) => list.map((a) => a.id);
        expect(ids(await storage.listAppeals({}))).toEqual([appealId(E2, studentNo(1)), appeal(2).id, appeal(1).id]);
        expect(ids(await storage.listAppeals({ status: ['pending'] }))).toEqual([appealId(E2, studentNo(1)), appeal(1).id]);
        expect(ids(await storage.listAppeals({ status: ['accepted', 'rejected'] }))).toEqual([appeal(2).id]);
        expect(ids(await storage.listAppeals({ studentNo: studentNo(1) }))).toEqual([appealId(E2, studentNo(1)), appeal(1).id]);
        expect(ids(await storage.listAppeals({ eventIds: [E1] }))).toEqual([appeal(2).id, appeal(1).id]);
        expect(ids(await storage.listAppeals({ eventIds: [E1], status: ['pending'], studentNo: studentNo(1) }))).toEqual([appeal(1).id]);
        expect(await storage.listAppeals({ eventIds: [] })).toEqual([]);
      });

      it('accepts an appeal with its credit: the award has the appeal as its source, all in one audited step', async () => {
        await fileOne(appeal(1));
        const out = await decide(appeal(1).id, 'accepted', appealAward(1));
        expect(out.appeal).toEqual({ ...appeal(1), status: 'accepted', decidedAt: at(1).toISOString(), decidedBy: OFFICER, decisionReason: '经核实' });
        expect(out.entries).toEqual([
          expect.objectContaining({ key: attendanceKeyBase(E1, studentNo(1)), kind: 'award', amount: 50, sourceType: 'appeal', confirmedBy: OFFICER }),
        ]);
        expect(await storage.getAppeal(appeal(1).id)).toEqual(out.appeal);
        expect(await storage.listLedger(studentNo(1))).toEqual(out.entries);
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['decideAppeal', 'fileAppeal']);
        // The attendance earning nothing later does not take the appeal's award away.
        expect(await settleToNothing(1, attendanceKeyBase(E1, studentNo(1)), at(2))).toEqual([]);
      });

      it('credits once when an appeal is accepted after a late check-in already credited the same source', async () => {
        await fileOne(appeal(1));
        await settleDraft(attendance(1, 50));
        const out = await decide(appeal(1).id, 'accepted', appealAward(1));
        expect(out.entries).toEqual([]);
        expect(out.appeal.status).toBe('accepted');
        expect(keysOf(await storage.listLedger(studentNo(1)))).toEqual([attendanceKeyBase(E1, studentNo(1))]);
      });

      it('rejects an appeal with its reason and credits nothing', async () => {
        await fileOne(appeal(1));
        const out = await decide(appeal(1).id, 'rejected', null, at(1), '签到记录显示未到场');
        expect(out).toEqual({
          appeal: { ...appeal(1), status: 'rejected', decidedAt: at(1).toISOString(), decidedBy: OFFICER, decisionReason: '签到记录显示未到场' },
          entries: [],
        });
        expect(await storage.listLedger(studentNo(1))).toEqual([]);
      });

      it('refuses APPEAL_DECIDED to a second decision and NOT_FOUND to an unknown appeal, writing nothing', async () => {
        await fileOne(appeal(1));
        await decide(appeal(1).id, 'rejected', null);
        const audited = (await storage.listAudit(10)).length;
        expect(await refusalOf(decide(appeal(1).id, 'accepted', appealAward(1), at(2)))).toBe('APPEAL_DECIDED');
        expect(await refusalOf(decide('ev-unknown:nobody', 'accepted', null))).toBe('NOT_FOUND');
        expect((await storage.getAppeal(appeal(1).id))?.status).toBe('rejected');
        expect(await storage.listLedger(studentNo(1))).toEqual([]);
        expect(await storage.listAudit(10)).toHaveLength(audited);
      });

      it('decides an appeal once when two officers decide it at the same time', async () => {
        await fileOne(appeal(1));
        const outcomes = await Promise.allSettled([
          decide(appeal(1).id, 'accepted', appealAward(1)),
          decide(appeal(1).id, 'accepted', appealAward(1, 80)),
          decide(appeal(1).id, 'rejected', null),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('APPEAL_DECIDED');
        expect((await storage.listLedger(studentNo(1))).length).toBeLessThanOrEqual(1);
        expect((await storage.listAudit(10)).map((a) => a.action)).toEqual(['decideAppeal', 'fileAppeal']);
      });
    });

    describe('shared transcripts', () => {
      function share(i: number, n: number, overrides: Partial<TranscriptShare> = {}): TranscriptShare {
        const codeHash = `${String(i).padStart(2, '0')}${String(n).padStart(2, '0')}`.padEnd(64, 'a');
        return {
          codeHash,
          shareId: codeHash.slice(0, 12),
          studentNo: studentNo(i),
          issuedAt: at(n).toISOString(),
          revokedAt: null,
          snapshot: {
            name: `学生${i}`,
            studentNo: '2024****01',
            college: '信息工程学院',
            className: '计科2401',
            modules: [{ id: 'ideology', name: '思想政治与道德修养', amount: 250 }],
            total: 250,
            hours: 3.5,
            requirementMet: false,
            timeline: n % 2 === 0 ? null : [{ at: NOW.toISOString(), title: '百生讲坛：青年与时代', module: 'ideology', amount: 250, hours: 0 }],
            ledgerDigest: 'f'.repeat(64),
          },
          ...overrides,
        };
      }

      it('keeps a share by the hash of its code, exactly as issued', async () => {
        await storage.createShare(share(1, 1));
        expect(await storage.getShare(share(1, 1).codeHash)).toEqual(share(1, 1));
        expect(await storage.getShare('0'.repeat(64))).toBeNull();
      });

      it("lists a student's own shares, newest first", async () => {
        await storage.createShare(share(1, 1));
        await storage.createShare(share(2, 2));
        await storage.createShare(share(1, 3));
        expect(await storage.listShares(studentNo(1))).toEqual([share(1, 3), share(1, 1)]);
        expect(await storage.listShares(studentNo(5))).toEqual([]);
      });

      it('revokes only the owner’s share, and only once', async () => {
        await storage.createShare(share(1, 1));
        const { shareId, codeHash } = share(1, 1);
        expect(await storage.revokeShare(shareId, studentNo(2), at(5))).toBe(false);
        expect((await storage.getShare(codeHash))?.revokedAt).toBeNull();
        expect(await storage.revokeShare(shareId, studentNo(1), at(5))).toBe(true);
        expect(await storage.revokeShare(shareId, studentNo(1), at(6))).toBe(false);
        expect(await storage.revokeShare('unknown-id00', studentNo(1), at(6))).toBe(false);
        expect(await storage.getShare(codeHash)).toEqual({ ...share(1, 1), revokedAt: at(5).toISOString() });
        expect(await storage.listShares(studentNo(1))).toEqual([{ ...share(1, 1), revokedAt: at(5).toISOString() }]);
      });
    });

    describe('rate limits', () => {
      const window = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

      it('allows `limit` hits in a window and refuses the rest', async () => {
        const hits: boolean[] = [];
        for (let k = 0; k < 5; k++) hits.push(await storage.hitRateLimit('verify:1.2.3.4', window(0), 3));
        expect(hits).toEqual([true, true, true, false, false]);
      });

      it('counts each window and each key apart', async () => {
        for (let k = 0; k < 3; k++) await storage.hitRateLimit('verify:1.2.3.4', window(0), 3);
        expect(await storage.hitRateLimit('verify:1.2.3.4', window(0), 3)).toBe(false);
        expect(await storage.hitRateLimit('verify:5.6.7.8', window(0), 3)).toBe(true);
        expect(await storage.hitRateLimit('verify:1.2.3.4', window(1), 3)).toBe(true);
        expect(await storage.hitRateLimit('verify:1.2.3.4', window(1), 3)).toBe(true);
      });

      it('counts concurrent hits atomically', async () => {
        const hits = await Promise.all(Array.from({ length: 8 }, () => storage.hitRateLimit('verify:9.9.9.9', window(0), 5)));
        expect(hits.filter(Boolean)).toHaveLength(5);
      });
    });
  });
}
