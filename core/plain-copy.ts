/**
 * A deep copy of plain data (records, settings, details: JSON values only). Not `structuredClone`: the cloud functions'
 * runtime and some mini program engines lack it, and a record never holds anything JSON cannot carry.
 */
export function plainCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
