// Teamtailor's JSON:API documents: resource objects with dasherized attributes, relationships with their links (and
// their data only when included, as JSONAPI::Resources answers), `include`, and pages of at most 30 records with
// links.first/prev/next/last and meta record-count and page-count.
import type { SandboxRequest } from '../shared/api.ts';
import { pageSize, urlWith, windowOf } from '../shared/pagination.ts';
import { badRequest } from './http.ts';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 30;

export interface ResourceObject {
  id: string;
  type: string;
  links: { self: string };
  attributes: Record<string, unknown>;
  relationships: Record<string, { links: { self: string; related: string }; data?: { type: string; id: string } | null }>;
}

/** How one type renders: its attributes, and its to-one relationships (to-many ones only link). */
export interface Renderer<Row> {
  type: string;
  attributes(row: Row): Record<string, unknown>;
  /** To-one relationships: the related type and id (null when there is none). */
  toOne?: Record<string, (row: Row) => { type: string; id: number } | null>;
  toMany?: readonly string[];
}

export type Renderers = Readonly<Record<string, { renderer: Renderer<any>; get(id: number): unknown }>>;

/** The document of one record or a list: `include` names to-one relationships of the primary type. */
export function document(request: SandboxRequest, renderers: Renderers, type: string, primary: unknown | unknown[], extra: { links?: Record<string, string>; meta?: Record<string, unknown> } = {}) {
  const origin = `${request.url.origin}/v1`;
  const own = renderers[type]!.renderer;
  const include = (request.query('include') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = include.find((name) => !own.toOne?.[name]);
  if (unknown !== undefined) throw badRequest('Invalid field', `${unknown} is not a valid includable relationship of ${type}`, 'include');
  const included = new Map<string, ResourceObject>();
  const render = (renderer: Renderer<any>, row: { id: number }, withData: readonly string[]): ResourceObject => {
    const self = `${origin}/${renderer.type}/${row.id}`;
    const relationships: ResourceObject['relationships'] = {};
    for (const [name, related] of Object.entries(renderer.toOne ?? {})) {
      const links = { self: `${self}/relationships/${name}`, related: `${self}/${name}` };
      if (!withData.includes(name)) {
        relationships[name] = { links };
        continue;
      }
      const target = related(row);
      relationships[name] = { links, data: target && { type: target.type, id: String(target.id) } };
      const entry = target && renderers[target.type];
      const record = target && entry?.get(target.id);
      if (record && entry && !included.has(`${target.type}:${target.id}`)) included.set(`${target.type}:${target.id}`, render(entry.renderer, record as { id: number }, []));
    }
    for (const name of renderer.toMany ?? []) relationships[name] = { links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` } };
    return { id: String(row.id), type: renderer.type, links: { self }, attributes: renderer.attributes(row), relationships };
  };
  const data = Array.isArray(primary) ? primary.map((row) => render(own, row as { id: number }, include)) : render(own, primary as { id: number }, include);
  return { data, ...(included.size > 0 ? { included: [...included.values()] } : {}), ...(extra.meta ? { meta: extra.meta } : {}), ...(extra.links ? { links: extra.links } : {}) };
}

/** One page of rows by page[number] and page[size] (at most 30), with the links and counts of the whole list. */
export function page<Row>(request: SandboxRequest, rows: Row[]): { rows: Row[]; links: Record<string, string>; meta: Record<string, unknown> } {
  const size = pageSize(request.query('page[size]'), { fallback: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE, overMax: 'reject' });
  if (size === undefined) throw badRequest('Invalid page value', `${request.query('page[size]')} is not a valid value for size page parameter (1 to ${MAX_PAGE_SIZE})`, 'page[size]');
  const rawNumber = request.query('page[number]') ?? '1';
  if (!/^[1-9]\d{0,6}$/.test(rawNumber)) throw badRequest('Invalid page value', `${rawNumber} is not a valid value for number page parameter`, 'page[number]');
  const number = Number(rawNumber);
  const window = windowOf(rows, (number - 1) * size, size);
  const pages = Math.max(1, Math.ceil(window.total / size));
  const at = (target: number) => urlWith(request.url, { 'page[number]': target, 'page[size]': size });
  return {
    rows: window.items,
    links: { first: at(1), ...(number > 1 ? { prev: at(number - 1) } : {}), ...(window.next !== undefined ? { next: at(number + 1) } : {}), last: at(pages) },
    meta: { 'record-count': window.total, 'page-count': pages },
  };
}
