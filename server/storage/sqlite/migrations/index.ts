import * as m001 from './001-initial';
import * as m002 from './002-identity';
import * as m003 from './003-web-login';
import * as m004 from './004-checkin';

/** Every schema migration, in order. Append new files (002-…) here; never edit an applied one. */
export const migrations: ReadonlyArray<{ version: number; sql: string }> = [m001, m002, m003, m004];
