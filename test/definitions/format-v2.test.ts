// Pinpoint and Polymer moved from definition format v1 to v2 without agents noticing: every tool keeps its name and
// its arguments (names, types, enums, required), and its annotations. fixtures/tools-format-v1.json is tools/list as
// format v1 generated it. Every deliberate difference since is declared below, with its reason; an undeclared
// difference fails, and so does a declared one that did not happen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadIntegration } from '../../src/tools/catalog.ts';
import type { JsonSchema } from '../../src/tools/types.ts';
import { describeTool } from '../../src/mcp/tool-descriptor.ts';

interface ListedTool {
  name: string;
  inputSchema: JsonSchema;
  annotations: Record<string, unknown>;
}

const before = JSON.parse(readFileSync(new URL('fixtures/tools-format-v1.json', import.meta.url), 'utf8')) as Record<string, ListedTool[]>;

/**
 * "<tool> <what>" → why. <what> is "added", "removed", "argument <name> added|removed|changed" or "annotations".
 * A "*" tool matches any tool (and must match at least one).
 */
const everywhere: Record<string, string> = {
  '* argument fields added': 'issue 13: every list and get tool selects fields (an enum of the record\'s fields and embedded records\' fields)',
};
/** Issue 12: the Pinpoint definition checked against Pinpoint's OpenAPI 1.0.23 and its newer reference pages. */
const fidelity = 'issue 12: not in Pinpoint\'s API description (integrations/pinpoint/api-facts.yaml)';
const newEndpoint = 'issue 12: an endpoint of Pinpoint\'s OpenAPI the definition lacked';
const newJobFilter = 'issue 12: a job list filter of Pinpoint\'s OpenAPI the definition lacked';
const deliberate: Record<string, Record<string, string>> = {
  pinpoint: {
    ...everywhere,
    'create_a_pinpoint_comment argument commentable_type changed': 'issue 12: Pinpoint names candidates job_seekers as comment targets (enum applications, job_seekers)',
    'create_a_pinpoint_custom_attribute argument custom_attributable_type changed': 'issue 12: the targets as Pinpoint names them (job_seekers, not candidates)',
    'create_a_pinpoint_custom_field argument field_type changed': 'issue 12: the users field type (reference/post-custom-fields)',
    'create_a_pinpoint_custom_field argument sample_value changed': 'issue 12: sample_value is required (reference/post-custom-fields)',
    'get_single_pinpoint_application_by_id argument include changed': `${fidelity}: include candidate`,
    'list_all_pinpoint_applications argument include changed': `${fidelity}: include candidate`,
    'get_single_pinpoint_candidate_by_id argument include changed': `${fidelity}: include applications`,
    'list_all_pinpoint_candidates argument include changed': `${fidelity}: include applications`,
    'list_all_pinpoint_applications argument filter_candidate_id removed': `${fidelity}: filter[candidate_id]; candidate_email (Switchboard-side) finds one person's applications`,
    'list_all_pinpoint_applications argument candidate_email added': 'issue 12: one candidate\'s applications by the email they applied with, applied by Switchboard',
    'list_all_pinpoint_candidates argument filter_created_at_gt removed': `${fidelity}: the candidate list takes no filters`,
    'list_all_pinpoint_candidates argument filter_created_at_lt removed': `${fidelity}: the candidate list takes no filters`,
    'list_all_pinpoint_candidates argument filter_updated_at_gt removed': `${fidelity}: the candidate list takes no filters`,
    'list_all_pinpoint_candidates argument filter_updated_at_lt removed': `${fidelity}: the candidate list takes no filters`,
    'list_all_pinpoint_hiring_workflows argument limit removed': 'issue 12: the hiring workflow list takes no parameters, page ones included',
    'list_all_pinpoint_hiring_workflows argument next_cursor removed': 'issue 12: the hiring workflow list takes no parameters, page ones included',
    'list_all_pinpoint_jobs argument sort changed': 'issue 12: sorting on opened_at',
    'list_all_pinpoint_jobs argument filter_department_name added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_division_name added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_location_name added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_recruitment_manager_user_id added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_remote added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_structure_custom_group_one_id added': newJobFilter,
    'list_all_pinpoint_jobs argument filter_structure_custom_group_one_name added': newJobFilter,
    'list_all_pinpoint_jobs argument fields_jobs removed': `${fidelity}: the job list names no fields parameter; the fields argument selects fields`,
    'get_single_pinpoint_job_by_id argument fields_jobs removed': 'issue 12: the fields argument selects the same attributes (issue 13), without an upstream parameter per type',
    'list_all_pinpoint_candidates argument fields_candidates removed': `${fidelity}: fields[candidates] is an inference from fields[job_seekers]; the fields argument selects fields`,
    'list_all_pinpoint_applications argument fields_applications removed': 'issue 12: an upstream fieldset could drop the email candidate_email matches on; the fields argument selects fields after the filter',
    'update_a_pinpoint_job_by_id argument employment_type added': 'issue 12: job updates take what job creates take (OpenAPI JobsUpdateJobByIdRequest)',
    'update_a_pinpoint_job_by_id argument requisition_id added': 'issue 12: job updates take what job creates take (OpenAPI JobsUpdateJobByIdRequest)',
    'update_a_pinpoint_job_by_id argument selected_hiring_workflow_id added': 'issue 12: job updates take what job creates take (OpenAPI JobsUpdateJobByIdRequest)',
    'update_a_pinpoint_job_by_id argument structure_link_id added': 'issue 12: job updates take what job creates take (OpenAPI JobsUpdateJobByIdRequest)',
    ...Object.fromEntries([
      'list_all_pinpoint_structure_links', 'get_single_pinpoint_structure_link_by_id', 'create_a_pinpoint_structure_link',
      'update_a_pinpoint_structure_link_by_id', 'delete_a_pinpoint_structure_link_by_id',
      'list_all_pinpoint_structure_custom_group_ones', 'get_single_pinpoint_structure_custom_group_one_by_id',
      'create_a_pinpoint_structure_custom_group_one', 'update_a_pinpoint_structure_custom_group_one_by_id',
      'delete_a_pinpoint_structure_custom_group_one_by_id',
      'list_all_pinpoint_equality_monitoring_categories', 'get_single_pinpoint_equality_monitoring_category_by_id',
    ].map((tool) => [`${tool} added`, newEndpoint])),
  },
  polymer: { ...everywhere },
};

/** What an agent relies on in one argument: its type, enum, item type and enum, and whether it is required. */
function argumentShape(schema: JsonSchema, required: boolean): string {
  const items = (schema.items ?? {}) as JsonSchema;
  return JSON.stringify({ type: schema.type, enum: schema.enum, items: items.type, itemsEnum: items.enum, required });
}

function differences(old: ListedTool[], current: ListedTool[]): string[] {
  const found: string[] = [];
  const now = new Map(current.map((tool) => [tool.name, tool]));
  for (const tool of old) {
    const next = now.get(tool.name);
    if (!next) {
      found.push(`${tool.name} removed`);
      continue;
    }
    now.delete(tool.name);
    const oldProperties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const newProperties = (next.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const oldRequired = (tool.inputSchema.required ?? []) as string[];
    const newRequired = (next.inputSchema.required ?? []) as string[];
    for (const name of new Set([...Object.keys(oldProperties), ...Object.keys(newProperties)])) {
      const was = oldProperties[name];
      const is = newProperties[name];
      if (!is) found.push(`${tool.name} argument ${name} removed`);
      else if (!was) found.push(`${tool.name} argument ${name} added`);
      else if (argumentShape(was, oldRequired.includes(name)) !== argumentShape(is, newRequired.includes(name))) found.push(`${tool.name} argument ${name} changed`);
    }
    if (JSON.stringify(tool.annotations) !== JSON.stringify(next.annotations)) found.push(`${tool.name} annotations`);
  }
  for (const name of now.keys()) found.push(`${name} added`);
  return found.sort();
}

for (const integration of ['pinpoint', 'polymer']) {
  test(`${integration}: tools/list under format v2 differs from format v1 only where declared`, async () => {
    const loaded = await loadIntegration(new URL(`../../integrations/${integration}/definition.yaml`, import.meta.url).pathname);
    const current = loaded.tools.map((tool) => describeTool(tool) as unknown as ListedTool);
    const declared = Object.keys(deliberate[integration]!);
    const wildcards = declared.filter((key) => key.startsWith('* ')).map((key) => key.slice(2));
    const found = differences(before[integration]!, current);
    for (const rule of wildcards) assert.ok(found.some((difference) => difference.endsWith(` ${rule}`)), `the declared change "* ${rule}" happened`);
    const specific = found.filter((difference) => !wildcards.some((rule) => difference.endsWith(` ${rule}`)));
    assert.deepEqual(specific, declared.filter((key) => !key.startsWith('* ')).sort());
  });
}
