import * as m001 from './001-initial';
import * as m002 from './002-identity';
import * as m003 from './003-web-login';
import * as m004 from './004-checkin';
import * as m005 from './005-credits';
import * as m006 from './006-committee';
import * as m007 from './007-outbox-deadline';
import * as m008 from './008-bulk';
import * as m010 from './010-role-invitations';
import * as m011 from './011-site-settings';
import * as m012 from './012-fair-seats';
import * as m013 from './013-contest';
import * as m014 from './014-sharing-privacy';
import * as m015 from './015-event-covers';

/**
 * Every schema migration, in order. Append new files (007-…) here; never edit an applied one. `foreignKeysOff`: the
 * migration rebuilds a table others refer to (see migrate()).
 */
export const migrations: ReadonlyArray<{ version: number; sql: string; foreignKeysOff?: boolean }> = [m001, m002, m003, m004, m005, m006, m007, m008, m010, m011, m012, m013, m014, m015];
