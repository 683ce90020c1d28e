import type { RouteTable } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { booleanFilter, enumFilter, idsFilter, invalid, listPage, readBody, standardFilters, textFilter, timeFilter } from '../http.ts';
import { NOTE_TYPES, NOTE_VISIBILITIES, type NoteRow } from '../state.ts';
import type { RouteContext } from './context.ts';

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Candidates, users, and the notes on candidates and their applications (written as the token's user). */
export function peopleRoutes({ state, actingUser }: RouteContext): RouteTable {
  return {
    'GET /candidates': (request) => listPage(request, {
      resource: 'candidates',
      rows: () => state.candidates.all(),
      filters: {
        ...standardFilters(),
        email: textFilter((row, value) => row.email_addresses.some((email) => sameText(email.value, value))),
        tag: textFilter((row, value) => row.tags.some((tag) => sameText(tag, value))),
        private: booleanFilter((row) => row.is_private),
        last_activity_at: timeFilter((row) => row.last_activity_at),
      },
    }),

    'GET /users': (request) => listPage(request, {
      resource: 'users',
      rows: () => state.users.all(),
      filters: {
        ...standardFilters(),
        primary_email: textFilter((row, value) => sameText(row.primary_email, value)),
        deactivated: booleanFilter((row) => row.deactivated),
      },
    }),

    'GET /notes': (request) => listPage(request, {
      resource: 'notes',
      rows: () => state.notes.all(),
      filters: {
        ...standardFilters(),
        candidate_ids: idsFilter((row) => row.candidate_id),
        application_ids: idsFilter((row) => row.application_id),
        visibility: enumFilter(NOTE_VISIBILITIES, (row) => row.visibility),
      },
    }),

    // A note on an application (its candidate's note too) or on a candidate alone.
    'POST /notes': async (request) => {
      const values = await readBody(request, {
        application_id: { kind: 'id' },
        candidate_id: { kind: 'id' },
        body: { kind: 'string', required: true },
        visibility: { kind: 'string', required: true, oneOf: NOTE_VISIBILITIES },
        note_type: { kind: 'string', oneOf: NOTE_TYPES },
      });
      if (values.application_id == null && values.candidate_id == null) throw invalid('application_id', 'Either application_id or candidate_id is required');
      const application = values.application_id == null ? undefined
        : state.applications.get(values.application_id as number) ?? raise(invalid('application_id', `Application ${String(values.application_id)} does not exist`));
      const candidateId = (values.candidate_id as number | null | undefined) ?? application!.candidate_id;
      const candidate = state.candidates.get(candidateId) ?? raise(invalid('candidate_id', `Candidate ${candidateId} does not exist`));
      if (application && application.candidate_id !== candidate.id) {
        throw invalid('application_id', `Application ${application.id} belongs to candidate ${application.candidate_id}, not ${candidate.id}`);
      }
      const time = new Date().toISOString();
      const note = state.notes.insert({
        application_id: application?.id ?? null,
        candidate_id: candidate.id,
        user_id: actingUser(request).id,
        body: values.body as string,
        visibility: values.visibility as NoteRow['visibility'],
        note_type: (values.note_type as NoteRow['note_type'] | null | undefined) ?? 'NOTE',
        created_at: time,
        updated_at: time,
      });
      state.candidates.update(candidate, { last_activity_at: time });
      return { status: 201, body: { ...note } };
    },
  };
}
