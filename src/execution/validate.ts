// Checks a tool's flat arguments against its input schema, coercing what an agent plausibly meant
// ("5" for 5, "confidential" for ["confidential"]) and naming every argument that is wrong.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Tool } from '../tools/types.ts';
import { editDistance, maxComparableNameLength } from '../util/edit-distance.ts';
import { readAsMeant } from './leniency.ts';
import type { InvalidArgument } from './types.ts';

/** Arguments nested deeper than this are refused before any other work (no tool schema goes near it). */
export const maxArgumentDepth = 64;

const ajv = new Ajv2020({ allErrors: true, coerceTypes: 'array', useDefaults: true, strict: false });
(addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
const compiled = new WeakMap<Tool, ValidateFunction>();

export type Validation =
  | { ok: true; arguments: Record<string, unknown> }
  | { ok: false; problems: InvalidArgument[] };

/**
 * `queryArrays`: how the API takes several values of one query parameter, for id filters given as arrays (comma:
 * one comma-joined value, repeat: the parameter once per value).
 */
export function validateArguments(tool: Tool, input: unknown, queryArrays: 'comma' | 'repeat' = 'comma'): Validation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ argument: '(arguments)', message: 'must be a JSON object of named arguments' }] };
  }
  const shapeProblem = boundsProblem(tool, input as Record<string, unknown>);
  if (shapeProblem) return { ok: false, problems: [shapeProblem] };
  let validate = compiled.get(tool);
  if (!validate) {
    validate = ajv.compile(tool.validationSchema);
    compiled.set(tool, validate);
  }
  const args = cloneJson(input) as Record<string, unknown>;
  const idLists = new Map<string, string[]>();
  const problems = readAsMeant(tool, args, idLists);
  if (problems.length > 0) return { ok: false, problems };
  if (!validate(args)) return { ok: false, problems: describeErrors(tool, validate.errors ?? []) };
  if (queryArrays === 'repeat') for (const [argument, ids] of idLists) args[argument] = ids;
  return { ok: true, arguments: args };
}

/** No object or list in the arguments has more entries than this (no tool needs more; each costs checking time). */
export const maxEntries = 256;

/** Problems named in one answer; the rest are counted. */
const maxNamedProblems = 10;

/**
 * Over-long argument names, over-deep nesting and objects or lists with too many entries are refused early: they
 * cost time in every later step, and an answer naming each of 40,000 wrong names would be megabytes.
 */
function boundsProblem(tool: Tool, input: Record<string, unknown>): InvalidArgument | undefined {
  for (const name of Object.keys(input)) {
    if (name.length > maxComparableNameLength) {
      return { argument: `${name.slice(0, 40)}…`, message: `is not an argument of ${tool.name} (argument names are at most ${maxComparableNameLength} characters)` };
    }
  }
  const stack: [unknown, number, string][] = [[input, 1, '(arguments)']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxArgumentDepth) return { argument: '(arguments)', message: `nest deeper than ${maxArgumentDepth} levels; no argument of ${tool.name} needs that` };
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const count = keys ? keys.length : (value as unknown[]).length;
    if (count > maxEntries) return { argument: path, message: `has ${count} ${keys ? 'entries' : 'items'}; at most ${maxEntries}` };
    for (let index = 0; index < count; index++) {
      const key = keys ? keys[index]! : index;
      const child = (value as Record<string | number, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1, depth === 1 ? String(key).slice(0, 40) : `${path}.${String(key).slice(0, 40)}`]);
    }
  }
  return undefined;
}

/**
 * A deep copy of parsed JSON (arguments come from JSON.parse), so coercion and defaults never touch the caller's
 * object; structuredClone does the same through the serializer at several times the cost.
 */
function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = cloneJson((value as Record<string, unknown>)[key]);
    // An own "__proto__" key (JSON.parse makes one) must stay a plain property, not become the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child;
  }
  return copy;
}

function describeErrors(tool: Tool, errors: ErrorObject[]): InvalidArgument[] {
  const problems = new Map<string, InvalidArgument>();
  for (const error of errors) {
    const problem = describeError(tool, error);
    const key = `${problem.argument}\u0000${problem.message}`;
    if (!problems.has(key)) problems.set(key, problem);
  }
  const named = [...problems.values()];
  if (named.length <= maxNamedProblems) return named;
  return [...named.slice(0, maxNamedProblems), { argument: '(arguments)', message: `have ${named.length - maxNamedProblems} more problems like these` }];
}

function describeError(tool: Tool, error: ErrorObject): InvalidArgument {
  const argument = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { argument: joinPath(argument, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = argument === '' ? Object.keys((tool.inputSchema.properties ?? {}) as object) : [];
      const suggestion = closest(name, known);
      return { argument: joinPath(argument, name), message: `is not an argument of ${tool.name}${suggestion ? `; did you mean ${suggestion}?` : ''}` };
    }
    case 'enum':
      return { argument, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { argument: argument || '(arguments)', message: error.message ?? 'is invalid' };
  }
}

const joinPath = (parent: string, child: string) => (parent ? `${parent}.${child}` : child);

/** The known name within edit distance 3, for "did you mean" hints; over-long names are never compared. */
export function closest(name: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
