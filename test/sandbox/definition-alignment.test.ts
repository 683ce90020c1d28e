// Every tool of every definition that has a sandbox (the src/sandbox registry), called through the real engine against
// the sandboxes with arguments built from its documented examples and its input schema (every argument, every enum
// value, every writable attribute). The definitions document the real APIs, so whatever they allow the sandboxes
// must accept: a 400 for an unknown include, attribute or filter here means sandbox and definition have drifted.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { AccountConnection, CallError, CallOutcome } from '../../src/execution/types.ts';
import { sandboxes, type RunningSandbox } from '../../src/sandbox/index.ts';
import { Catalog } from '../../src/tools/catalog.ts';
import type { Integration } from '../../src/tools/catalog.ts';
import type { MethodKind, Tool } from '../../src/tools/types.ts';
import { startTokenEngine } from '../helpers/token-engine.ts';
import { ashbyFixtures } from './ashby-fixtures.ts';
import { greenhouseFixtures } from './greenhouse-fixtures.ts';
import { leverFixtures } from './lever-fixtures.ts';
import { pinpointFixtures } from './pinpoint-fixtures.ts';
import { polymerFixtures } from './polymer-fixtures.ts';
import { teamtailorFixtures } from './teamtailor-fixtures.ts';
import { toolCases } from './tool-cases.ts';
import type { Args, Fixtures, ToolCase } from './tool-cases.ts';
import { workableFixtures } from './workable-fixtures.ts';

const catalog = await Catalog.load(fileURLToPath(new URL('../../integrations', import.meta.url)));
// OAuth integrations get their tokens through the real token lifecycle, so accounts are stored.
const tokens = await startTokenEngine();
const { engine } = tokens;
after(() => tokens.close());

interface Target<State> {
  integration: string;
  start(): Promise<RunningSandbox<State>>;
  /** The account the engine calls the sandbox with (base_url override, sandbox key). */
  context(sandbox: RunningSandbox<State>): Record<string, string>;
  credentials: Record<string, string>;
  fixtures(state: State): Fixtures;
}

/** One test per tool, run in lifecycle order per resource so updates and deletes work on records the suite created. */
function alignmentSuite<State>(target: Target<State>): void {
  const integration = catalog.get(target.integration);
  assert.ok(integration, `integration ${target.integration} is loaded`);
  describe(`${integration.definition.label} sandbox accepts every call its definition documents`, () => {
    let sandbox: RunningSandbox<State>;
    let caller: ToolCaller;
    before(async () => {
      sandbox = await target.start();
      const account = await tokens.account({ integration: target.integration, context: target.context(sandbox), credentials: target.credentials });
      caller = new ToolCaller(integration, account, target.fixtures(sandbox.state));
    });
    after(() => sandbox.close());

    for (const tool of inLifecycleOrder(integration.tools)) {
      test(tool.name, async () => {
        const report = await caller.exercise(tool);
        if (report) assert.fail(`${tool.name}: ${report}`);
      });
    }
  });
}

const KIND_ORDER: Record<MethodKind, number> = { list: 0, get: 1, create: 2, custom: 3, update: 4, delete: 5 };

function inLifecycleOrder(tools: Tool[]): Tool[] {
  const resources = [...new Set(tools.map((tool) => tool.resource))];
  const rank = (tool: Tool) => resources.indexOf(tool.resource) * 10 + KIND_ORDER[tool.kind];
  return [...tools].sort((a, b) => rank(a) - rank(b));
}

/** Calls tools through the engine; a record `id` comes from the fixtures, else the suite's last create, else the first listed record. */
class ToolCaller {
  readonly #integration: Integration;
  readonly #account: AccountConnection;
  readonly #fixtures: Fixtures;
  readonly #knownIds = new Map<string, string>();

  constructor(integration: Integration, account: AccountConnection, fixtures: Fixtures) {
    this.#integration = integration;
    this.#account = account;
    this.#fixtures = {
      ...fixtures,
      value: (tool, path, within) => fixtures.value(tool, path, within) ?? (path === 'id' ? this.#knownIds.get(tool.resource) : undefined),
    };
  }

  /** Runs every case of the tool; describes the failures grouped by error, or returns null when all passed. */
  async exercise(tool: Tool): Promise<string | null> {
    if (tool.routes.some((route) => route.argument === 'id') && !this.#knownIds.has(tool.resource)) await this.#rememberListedId(tool.resource);
    const failures = new Map<string, ToolCase[]>();
    let calls = 0;
    for (const toolCase of toolCases(tool, this.#fixtures)) {
      calls += 1;
      const outcome = await this.#call(tool, toolCase.arguments);
      const problem = problemWith(toolCase, outcome);
      if (problem) failures.set(problem, [...(failures.get(problem) ?? []), toolCase]);
      const created = outcome.ok && tool.kind === 'create' ? (outcome.result as { id?: unknown }).id : undefined;
      if (created !== undefined) this.#knownIds.set(tool.resource, String(created));
    }
    if (failures.size === 0) return null;
    const groups = [...failures].map(([problem, cases]) =>
      `- ${problem}\n  in ${cases.length} call(s): ${cases.map((toolCase) => toolCase.label).join(', ')}\n  first call's arguments: ${JSON.stringify(cases[0]?.arguments)}`);
    return `${[...failures.values()].flat().length} of ${calls} calls failed\n${groups.join('\n')}`;
  }

  async #rememberListedId(resource: string): Promise<void> {
    const list = this.#integration.tools.find((tool) => tool.resource === resource && tool.kind === 'list');
    if (!list) return;
    const pathArguments = list.routes.filter((route) => route.in === 'path').map((route) => [route.argument, this.#fixtures.value(list, route.argument, {})]);
    const outcome = await this.#call(list, { ...Object.fromEntries(pathArguments), ...(list.paginated ? { limit: 1 } : {}) });
    const first = outcome.ok && outcome.shape === 'list' ? (outcome.result[0] as { id?: unknown } | undefined) : undefined;
    if (first?.id !== undefined) this.#knownIds.set(resource, String(first.id));
  }

  #call(tool: Tool, args: Args): Promise<CallOutcome> {
    return engine.execute({ integration: this.#integration, tool, account: this.#account, arguments: args, cursorScope: 'mcp:alignment' });
  }
}

/**
 * Schema-built calls use ids the sandbox has, so they must succeed. Examples may name ids it does not have
 * (a 404 or 422 is fine), but their shape must be accepted: no invalid arguments, 400, 405 or 415.
 */
function problemWith(toolCase: ToolCase, outcome: CallOutcome): string | null {
  if (outcome.ok) return null;
  const { error } = outcome;
  const shapeRejected = !error.is_remote || [400, 405, 415].includes(error.status) || /No route matches/.test(error.message);
  return toolCase.source === 'schema' || shapeRejected ? describeError(error) : null;
}

function describeError(error: CallError): string {
  const invalid = (error.invalid_arguments ?? []).map((problem) => `${problem.argument} ${problem.message}`).join('; ');
  return `${error.status} ${error.message}${invalid ? ` (${invalid})` : ''}`;
}

/** Per sandbox, the values its tools need that a schema cannot give; every sandbox of the registry needs them. */
const fixturesOf: Record<string, (state: never) => Fixtures> = {
  pinpoint: pinpointFixtures, polymer: polymerFixtures, ashby: ashbyFixtures, greenhouse: greenhouseFixtures, lever: leverFixtures, workable: workableFixtures,
  teamtailor: teamtailorFixtures,
};

for (const entry of sandboxes) {
  const fixtures = fixturesOf[entry.integration];
  if (!fixtures) throw new Error(`no alignment fixtures for the ${entry.integration} sandbox`);
  alignmentSuite<unknown>({
    integration: entry.integration,
    start: () => entry.start({ rateLimit: null }),
    context: (sandbox) => entry.context(sandbox.url),
    credentials: entry.credentials(entry.defaultApiKey),
    fixtures: fixtures as (state: unknown) => Fixtures,
  });
}
