import * as v from 'valibot';

/**
 * Ids that users choose (a credit module's id) end up as keys of plain objects in JSON and in sums. The names a plain
 * object inherits from Object.prototype (`constructor`, `toString`, `__proto__`, …) are refused at the door, so that
 * no id can ever read as a built-in.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

export function isReservedId(id: string): boolean {
  return RESERVED_IDS.has(id);
}

/** A credit module's id: lowercase letters, digits and _, starting with a letter; never a reserved name. */
export const ModuleIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{1,31}$/, '模块编号应为小写字母开头的字母、数字或下划线'),
  v.check((id) => !isReservedId(id), '模块编号不能使用系统保留字，请换一个'),
);

/**
 * A record keyed by module ids. valibot's `record` silently drops `__proto__`, `constructor` and `prototype` keys;
 * the raw object is checked first so that such a key is refused with a sentence, not ignored.
 */
export function moduleRecordSchema<T extends v.GenericSchema>(value: T) {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input) && Object.keys(input).every((k) => !isReservedId(k)),
      '模块编号不能使用系统保留字，请换一个',
    ),
    v.record(ModuleIdSchema, value),
  );
}
