import { ApiError } from '../../types';
import { RUSH_WINDOW_MS, type EventRecord } from '../../core';
import { CloudbaseStorage, type CloudbaseStorageOptions } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import { makeEvent, makeStudents, NOW, studentNo } from '../support/factories';

/**
 * The intake queue for sign-up rushes on CloudBase (server/storage/cloudbase/signup-queue.ts; the rules in
 * core/signup-queue.ts): what only this adapter does. The promises every adapter keeps in a rush — never oversold, a
 * fair waitlist, one registration per student — are in the shared storage contract; here the queue's own machinery:
 * who goes to the queue, arrival order, a drainer that dies half-way, refusals after queueing, the timer's sweep.
 */
const OPENED = NOW;
const inRush = (ms = 0) => new Date(OPENED.getTime() + 60_000 + ms);

function rushEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return makeEvent({ id: 'ev-rush', signupStartAt: OPENED.toISOString(), ...overrides });
}

const harnesses: Array<[string, (options?: CloudbaseStorageOptions) => { storage: CloudbaseStorage; failNextPlacementWrite(): void }]> = [
  [
    'real SDK',
    (options) => {
      const backend = new CloudbaseBackend({ latencyMs: 0 });
      const storage = new CloudbaseStorage(createRealSdkDatabase(backend, { throwOnNotFound: false }), { maxAttempts: 25, ...options });
      return { storage, failNextPlacementWrite: () => backend.failNext(['modifyDocument'], 'registrations') };
    },
  ],
];

describe.each(harnesses)('cloudbase (%s): the sign-up queue', (_name, open) => {
  // These tests place at once; the settle wait has its own test below.
  const queueOptions = { signupQueue: { settleMs: 0 } };

  it('waits for a sign-up that arrived first but was written after a later one: the seat goes to who arrived first', async () => {
    // The adapter's clock and pauses, simulated: while the drainer waits, the earlier arrival's write lands.
    let clockMs = 0;
    let late: Promise<unknown> | null = null;
    const { storage } = open({
      nowMs: () => clockMs,
      sleep: async (ms) => {
        if (!late) {
          late = storage.signUp('ev-rush', studentNo(1), inRush(0));
          await late;
        }
        clockMs += ms;
      },
      signupQueue: { settleMs: 1000 },
    });
    await storage.putStudents(makeStudents(2));
    await storage.putEvents([rushEvent({ capacity: 1 })]);
    // Student 2 arrived 5 ms after student 1, but its write reached the queue first and its call took the lease.
    const second = await storage.signUp('ev-rush', studentNo(2), inRush(5));
    expect(late).not.toBeNull();
    expect(await late).toMatchObject({ registration: { status: 'queued' } });
    expect(second).toMatchObject({ registration: { status: 'waitlisted', waitlistSeq: 1 }, waitlistPosition: 1 });
    expect(await storage.getRegistration('ev-rush', studentNo(1))).toMatchObject({ status: 'confirmed' });
    // The wait was the settle time past the last arrival, not more.
    expect(clockMs).toBe(1001);
  });

  it('takes a sign-up made in the first minutes after sign-up opens through the queue, and answers it placed', async () => {
    const { storage } = open(queueOptions);
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([rushEvent({ capacity: 1 })]);
    const first = await storage.signUp('ev-rush', studentNo(1), inRush());
    expect(first.registration).toMatchObject({ status: 'confirmed', waitlistSeq: null });
    expect(first.event).toMatchObject({ seatsLeft: 0 });
    const second = await storage.signUp('ev-rush', studentNo(2), inRush(1));
    expect(second).toMatchObject({ registration: { status: 'waitlisted', waitlistSeq: 1 }, waitlistPosition: 1 });
    expect(await storage.getEvent('ev-rush')).toMatchObject({ seatsLeft: 0, waitlistCount: 1, waitlistSeq: 1 });
  });

  it('gives seats and places in line in the order the sign-ups arrived, whatever order they are placed in', async () => {
    const { storage } = open(queueOptions);
    await storage.putStudents(makeStudents(12));
    await storage.putEvents([rushEvent({ capacity: 4 })]);
    // Fired together, arriving 1 ms apart in the reverse of the order they were fired.
    await Promise.all(Array.from({ length: 12 }, (_, k) => storage.signUp('ev-rush', studentNo(k + 1), inRush(12 - k))));
    await storage.settleQueuedSignups(inRush(100));
    const byArrival = Array.from({ length: 12 }, (_, k) => studentNo(12 - k));
    const regs = await Promise.all(byArrival.map((no) => storage.getRegistration('ev-rush', no)));
    expect(regs.map((r) => r?.status)).toEqual([...Array(4).fill('confirmed'), ...Array(8).fill('waitlisted')]);
    expect((await storage.listWaitlist('ev-rush')).map((r) => r.studentNo)).toEqual(byArrival.slice(4));
  });

  it('finishes the placements of a drainer that died after counting them: none lost, none counted twice', async () => {
    const { storage, failNextPlacementWrite } = open(queueOptions);
    await storage.putStudents(makeStudents(5));
    await storage.putEvents([rushEvent({ capacity: 2 })]);
    failNextPlacementWrite();
    const dying = await storage.signUp('ev-rush', studentNo(1), inRush()).catch((e) => e);
    expect(dying).not.toBeInstanceOf(ApiError); // an infrastructure failure, not a refusal
    // The counters were written with the placement; the registration was not. The next drainer finishes it.
    expect(await storage.getRegistration('ev-rush', studentNo(1))).toMatchObject({ status: 'queued' });
    // The lease the dead drainer held runs out; then the next sign-up drains.
    const later = new Date(inRush().getTime() + 31_000);
    expect((await storage.signUp('ev-rush', studentNo(2), later)).registration.status).toBe('confirmed');
    expect(await storage.getRegistration('ev-rush', studentNo(1))).toMatchObject({ status: 'confirmed' });
    expect(await storage.getEvent('ev-rush')).toMatchObject({ seatsLeft: 0, waitlistCount: 0 });
    expect((await storage.signUp('ev-rush', studentNo(3), later)).registration.status).toBe('waitlisted');
  });

  it('refuses a queued sign-up when the event is full without a waitlist, and lets the student try again later', async () => {
    const { storage } = open(queueOptions);
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([rushEvent({ capacity: 1, waitlistEnabled: false })]);
    expect((await storage.signUp('ev-rush', studentNo(1), inRush())).registration.status).toBe('confirmed');
    const refused = await storage.signUp('ev-rush', studentNo(2), inRush(1)).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('EVENT_FULL');
    expect(await storage.getRegistration('ev-rush', studentNo(2))).toMatchObject({ status: 'cancelled', refusal: 'EVENT_FULL' });
    await storage.cancel('ev-rush', studentNo(1), inRush(2));
    expect((await storage.signUp('ev-rush', studentNo(2), inRush(3))).registration.status).toBe('confirmed');
  });

  it('answers a registration already held, queued or placed, with ALREADY_SIGNED_UP', async () => {
    const { storage } = open(queueOptions);
    await storage.putStudents(makeStudents(2));
    await storage.putEvents([rushEvent({ capacity: 5 })]);
    await storage.signUp('ev-rush', studentNo(1), inRush());
    const again = await storage.signUp('ev-rush', studentNo(1), inRush(5)).catch((e) => e);
    expect((again as ApiError).code).toBe('ALREADY_SIGNED_UP');
  });

  it('refuses to cancel a sign-up that is still being placed, then cancels it once placed', async () => {
    const { storage, failNextPlacementWrite } = open(queueOptions);
    await storage.putStudents(makeStudents(2));
    await storage.putEvents([rushEvent({ capacity: 5 })]);
    failNextPlacementWrite();
    await storage.signUp('ev-rush', studentNo(1), inRush()).catch(() => undefined);
    const early = await storage.cancel('ev-rush', studentNo(1), inRush(10)).catch((e) => e);
    expect((early as ApiError).code).toBe('SIGNUP_QUEUED');
    await storage.settleQueuedSignups(new Date(inRush().getTime() + 31_000));
    expect((await storage.cancel('ev-rush', studentNo(1), inRush(20))).registration.status).toBe('cancelled');
    expect(await storage.getEvent('ev-rush')).toMatchObject({ seatsLeft: 5 });
  });

  it('goes straight to the direct transaction (three operations) once the rush window has passed and nobody drains', async () => {
    const { storage } = open(queueOptions);
    await storage.putStudents(makeStudents(1));
    await storage.putEvents([rushEvent({ capacity: 5 })]);
    const late = new Date(OPENED.getTime() + RUSH_WINDOW_MS + 1);
    const outcome = await storage.signUp('ev-rush', studentNo(1), late);
    expect(outcome.registration).toMatchObject({ status: 'confirmed' });
    expect(outcome.registration.queuedAt).toBeUndefined();
  });

  it('sweeps the queues nobody came back for (the timer), and answers how many it placed', async () => {
    const { storage, failNextPlacementWrite } = open(queueOptions);
    await storage.putStudents(makeStudents(2));
    await storage.putEvents([rushEvent({ capacity: 5 }), rushEvent({ id: 'ev-rush-2', capacity: 5 })]);
    failNextPlacementWrite();
    await storage.signUp('ev-rush', studentNo(1), inRush()).catch(() => undefined);
    const later = new Date(inRush().getTime() + 31_000);
    expect(await storage.settleQueuedSignups(later)).toBe(1);
    expect(await storage.getRegistration('ev-rush', studentNo(1))).toMatchObject({ status: 'confirmed' });
    expect(await storage.settleQueuedSignups(later)).toBe(0);
  });

  it('places nobody once the event was cancelled meanwhile: queued sign-ups are told so', async () => {
    const { storage, failNextPlacementWrite } = open(queueOptions);
    await storage.putStudents(makeStudents(2));
    await storage.putEvents([rushEvent({ capacity: 5 })]);
    // A queued sign-up whose drainer died before counting it (its batch transaction failed).
    failNextPlacementWrite();
    await storage.signUp('ev-rush', studentNo(1), inRush()).catch(() => undefined);
    const before = await storage.getEvent('ev-rush');
    // (The dead drainer counted the seat: the leftover placement is kept and finished, the event is not double-counted.)
    await storage.putEvents([{ ...before!, status: 'cancelled' }]);
    await storage.settleQueuedSignups(new Date(inRush().getTime() + 31_000));
    const reg = await storage.getRegistration('ev-rush', studentNo(1));
    expect(['confirmed', 'cancelled']).toContain(reg?.status);
    expect(reg?.status).not.toBe('queued');
  });
});

/**
 * What a rush costs one function instance, counted on the real SDK's requests: the door reuses the event it read a
 * moment ago, a page asking while another instance drains leaves the lease alone, and one that finds no drainer at
 * work carries the draining on.
 */
describe('cloudbase (real SDK): what the queue costs an instance in a rush', () => {
  function instance() {
    const backend = new CloudbaseBackend({ latencyMs: 0 });
    const db = createRealSdkDatabase(backend, { throwOnNotFound: false });
    const storage = new CloudbaseStorage(db, { maxAttempts: 25 });
    const ops = () => backend.counters().byActionAndCollection;
    /** Another instance holds the lease until `until`. */
    const leaseHeldUntil = (until: Date) =>
      db.collection('events').doc('ev-rush').update({ data: { drainLeaseUntil: until.toISOString(), drainOwner: 'another-instance' } });
    return { storage, backend, ops, leaseHeldUntil };
  }

  it('sends the sign-ups after the first straight to the queue while its view of the event is fresh: one add each', async () => {
    const { storage, backend, ops, leaseHeldUntil } = instance();
    await storage.putStudents(makeStudents(4));
    await storage.putEvents([rushEvent({ capacity: 2 })]);
    await leaseHeldUntil(inRush(30_000));
    const first = await storage.signUp('ev-rush', studentNo(1), inRush());
    expect(first.registration.status).toBe('queued');
    backend.resetCounters();
    const next = await Promise.all([2, 3].map((k) => storage.signUp('ev-rush', studentNo(k), inRush(100 * k))));
    expect(next.map((o) => o.registration.status)).toEqual(['queued', 'queued']);
    // Neither the event read again nor the held lease tried: each sign-up is its registration's add.
    expect(ops()).toEqual({ 'database.insertDocument registrations': 2 });
    // A second later the view is stale: the event is read again.
    backend.resetCounters();
    await storage.signUp('ev-rush', studentNo(4), inRush(1500));
    expect(ops()['database.getDocument events']).toBe(1);
  });

  it('answers a page asking while another instance drains from what it has: its registration, no lease tried', async () => {
    const { storage, backend, ops, leaseHeldUntil } = instance();
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([rushEvent({ capacity: 1 })]);
    await leaseHeldUntil(inRush(3000));
    await Promise.all([1, 2, 3].map((k) => storage.signUp('ev-rush', studentNo(k), inRush(k))));
    backend.resetCounters();
    const asked = await Promise.all([1, 2, 3].map((k) => storage.pollSignup('ev-rush', studentNo(k), inRush(200))));
    expect(asked.map((p) => p.registration?.status)).toEqual(['queued', 'queued', 'queued']);
    expect(asked[0].event).toMatchObject({ id: 'ev-rush', seatsLeft: 1 });
    expect(ops()).toEqual({ 'database.getDocument registrations': 3 });
  });

  it('places the queue from a page asking once the other instance’s lease has run out, and answers the place made', async () => {
    const { storage, leaseHeldUntil } = instance();
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([rushEvent({ capacity: 1 })]);
    await leaseHeldUntil(inRush(3000));
    for (const k of [1, 2, 3]) expect((await storage.signUp('ev-rush', studentNo(k), inRush(k))).registration.status).toBe('queued');
    const third = await storage.pollSignup('ev-rush', studentNo(3), inRush(3500));
    expect(third).toMatchObject({ registration: { status: 'waitlisted', waitlistSeq: 2 }, waitlistPosition: 2, event: { seatsLeft: 0, waitlistCount: 2 } });
    expect(await storage.pollSignup('ev-rush', studentNo(1), inRush(3600))).toMatchObject({ registration: { status: 'confirmed' }, waitlistPosition: null });
    // The second asks a few seconds on: its place as placed, exact (nobody ahead of it left).
    expect(await storage.pollSignup('ev-rush', studentNo(2), inRush(6000))).toMatchObject({ registration: { status: 'waitlisted' }, waitlistPosition: 1 });
  });
});
