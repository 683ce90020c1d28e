import { badRequest } from './errors.ts';

/** `include=job,applications.job` → job → {}, applications → {job → {}} */
export type IncludeTree = Map<string, IncludeTree>;

export const FILTER_OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** filter name → operator → comma-separated values */
export type FilterParams = Map<string, Map<FilterOperator, string[]>>;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ReadQuery {
  include: IncludeTree;
  /** fields[type]=a,b: sparse fieldsets per type */
  fields: Map<string, Set<string>>;
  /** extra_fields[type]=a: expensive attributes per type */
  extraFields: Map<string, Set<string>>;
}

export interface SortKey {
  attribute: string;
  descending: boolean;
}

export interface ListQuery extends ReadQuery {
  filters: FilterParams;
  sort: SortKey[];
  page: { number: number; size: number };
  statsTotal: boolean;
}

/** The JSON:API query parameters Graphiti understands; anything else is ignored. */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = {
    include: new Map(),
    fields: new Map(),
    extraFields: new Map(),
    filters: new Map(),
    sort: [],
    page: { number: 1, size: DEFAULT_PAGE_SIZE },
    statsTotal: false,
  };
  for (const [key, value] of params) {
    const parsed = /^([a-z_]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!parsed) continue;
    const name = parsed[1] ?? '';
    const path = [...(parsed[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((match) => match[1] ?? '');
    const values = splitList(value);
    if (name === 'include' && path.length === 0) query.include = parseInclude(values);
    else if (name === 'sort' && path.length === 0) query.sort = values.map(parseSortKey);
    else if ((name === 'fields' || name === 'extra_fields') && path.length === 1) {
      (name === 'fields' ? query.fields : query.extraFields).set(path[0] ?? '', new Set(values));
    } else if (name === 'filter') addFilter(query.filters, key, path, values);
    else if (name === 'page') query.page = parsePage(query.page, key, path, value);
    else if (name === 'stats') {
      if (path.join('.') !== 'total' || value !== 'count') throw badRequest(`Unsupported statistic ${key}=${value} (only stats[total]=count)`);
      query.statsTotal = true;
    }
  }
  return query;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseInclude(paths: string[]): IncludeTree {
  const root: IncludeTree = new Map();
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('.')) {
      const child = node.get(segment) ?? new Map();
      node.set(segment, child);
      node = child;
    }
  }
  return root;
}

function parseSortKey(item: string): SortKey {
  return item.startsWith('-') ? { attribute: item.slice(1), descending: true } : { attribute: item, descending: false };
}

function addFilter(filters: FilterParams, key: string, path: string[], values: string[]): void {
  const [name, operator = 'eq', ...rest] = path;
  if (!name || rest.length > 0) throw badRequest(`Malformed filter parameter ${key}`);
  if (!isFilterOperator(operator)) {
    throw badRequest(`Unknown filter operator "${operator}" in ${key} (supported: ${FILTER_OPERATORS.join(', ')})`);
  }
  const operators = filters.get(name) ?? new Map<FilterOperator, string[]>();
  operators.set(operator, values);
  filters.set(name, operators);
}

function isFilterOperator(value: string): value is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(value);
}

function parsePage(page: ListQuery['page'], key: string, path: string[], value: string): ListQuery['page'] {
  const setting = path.join('.');
  if (setting !== 'number' && setting !== 'size') throw badRequest(`Unsupported pagination parameter ${key} (use page[number] and page[size])`);
  const number = /^\d+$/.test(value) ? Number(value) : 0;
  if (number < 1) throw badRequest(`${key} must be a positive integer`);
  if (setting === 'size' && number > MAX_PAGE_SIZE) {
    throw badRequest(`Requested page size ${number} is greater than max supported size ${MAX_PAGE_SIZE}`);
  }
  return { ...page, [setting]: number };
}
