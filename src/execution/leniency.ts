// Inputs as models send them, read the way they were meant before the schema check: null for an optional argument
// means absent (OpenAI strict-mode models send nulls) unless its schema takes null as a value, "job,stage" is a list where a list is expected, an array of
// ids goes to an id filter the way the API takes several, a plain date is that day at 00:00 UTC where a date-time is
// expected, and another tool's spelling of an enum value is the same value. What cannot have been meant (true for a
// text) is refused, naming the argument.
import type { Timestamp, Tool } from '../tools/types.ts';
import type { InvalidArgument } from './types.ts';

interface ArgumentPlan {
  required: boolean;
  /** The schema allows null (type [..., "null"]): a null is a value the API takes, e.g. "clear this". */
  nullable: boolean;
  type: unknown;
  itemsType: unknown;
  format: unknown;
  aliases: Record<string, string> | undefined;
  timestamp: Timestamp | undefined;
  /** A query parameter that takes one id, or several joined as the API takes them. */
  idList: boolean;
  /** Text list items: "a,b" splits into ["a", "b"]. */
  splitsText: boolean;
}

const plans = new WeakMap<Tool, Map<string, ArgumentPlan>>();
const idParameter = /(?:^|[_[])ids?\]?$/i;
const plainDate = /^\d{4}-\d{2}-\d{2}$/;

function planOf(tool: Tool): Map<string, ArgumentPlan> {
  let plan = plans.get(tool);
  if (plan) return plan;
  plan = new Map();
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = (tool.inputSchema.required ?? []) as string[];
  const routes = new Map(tool.routes.map((route) => [route.argument, route]));
  for (const [argument, schema] of Object.entries(properties)) {
    const route = routes.get(argument);
    const items = (schema.items ?? {}) as Record<string, unknown>;
    plan.set(argument, {
      required: required.includes(argument),
      nullable: Array.isArray(schema.type) && schema.type.includes('null'),
      type: schema.type,
      itemsType: items.type,
      format: schema.format,
      aliases: tool.hints[argument]?.aliases,
      timestamp: tool.hints[argument]?.timestamp,
      idList: route?.in === 'query' && schema.type === 'string' && schema.enum === undefined && idParameter.test(route.name),
      splitsText: route?.in === 'query' && schema.type === 'array',
    });
  }
  plans.set(tool, plan);
  return plan;
}

/** Rewrites `args` in place; returns what cannot have been meant. `idLists` receives id filters given as arrays. */
export function readAsMeant(tool: Tool, args: Record<string, unknown>, idLists: Map<string, string[]>): InvalidArgument[] {
  const problems: InvalidArgument[] = [];
  const plan = planOf(tool);
  for (const [argument, value] of Object.entries(args)) {
    const expected = plan.get(argument);
    if (!expected) continue;
    if (value === null) {
      if (!expected.required && !expected.nullable) delete args[argument];
      continue;
    }
    let meant: unknown = value;
    if (expected.aliases) meant = Array.isArray(meant) ? meant.map((item) => alias(expected.aliases!, item)) : alias(expected.aliases, meant);
    if (expected.splitsText && typeof meant === 'string' && meant.includes(',')) meant = meant.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (expected.idList && Array.isArray(meant) && meant.length > 0 && meant.every((item) => typeof item === 'string' || typeof item === 'number')) {
      idLists.set(argument, meant.map(String));
      meant = meant.join(',');
    }
    if (expected.format === 'date-time' && typeof meant === 'string' && plainDate.test(meant)) meant = `${meant}T00:00:00Z`;
    if (expected.timestamp) {
      const read = asTimestamp(meant, expected.timestamp);
      if (typeof read === 'string') {
        problems.push({ argument, message: read });
        continue;
      }
      meant = read;
    }
    if (typeof meant === 'boolean' && expected.type === 'string') {
      problems.push({ argument, message: `must be text, not ${meant}` });
      continue;
    }
    if (Array.isArray(meant) && expected.itemsType === 'string' && meant.some((item) => typeof item === 'boolean')) {
      problems.push({ argument, message: 'must be a list of texts, not true or false' });
      continue;
    }
    args[argument] = meant;
  }
  return problems;
}

function alias(aliases: Record<string, string>, value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(aliases, value) ? aliases[value] : value;
}

/** Milliseconds in 1973: a smaller "milliseconds" value was almost certainly written in seconds, and the reverse. */
const secondsOrMilliseconds = 100_000_000_000;

/** A date or date-time as the unit's number; a number in the other unit is a problem (returned as its message). */
function asTimestamp(value: unknown, unit: Timestamp): unknown {
  const milliseconds = unit === 'epoch_milliseconds';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const time = Date.parse(plainDate.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(time)) return `"${value.slice(0, 40)}" is not a date`;
    return milliseconds ? time : Math.floor(time / 1000);
  }
  if (typeof value === 'number' && value > 0) {
    if (milliseconds && value < secondsOrMilliseconds) return `${value} looks like seconds since 1970; this takes milliseconds (or a date such as 2026-01-01)`;
    if (!milliseconds && value >= secondsOrMilliseconds) return `${value} looks like milliseconds since 1970; this takes seconds (or a date such as 2026-01-01)`;
  }
  return value;
}
