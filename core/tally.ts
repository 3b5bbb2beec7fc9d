/**
 * Sums and lookups keyed by ids that users choose (credit module ids, kinds, event ids). A plain `{}` answers
 * `constructor`, `toString` or `__proto__` with what it inherits from Object.prototype, so `sum[id] ?? 0` on such an
 * id yields a function and `+` turns it into text. Tallies have no prototype, and reads ask for own values only.
 */
export type Tally = Record<string, number>;

/** An empty tally with no prototype (JSON.stringify and Object.entries treat it as any object). */
export function newTally(): Tally {
  return Object.create(null) as Tally;
}

/** `record[key]` if the record itself holds it, else undefined: never an inherited member. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The number under `key`, 0 when absent. */
export function tallyOf(record: Readonly<Record<string, number>>, key: string): number {
  return ownValue(record, key) ?? 0;
}

/** Adds `amount` under `key` (a tally made by newTally, or any record read only through ownValue). */
export function addTo(record: Record<string, number>, key: string, amount: number): void {
  record[key] = tallyOf(record, key) + amount;
}

export { RESERVED_IDS, isReservedId } from '../types/ids';
