import { DEPARTMENTS } from '../shared/fixtures.ts';
import { emailLocalPart } from '../shared/people.ts';
import type { createPeopleGenerator } from '../shared/people.ts';
import type { Random } from '../shared/random.ts';
import type { createEmptyTables } from './state.ts';
import type { HiringWorkflowRow, JobRow, LocationRow, NamedRow, RequisitionTemplateRow, StructureLinkRow, UserRow } from './state.ts';

export const COMPANY_DOMAIN = 'brightwave.io';

type Tables = ReturnType<typeof createEmptyTables>;
type Filing = Pick<JobRow, 'structure_link_id' | 'structure_custom_group_one_id'>;

/** Who works at the company and how it is organised; jobs are filed under its structure links. */
export interface Company {
  /** The user API-created comments are attributed to. */
  systemUser: UserRow;
  staff: UserRow[];
  /** Staff who run hiring: recruitment managers of the jobs. */
  talentTeam: UserRow[];
  departmentIds: Map<string, number>;
  divisions: NamedRow[];
  /** Offices first; the last one is the remote location. */
  locations: LocationRow[];
  workflows: HiringWorkflowRow[];
  requisitionTemplates: RequisitionTemplateRow[];
  /** The structure link (and sub-department) for a job's department, division and location, created on first use. */
  fileJob(job: JobRow, department: string): Filing;
}

const OFFICES = [
  { name: 'London HQ', street_address: '1 Finsbury Avenue', city: 'London', province: 'Greater London', postal_code: 'EC2M 2PP', country_code: 'GB' },
  { name: 'Manchester Office', street_address: '3 Hardman Street', city: 'Manchester', province: 'Greater Manchester', postal_code: 'M3 3HF', country_code: 'GB' },
  { name: 'Berlin Hub', street_address: 'Torstraße 49', city: 'Berlin', province: 'Berlin', postal_code: '10119', country_code: 'DE' },
  { name: 'New York Office', street_address: '85 Broad Street', city: 'New York', province: 'New York', postal_code: '10004', country_code: 'US' },
  { name: 'St Helier', street_address: '28 Esplanade', city: 'St Helier', province: 'Jersey', postal_code: 'JE2 3QA', country_code: 'JE' },
  { name: 'Remote (UK)', street_address: null, city: null, province: null, postal_code: null, country_code: 'GB' },
];

/** Equality monitoring questions: name, whether applicants are asked, the answers offered. */
const EQUALITY_MONITORING: [string, boolean, string[]][] = [
  ['Gender', true, ['Woman', 'Man', 'Non-binary', 'Prefer to self-describe', 'Prefer not to say']],
  ['Ethnicity', true, ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Prefer not to say']],
  ['Disability', false, ['Yes', 'No', 'Prefer not to say']],
];

/** Engineering is split into sub-departments (the company's first custom structure level). */
const SUB_DEPARTMENTS = [
  { name: 'Platform', matches: /platform|backend|reliability|engineering manager|vp of engineering/i },
  { name: 'Security', matches: /security/i },
  { name: 'Product Engineering', matches: /./ },
];

/** Seeds users and the company structure, drawing from `random` in the same order as ever (same seed, same data). */
export function seedCompany(tables: Tables, random: Random, people: ReturnType<typeof createPeopleGenerator>, created: string): Company {
  const at = { created_at: created, updated_at: created };
  const systemUser = tables.users.insert({
    first_name: 'Pinpoint', last_name: 'API', email: `api@${COMPANY_DOMAIN}`, time_zone: 'Europe/London', user_type: 'employee', ...at,
  });
  const staff = Array.from({ length: 14 }, () => {
    const person = people.next();
    return tables.users.insert({
      first_name: person.firstName,
      last_name: person.lastName,
      email: `${emailLocalPart(person.firstName, person.lastName)}@${COMPANY_DOMAIN}`,
      time_zone: random.pick(['Europe/London', 'Europe/London', 'Europe/Berlin', 'America/New_York']),
      user_type: 'employee',
      ...at,
    });
  });
  tables.users.insert({ first_name: 'Dana', last_name: 'Whitfield', email: 'dana@northstar-search.example', time_zone: 'Europe/London', user_type: 'agency', ...at });

  const departmentIds = new Map(DEPARTMENTS.map((name) => [name, tables.departments.insert({ name, ...at }).id]));
  const divisions = ['Core Platform', 'Commercial', 'Corporate'].map((name) => tables.divisions.insert({ name, ...at }));
  const locations = OFFICES.map((office) => tables.locations.insert({ ...office, ...at }));
  const subDepartments = SUB_DEPARTMENTS.map(({ name, matches }) => ({ matches, row: tables.structureCustomGroups.insert({ name, title: 'Sub Department', ...at }) }));
  for (const [category, enabled, options] of EQUALITY_MONITORING) {
    const row = tables.equalityMonitoringCategories.insert({ name: category, enabled, ...at });
    options.forEach((name, index) => tables.equalityMonitoringOptions.insert({ name, category_id: row.id, position: index + 1, ...at }));
  }
  const workflows = [
    { name: 'Standard', description: 'Default process for most roles.' },
    { name: 'Engineering', description: 'Adds a phone screen and a technical interview.' },
    { name: 'Executive Search', description: 'Confidential process run with the search committee.' },
  ].map((workflow) => tables.hiringWorkflows.insert({ ...workflow, ...at }));
  for (const name of ['Engineering role', 'Commercial role', 'Graduate programme']) tables.jobTemplates.insert({ name, ...at });
  const requisitionTemplates = [
    { name: 'New Headcount', enforced_maximum_headcount: null, has_enforced_maximum_headcount: false },
    { name: 'Backfill', enforced_maximum_headcount: 1, has_enforced_maximum_headcount: true },
    { name: 'Contractor', enforced_maximum_headcount: 3, has_enforced_maximum_headcount: true },
  ].map((template) => tables.requisitionTemplates.insert({ ...template, ...at }));

  const links = new Map<string, StructureLinkRow>();
  const fileJob = (job: JobRow, department: string): Filing => {
    const group = department === 'Engineering' ? subDepartments.find(({ matches }) => matches.test(job.title))?.row : undefined;
    const dimensions = {
      department_id: job.department_id,
      division_id: job.division_id,
      location_id: job.location_id,
      structure_custom_group_one_id: group?.id ?? null,
    };
    const key = Object.values(dimensions).join(':');
    const link = links.get(key) ?? tables.structureLinks.insert({ ...dimensions, accepts_speculative_applications: true, ...at });
    links.set(key, link);
    return { structure_link_id: link.id, structure_custom_group_one_id: link.structure_custom_group_one_id };
  };

  return { systemUser, staff, talentTeam: staff.slice(0, 3), departmentIds, divisions, locations, workflows, requisitionTemplates, fileJob };
}
