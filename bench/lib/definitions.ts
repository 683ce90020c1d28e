// The integrations directory of the switchboard contenders: the real Polymer definition, plus generated
// definitions of a given number of tools for the tools/list measurements (20 and 1,000 tools).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoIntegrations = fileURLToPath(new URL('../../integrations/', import.meta.url));

/** Name of the generated integration with `tools` tools. */
export const generatedName = (tools: number) => `bench_${tools}_tools`;

/**
 * A definition with `tools` documented GET methods, each with a description and a few typed query parameters,
 * about the size of a real tool. JSON is YAML, so it is written as JSON.
 */
export function generatedDefinition(tools: number): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < tools; i++) {
    const n = String(i).padStart(4, '0');
    resources[`resource_${n}`] = {
      description: `Generated resource ${n} for the tools/list benchmark.`,
      tags: [`group_${i % 10}`],
      methods: {
        get: {
          http_method: 'GET',
          path: '/job_applications/{id}',
          tool_name: `${generatedName(tools)}_get_${n}`,
          docs: {
            description: `Get one record of generated resource ${n} by id: its status, owner and timestamps. ` +
              'Use the list tool of the same resource to find ids; the record links to related resources by their ids.',
            path_schema: { type: 'object', properties: { id: { type: 'string', description: `The id of the resource ${n} record` } } },
            query_schema: {
              type: 'object',
              properties: {
                include: { type: 'string', enum: ['owner', 'history', 'all'], description: 'Related data to embed in the record.' },
                fields: { type: 'array', items: { type: 'string' }, description: 'Only these fields of the record.' },
                as_of: { type: 'string', format: 'date-time', description: 'The record as it was at this time (ISO 8601).' },
              },
            },
            response_schema: {
              type: 'object',
              properties: { id: { type: 'string' }, status: { type: 'string' }, owner_id: { type: 'string' }, created_at: { type: 'string' } },
            },
          },
        },
      },
    };
  }
  return {
    format_version: 2,
    name: generatedName(tools),
    label: `Bench ${tools}`,
    description: `Generated integration with ${tools} tools, for the tools/list benchmark.`,
    base_url: 'https://bench.invalid/v1/hire',
    credentials: { api_key: { label: 'API key' } },
    auth: { kind: 'bearer', token: '{api_key}' },
    headers: { Accept: 'application/json' },
    response: { kind: 'json' },
    resources,
  };
}

/** Writes <dir>/polymer (copied from the repo) and one generated integration per entry of `toolCounts`. */
export function writeIntegrations(dir: string, toolCounts: number[]): void {
  mkdirSync(dir, { recursive: true });
  cpSync(join(repoIntegrations, 'polymer'), join(dir, 'polymer'), { recursive: true });
  for (const count of toolCounts) {
    const name = generatedName(count);
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'definition.yaml'), JSON.stringify(generatedDefinition(count), null, 1));
  }
}
