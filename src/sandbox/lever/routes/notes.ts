import type { RouteTable, SandboxRequest } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { badRequest, listPage, notFound, readBody, single } from '../http.ts';
import type { FeedbackRow, NoteRow, OpportunityRow } from '../state.ts';
import { actingUserId, type RouteContext } from './context.ts';

/** Notes and feedback forms on an opportunity: Lever answers them without the opportunity they belong to. */
const publicNote = ({ opportunityId: _opportunity, ...note }: NoteRow) => note;
const publicFeedback = ({ opportunityId: _opportunity, ...form }: FeedbackRow) => form;

export function noteRoutes(context: RouteContext): RouteTable {
  const { state, unknownFilters } = context;
  const opportunity = (request: SandboxRequest): OpportunityRow => state.opportunities.get(request.param('id')) ?? raise(notFound('opportunities', request.param('id')));

  return {
    'GET /opportunities/:id/notes': (request) => {
      const owner = opportunity(request);
      return listPage(request, unknownFilters, { rows: state.notes.where((note) => note.opportunityId === owner.id), order: (row) => row.createdAt, serialize: publicNote });
    },
    'GET /opportunities/:id/notes/:noteId': (request) => {
      const owner = opportunity(request);
      const note = state.notes.get(request.param('noteId'));
      if (!note || note.opportunityId !== owner.id) throw notFound('notes', request.param('noteId'));
      return single(publicNote(note));
    },
    'POST /opportunities/:id/notes': async (request) => {
      const owner = opportunity(request);
      const values = await readBody(request, {
        value: { kind: 'string', required: true }, secret: { kind: 'boolean' }, score: { kind: 'integer' }, notifyFollowers: { kind: 'boolean' }, createdAt: { kind: 'integer' },
      });
      const score = values.score as number | null | undefined;
      if (score != null && (score < 1 || score > 4)) throw badRequest('score must be an integer between 1 and 4');
      const now = Date.now();
      const createdAt = (values.createdAt as number | null | undefined) ?? now;
      if (createdAt > now) throw badRequest('createdAt is in the future: you cannot create a note in the future');
      const user = actingUserId(context, request);
      const note = state.notes.insert({
        opportunityId: owner.id, text: 'Note', user, secret: values.secret === true, createdAt, completedAt: createdAt, deletedAt: null,
        fields: [{ type: 'note', text: 'Comment', value: values.value as string, createdAt, user, score: score ?? null, stage: owner.stage }],
      });
      state.opportunities.update(owner, { lastInteractionAt: now, updatedAt: now });
      return { status: 201, body: { data: { noteId: note.id } } };
    },

    'GET /opportunities/:id/feedback': (request) => {
      const owner = opportunity(request);
      return listPage(request, unknownFilters, { rows: state.feedback.where((form) => form.opportunityId === owner.id), order: (row) => row.createdAt, serialize: publicFeedback });
    },
  };
}
