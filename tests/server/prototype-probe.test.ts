import { ACTION_NAMES } from '../../types';
import { describeActions } from '../../server/local/describe-actions';
import { NOW, makeEvent, makeStudents } from '../support/factories';
import { startTestServer } from '../support/local-server';

/**
 * A probe from outside: every action, called by the committee (so that access rules let the payload through), with
 * every string in its payload set to a name that a plain object inherits. No answer may be an internal error, and no
 * answer may carry a built-in's text: a lookup keyed by user input must never find Object.prototype.
 */
const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];
const ADMIN = 'o-probe-admin';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
};

/** A payload shaped by the action's JSON Schema, every free string replaced by `name`. */
function payloadOf(schema: JsonSchema, name: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return payloadOf(options.find((o) => o.type !== 'null') ?? options[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, payloadOf(s, name)]));
    case 'array':
      return schema.items ? [payloadOf(schema.items, name)] : [];
    case 'string':
      return schema.format === 'date-time' ? NOW.toISOString() : name;
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    default:
      return name;
  }
}

describe('probe: every action with every Object.prototype name', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ demoMode: true, now: () => NOW });
    await srv.storage.putStudents(makeStudents(3));
    await srv.storage.putEvents([makeEvent({ id: 'e1' })]);
    await srv.storage.grantRole(
      { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'role.grant', target: ADMIN, detail: '{}' },
    );
  });
  afterAll(() => srv.stop());

  it('finds no internal error and no built-in in any answer', async () => {
    const schemas = new Map(describeActions().actions.map((a) => [a.name, a.input as JsonSchema]));
    const findings: string[] = [];
    for (const action of ACTION_NAMES) {
      for (const name of PROTOTYPE_NAMES) {
        const payload = payloadOf(schemas.get(action)!, name);
        const res = await srv.post(action, payload, { 'X-Demo-User': ADMIN });
        const text = JSON.stringify(res.body);
        if (res.status >= 500 || res.body.code === 'INTERNAL') findings.push(`${action} ${name}: ${res.status} ${res.body.code}`);
        if (/native code|function \w*\(/.test(text)) findings.push(`${action} ${name}: ${text.slice(0, 200)}`);
      }
    }
    expect(findings).toEqual([]);
  }, 120_000);
});
