import { toJsonSchema } from '@valibot/to-json-schema';
import { ACTION_NAMES, actions } from '../../types';

/** GET /api: every action with the JSON Schema of its input, generated from the schema that validates it. */
export function describeActions(): { actions: Array<{ name: string; summary: string; input: unknown }> } {
  return {
    actions: ACTION_NAMES.map((name) => ({
      name,
      summary: actions[name].summary,
      input: toJsonSchema(actions[name].input, { errorMode: 'ignore' }),
    })),
  };
}
