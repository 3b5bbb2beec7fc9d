/**
 * Tests never lean on the wall clock: each runs at a moment it chooses. TEST_MOMENT is the one the end-to-end and
 * weapp tests run at (the local server's TEST_CLOCK_START, the browser's and the simulator's clocks): a Wednesday
 * morning in Shanghai, when a campus is busy. SHANGHAI_MOMENTS are the awkward ones the time-sensitive suites repeat
 * at: just after midnight, the small hours when reminders pile up, noon, just before midnight, and the last minutes
 * of a month and of a year.
 */
export const TEST_MOMENT = new Date('2026-11-18T02:00:00.000Z');

/** The UTC instant of a Shanghai wall-clock time, `YYYY-MM-DD HH:mm`. */
export function shanghai(local: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a Shanghai time: ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi));
}

export const SHANGHAI_MOMENTS: ReadonlyArray<[label: string, at: Date]> = [
  ['00:05 just after midnight', shanghai('2026-12-03 00:05')],
  ['04:30 in the small hours', shanghai('2026-12-05 04:30')],
  ['12:00 at noon', shanghai('2026-12-02 12:00')],
  ['23:55 just before midnight', shanghai('2026-12-04 23:55')],
  ['23:55 on the last day of a month', shanghai('2026-11-30 23:55')],
  ['23:55 on the last day of the year', shanghai('2026-12-31 23:55')],
  ['00:05 on New Year\'s Day', shanghai('2027-01-01 00:05')],
];
