import type { RouteTable } from '../../shared/api.ts';
import { isPlainObject, raise } from '../../shared/http.ts';
import type { View } from '../access.ts';
import { reduceHtml } from '../html.ts';
import { cursorPage, failure, input, invalidInput, MAX_PAGE_SIZE, success } from '../http.ts';
import type { CandidateRow } from '../state.ts';
import type { RouteContext } from './context.ts';

/** Candidates: list, info, search by email and/or name, create; their notes: list and create. */
export function candidateRoutes({ state, serialize, endpoint }: RouteContext): RouteTable {
  const findCandidate = (view: View, id: unknown): CandidateRow => view.candidate(id) ?? raise(failure('candidate_not_found', `No candidate with id ${String(id)}.`));
  const known = (table: { get(id: string): unknown }, field: string, id: unknown) => {
    if (typeof id === 'string' && table.get(id) === undefined) throw invalidInput(`${field} ${id} does not exist`);
  };

  return {
    'POST /candidate.list': endpoint('candidatesRead', (body, view) =>
      cursorPage('candidate.list', body, view.candidates(), (row) => serialize.candidate(row, view), (row) => row.updatedAt)),

    'POST /candidate.info': endpoint('candidatesRead', (body, view) => {
      const { id, externalMappingId } = input(body, { id: { kind: 'uuid' }, externalMappingId: { kind: 'string' } });
      if (id === undefined && externalMappingId === undefined) throw invalidInput('id is required (or externalMappingId)');
      if (id === undefined) throw failure('candidate_not_found', `No candidate is mapped to external id ${String(externalMappingId)}.`);
      return success(serialize.candidate(findCandidate(view, id), view));
    }),

    // Email matches exactly (ignoring case), name partially; both given must both match. At most 100, not paginated.
    'POST /candidate.search': endpoint('candidatesRead', (body, view) => {
      const { email, name } = input(body, { email: { kind: 'string' }, name: { kind: 'string' } });
      const wantedEmail = typeof email === 'string' ? email.trim().toLowerCase() : '';
      const wantedName = typeof name === 'string' ? name.trim().toLowerCase() : '';
      if (wantedEmail === '' && wantedName === '') throw invalidInput('Send email, name or both');
      const matches = view.candidates().filter((row) =>
        (wantedEmail === '' || row.email?.toLowerCase() === wantedEmail) && (wantedName === '' || row.name.toLowerCase().includes(wantedName)));
      return success(matches.slice(0, MAX_PAGE_SIZE).map((row) => serialize.candidate(row, view)));
    }),

    'POST /candidate.create': endpoint('candidatesWrite', (body, view) => {
      const values = input(body, {
        name: { kind: 'string', required: true }, email: { kind: 'email' }, phoneNumber: { kind: 'string' }, linkedInUrl: { kind: 'string' },
        githubUrl: { kind: 'string' }, website: { kind: 'string' }, alternateEmailAddresses: { kind: 'string_list' },
        sourceId: { kind: 'uuid' }, creditedToUserId: { kind: 'uuid' },
      });
      known(state.sources, 'sourceId', values.sourceId);
      known(state.users, 'creditedToUserId', values.creditedToUserId);
      const time = new Date().toISOString();
      const candidate = state.candidates.insert({
        name: String(values.name).trim(),
        email: (values.email as string | undefined) ?? null,
        phone: (values.phoneNumber as string | undefined) ?? null,
        linkedInUrl: (values.linkedInUrl as string | undefined) ?? null,
        position: null,
        company: null,
        school: null,
        tagIds: [],
        sourceId: (values.sourceId as string | undefined) ?? null,
        creditedToUserId: (values.creditedToUserId as string | undefined) ?? null,
        timezone: null,
        createdAt: time,
        updatedAt: time,
      });
      return success(serialize.candidate(candidate, view));
    }),

    'POST /candidate.listNotes': endpoint('candidatesRead', (body, view) => {
      const { candidateId } = input(body, { candidateId: { kind: 'uuid', required: true } });
      const candidate = findCandidate(view, candidateId);
      const notes = state.notes.where((note) => note.candidateId === candidate.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return cursorPage(`candidate.listNotes/${candidate.id}`, body, notes, serialize.note, (note) => note.createdAt);
    }),

    // The note is plain text, or {type: text/plain | text/html, value}; HTML keeps only Ashby's allowed tags.
    // Notes written through the API belong to the key's user.
    'POST /candidate.createNote': endpoint('candidatesWrite', (body, view) => {
      const { candidateId } = input(body, { candidateId: { kind: 'uuid', required: true }, sendNotifications: { kind: 'boolean' } });
      const candidate = findCandidate(view, candidateId);
      const content = noteContent(body.note);
      if (content.trim() === '') throw invalidInput('note is empty');
      const note = state.notes.insert({ candidateId: candidate.id, authorId: state.planted.apiKeyUserId, content, createdAt: new Date().toISOString() });
      return success(serialize.note(note));
    }),
  };
}

function noteContent(note: unknown): string {
  if (typeof note === 'string') return note;
  if (note === undefined || note === null) throw invalidInput('note is required');
  if (!isPlainObject(note) || typeof note.value !== 'string' || (note.type !== 'text/plain' && note.type !== 'text/html')) {
    throw invalidInput('note must be a string or {type: "text/plain" | "text/html", value: string}');
  }
  return note.type === 'text/html' ? reduceHtml(note.value) : note.value;
}
