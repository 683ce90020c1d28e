import type { RouteTable, SandboxRequest } from '../shared/api.ts';
import { isPlainObject, raise } from '../shared/http.ts';
import type { UnknownFilters } from '../shared/types.ts';
import { document, page, type Renderer, type Renderers } from './document.ts';
import { badRequest, conflict, invalid, notFound } from './http.ts';
import { JOB_STATUSES, type CandidateRow, type JobApplicationRow, type JobRow, type NoteRow, type StageRow, type TeamtailorState, type UserRow } from './state.ts';

function renderersOf(state: TeamtailorState): Renderers {
  const candidate: Renderer<CandidateRow> = {
    type: 'candidates',
    attributes: (row) => ({
      'first-name': row.firstName, 'last-name': row.lastName, email: row.email, phone: row.phone, 'linkedin-url': row.linkedinUrl, pitch: row.pitch,
      sourced: row.sourced, tags: row.tags, 'created-at': row.createdAt, 'updated-at': row.updatedAt,
    }),
    toMany: ['job-applications', 'notes'],
  };
  const job: Renderer<JobRow> = {
    type: 'jobs',
    attributes: (row) => ({ title: row.title, status: row.status, 'remote-status': row.remote ? 'fully' : 'none', 'created-at': row.createdAt, 'updated-at': row.updatedAt }),
    toMany: ['stages', 'job-applications'],
  };
  const stage: Renderer<StageRow> = {
    type: 'stages',
    attributes: (row) => ({ name: row.name, 'stage-type': row.stageType, 'row-order': row.rowOrder, 'created-at': row.createdAt, 'updated-at': row.updatedAt }),
    toOne: { job: (row) => ({ type: 'jobs', id: row.jobId }) },
  };
  const application: Renderer<JobApplicationRow> = {
    type: 'job-applications',
    attributes: (row) => ({ 'created-at': row.createdAt, 'updated-at': row.updatedAt, 'changed-stage-at': row.changedStageAt, 'rejected-at': row.rejectedAt, sourced: row.sourced }),
    toOne: {
      candidate: (row) => ({ type: 'candidates', id: row.candidateId }),
      job: (row) => ({ type: 'jobs', id: row.jobId }),
      stage: (row) => ({ type: 'stages', id: row.stageId }),
    },
  };
  const note: Renderer<NoteRow> = {
    type: 'notes',
    attributes: (row) => ({ note: row.note, 'created-at': row.createdAt, 'updated-at': row.updatedAt }),
    toOne: { candidate: (row) => ({ type: 'candidates', id: row.candidateId }), user: (row) => (row.userId === null ? null : { type: 'users', id: row.userId }) },
  };
  const user: Renderer<UserRow> = {
    type: 'users',
    attributes: (row) => ({ name: row.name, email: row.email, title: row.title, role: row.role, 'created-at': row.createdAt, 'updated-at': row.updatedAt }),
  };
  const entry = <Row>(renderer: Renderer<Row>, table: { get(id: number): Row | undefined }) => ({ renderer, get: (id: number) => table.get(id) });
  return {
    candidates: entry(candidate, state.candidates), jobs: entry(job, state.jobs), stages: entry(stage, state.stages),
    'job-applications': entry(application, state.jobApplications), notes: entry(note, state.notes), users: entry(user, state.users),
  };
}

const ID = ':id{[0-9]+}';

/** The filter[...] parameters a list takes; any other is left out, or with unknownFilters 'reject' a 400 naming it. */
function filters(request: SandboxRequest, allowed: readonly string[], unknownFilters: UnknownFilters): Record<string, string> {
  const given = [...request.url.searchParams].filter(([name]) => name.startsWith('filter['));
  const unknown = given.find(([name]) => !allowed.includes(name))?.[0];
  if (unknown !== undefined && unknownFilters === 'reject') throw badRequest('Filter not allowed', `${unknown.slice(7, -1)} is not allowed`, unknown);
  return Object.fromEntries(given.filter(([name]) => allowed.includes(name)));
}

/** A relationship's linkage in a request document: `{data: {type, id}}` of the expected type. */
function linkage(relationships: Record<string, unknown>, name: string, type: string): number | null | undefined {
  const relationship = relationships[name];
  if (relationship === undefined) return undefined;
  const data = isPlainObject(relationship) ? relationship.data : undefined;
  if (data === null) return null;
  if (!isPlainObject(data) || data.type !== type || typeof data.id !== 'string' || !/^\d{1,15}$/.test(data.id)) {
    throw invalid(`${name} - must be {"data": {"type": "${type}", "id": "<id>"}}`, `/data/relationships/${name}`);
  }
  return Number(data.id);
}

/** The request document's data: a resource object of `type` (with `id` for updates). */
async function resourceObject(request: SandboxRequest, type: string, id?: string) {
  const body = await request.object();
  const data = body.data;
  if (!isPlainObject(data)) throw badRequest('Invalid request', 'The request must have a data member holding one resource object', 'body');
  if (data.type !== type) throw conflict(`The resource type ${String(data.type)} does not match the endpoint's ${type}`, '/data/type');
  if (id !== undefined && data.id !== id) throw conflict(`The resource id ${String(data.id)} does not match the URL's ${id}`, '/data/id');
  const attributes = data.attributes === undefined ? {} : data.attributes;
  const relationships = data.relationships === undefined ? {} : data.relationships;
  if (!isPlainObject(attributes) || !isPlainObject(relationships)) throw badRequest('Invalid request', 'attributes and relationships must be objects', 'body');
  return { attributes, relationships };
}

/** Teamtailor's v1 routes, relative to https://api.teamtailor.com/v1. */
export function teamtailorRoutes(state: TeamtailorState, unknownFilters: UnknownFilters): RouteTable {
  const renderers = renderersOf(state);
  const one = <Row>(table: { get(id: number): Row | undefined }, type: string, request: SandboxRequest, name = 'id') =>
    table.get(request.id(name)) ?? raise(notFound(type, request.param(name)));
  const list = <Row>(request: SandboxRequest, type: string, rows: Row[]) => {
    const paged = page(request, rows);
    return { body: document(request, renderers, type, paged.rows, { links: paged.links, meta: paged.meta }) };
  };
  const single = (request: SandboxRequest, type: string, row: unknown, status = 200) => ({ status, body: document(request, renderers, type, row) });

  return {
    'GET /candidates': (request) => {
      const given = filters(request, ['filter[email]', 'filter[created-at][from]', 'filter[updated-at][from]'], unknownFilters);
      const email = given['filter[email]']?.toLowerCase();
      const since = (name: string) => (given[name] === undefined ? undefined : Date.parse(given[name]!));
      const [created, updated] = [since('filter[created-at][from]'), since('filter[updated-at][from]')];
      if ([created, updated].some((time) => time !== undefined && Number.isNaN(time))) throw badRequest('Invalid filter value', 'created-at and updated-at take an ISO 8601 time', 'filter');
      return list(request, 'candidates', state.candidates.all().filter((row) => (email === undefined || row.email.toLowerCase() === email)
        && (created === undefined || Date.parse(row.createdAt) >= created) && (updated === undefined || Date.parse(row.updatedAt) >= updated)));
    },
    [`GET /candidates/${ID}`]: (request) => single(request, 'candidates', one(state.candidates, 'candidates', request)),
    [`GET /candidates/${ID}/job-applications`]: (request) => {
      const candidate = one(state.candidates, 'candidates', request);
      return list(request, 'job-applications', state.jobApplications.where((row) => row.candidateId === candidate.id));
    },
    [`GET /candidates/${ID}/notes`]: (request) => {
      const candidate = one(state.candidates, 'candidates', request);
      return list(request, 'notes', state.notes.where((row) => row.candidateId === candidate.id));
    },

    'GET /job-applications': (request) => {
      const given = filters(request, ['filter[job]', 'filter[stage]', 'filter[candidate]'], unknownFilters);
      const matches = (name: string, value: number) => given[name] === undefined || given[name] === String(value);
      return list(request, 'job-applications', state.jobApplications.where((row) => matches('filter[job]', row.jobId) && matches('filter[stage]', row.stageId) && matches('filter[candidate]', row.candidateId)));
    },
    [`GET /job-applications/${ID}`]: (request) => single(request, 'job-applications', one(state.jobApplications, 'job-applications', request)),
    // The stage change: a new stage of the application's own job; rejected-at rejects it (or null un-rejects).
    [`PATCH /job-applications/${ID}`]: async (request) => {
      const application = one(state.jobApplications, 'job-applications', request);
      const { attributes, relationships } = await resourceObject(request, 'job-applications', request.param('id'));
      const unknown = Object.keys(attributes).find((name) => name !== 'rejected-at');
      if (unknown !== undefined) throw badRequest('Param not allowed', `${unknown} is not allowed`, `data.attributes.${unknown}`);
      const stageId = linkage(relationships, 'stage', 'stages');
      const changes: Partial<JobApplicationRow> = {};
      const time = new Date().toISOString();
      if (stageId !== undefined) {
        const stage = (stageId === null ? undefined : state.stages.get(stageId)) ?? raise(invalid(`stage - ${stageId} is not a stage`, '/data/relationships/stage'));
        if (stage.jobId !== application.jobId) throw invalid(`stage - must be a stage of the application's job (${application.jobId})`, '/data/relationships/stage');
        Object.assign(changes, { stageId: stage.id, changedStageAt: time });
      }
      if ('rejected-at' in attributes) {
        const value = attributes['rejected-at'];
        if (value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) throw invalid('rejected-at - must be an ISO 8601 time or null', '/data/attributes/rejected-at');
        changes.rejectedAt = value as string | null;
      }
      state.jobApplications.update(application, { ...changes, updatedAt: time });
      return single(request, 'job-applications', application);
    },

    'GET /jobs': (request) => {
      const status = filters(request, ['filter[status]'], unknownFilters)['filter[status]'];
      if (status !== undefined && status !== 'all' && !(JOB_STATUSES as readonly string[]).includes(status)) throw badRequest('Invalid filter value', `${status} is not a valid value for status`, 'filter[status]');
      return list(request, 'jobs', state.jobs.where((row) => (status === undefined ? row.status === 'open' : status === 'all' || row.status === status)));
    },
    [`GET /jobs/${ID}`]: (request) => single(request, 'jobs', one(state.jobs, 'jobs', request)),
    [`GET /jobs/${ID}/stages`]: (request) => {
      const job = one(state.jobs, 'jobs', request);
      return list(request, 'stages', state.stages.where((row) => row.jobId === job.id).sort((a, b) => a.rowOrder - b.rowOrder));
    },

    'POST /notes': async (request) => {
      const { attributes, relationships } = await resourceObject(request, 'notes');
      const text = attributes.note;
      if (typeof text !== 'string' || text.trim() === '') throw invalid("note - can't be blank", '/data/attributes/note');
      const candidateId = linkage(relationships, 'candidate', 'candidates');
      if (candidateId === undefined || candidateId === null) throw invalid("candidate - can't be blank", '/data/relationships/candidate');
      if (!state.candidates.get(candidateId)) throw invalid(`candidate - ${candidateId} does not exist`, '/data/relationships/candidate');
      const userId = linkage(relationships, 'user', 'users') ?? null;
      if (userId !== null && !state.users.get(userId)) throw invalid(`user - ${userId} does not exist`, '/data/relationships/user');
      const time = new Date().toISOString();
      return single(request, 'notes', state.notes.insert({ candidateId, userId, note: text, createdAt: time, updatedAt: time }), 201);
    },
    [`GET /notes/${ID}`]: (request) => single(request, 'notes', one(state.notes, 'notes', request)),

    'GET /users': (request) => {
      const email = filters(request, ['filter[email]'], unknownFilters)['filter[email]']?.toLowerCase();
      return list(request, 'users', state.users.where((row) => email === undefined || row.email.toLowerCase() === email));
    },
  };
}
