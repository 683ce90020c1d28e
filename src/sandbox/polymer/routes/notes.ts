import type { RouteTable, SandboxRequest } from '../../shared/api.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { HttpProblem } from '../../shared/http.ts';
import type { Table } from '../../shared/table.ts';
import { toSafeHtml } from '../html.ts';
import { notFound, paginate, readBody, unprocessable } from '../http.ts';
import { REVIEW_RATINGS } from '../state.ts';
import type { NoteRow } from '../state.ts';
import type { RouteContext } from './context.ts';
import { APPLICATION_PATH, findJobApplication } from './job-applications.ts';

interface NoteKind<Note extends NoteRow> {
  /** Path segment and parameter name, e.g. comments / comment_id */
  collection: string;
  label: string;
  table: Table<Note>;
  /** Required fields are required on create; an update sends any of them. */
  fields: FieldSpecs;
}

/**
 * Comments and reviews on a job application. Bodies are stored as sanitized HTML; only the
 * organization user who owns the API key may update or delete a note, and only their own.
 */
export function noteRoutes(context: RouteContext): RouteTable {
  return {
    ...notesOfKind(context, {
      collection: 'comments',
      label: 'Comment',
      table: context.state.comments,
      fields: { body: { kind: 'string', required: true } },
    }),
    ...notesOfKind(context, {
      collection: 'reviews',
      label: 'Review',
      table: context.state.reviews,
      fields: { rating: { kind: 'string', required: true, oneOf: REVIEW_RATINGS }, body: { kind: 'string' } },
    }),
  };
}

function notesOfKind<Note extends NoteRow>({ state, serialize }: RouteContext, kind: NoteKind<Note>): RouteTable {
  const ownerId = state.planted.apiKeyOwnerUserId;
  const collectionPath = `${APPLICATION_PATH}/${kind.collection}`;
  const noteParam = `${kind.collection.slice(0, -1)}_id`;

  const readNoteBody = async (request: SandboxRequest, mode: 'create' | 'update') => {
    const values = await readBody(request, kind.fields, mode);
    if (mode === 'update' && Object.keys(values).length === 0) throw unprocessable(`Send at least one of ${Object.keys(kind.fields).join(', ')}`);
    if (typeof values.body === 'string') {
      values.body = toSafeHtml(values.body);
      if (values.body === '') throw unprocessable('body is empty once unsafe HTML is removed');
    } else if (values.body === null) {
      values.body = '';
    }
    return values as Partial<Note>;
  };

  const ownNote = (request: SandboxRequest): Note => {
    const application = findJobApplication(state, request);
    const id = request.id(noteParam);
    const note = kind.table.get(id);
    if (!note || note.job_application_id !== application.id) throw notFound(kind.label, id);
    if (note.author_id !== ownerId) throw new HttpProblem(403, `${kind.label} ${id} was written by another user; only the author (the API key owner) can change or delete it`);
    return note;
  };

  return {
    [`GET ${collectionPath}`]: (request) => {
      const application = findJobApplication(state, request);
      return { body: paginate(request, kind.table.where((note) => note.job_application_id === application.id), serialize.note) };
    },
    [`POST ${collectionPath}`]: async (request) => {
      const application = findJobApplication(state, request);
      const values = await readNoteBody(request, 'create');
      const time = new Date().toISOString();
      const note = kind.table.insert({ body: '', ...values, job_application_id: application.id, author_id: ownerId, created_at: time, updated_at: time } as Omit<Note, 'id'>);
      return { status: 201, body: serialize.note(note) };
    },
    [`PUT ${collectionPath}/:${noteParam}{[0-9]+}`]: async (request) => {
      const note = ownNote(request);
      const values = await readNoteBody(request, 'update');
      kind.table.update(note, { ...values, updated_at: new Date().toISOString() });
      return { body: serialize.note(note) };
    },
    [`DELETE ${collectionPath}/:${noteParam}{[0-9]+}`]: (request) => {
      kind.table.delete(ownNote(request).id);
      return { status: 204 };
    },
  };
}
