import * as m001 from './001-initial';

/** Every schema migration, in order. Append new files (002-…) here; never edit an applied one. */
export const migrations: ReadonlyArray<{ version: number; sql: string }> = [m001];
