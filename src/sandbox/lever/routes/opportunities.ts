import type { RouteTable, SandboxRequest } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { anyOf, confidentiality, flag, listPage, notFound, readBody, single, timeBound } from '../http.ts';
import type { OpportunityRow } from '../state.ts';
import { actingUserId, type RouteContext } from './context.ts';

/** Opportunities (candidacies), their application, and moving them between the pipeline's stages. */
export function opportunityRoutes(context: RouteContext): RouteTable {
  const { state, unknownFilters } = context;
  const opportunity = (request: SandboxRequest): OpportunityRow => state.opportunities.get(request.param('id')) ?? raise(notFound('opportunities', request.param('id')));

  return {
    'GET /opportunities': (request) => listPage(request, unknownFilters, {
      rows: state.opportunities.all(),
      filters: {
        // Emails are canonicalized: the filter ignores case.
        email: (values) => (row) => row.emails.some((email) => values.some((value) => value.toLowerCase() === email.toLowerCase())),
        tag: anyOf((row) => row.tags),
        origin: anyOf((row) => row.origin),
        source: anyOf((row) => row.sources),
        confidentiality: confidentiality(),
        stage_id: anyOf((row) => row.stage),
        posting_id: anyOf((row) => row.applications.map((id) => state.applications.get(id)!.posting)),
        contact_id: anyOf((row) => row.contact),
        archived: flag((row) => row.archived !== null),
        archive_reason_id: anyOf((row) => row.archived?.reason ?? null),
        created_at_start: timeBound((row) => row.createdAt, 'start'),
        created_at_end: timeBound((row) => row.createdAt, 'end'),
        updated_at_start: timeBound((row) => row.updatedAt, 'start'),
        updated_at_end: timeBound((row) => row.updatedAt, 'end'),
        advanced_at_start: timeBound((row) => row.lastAdvancedAt, 'start'),
        advanced_at_end: timeBound((row) => row.lastAdvancedAt, 'end'),
      },
      defaults: { confidentiality: 'non-confidential' },
      order: (row) => row.createdAt,
    }),
    'GET /opportunities/:id': (request) => single(opportunity(request)),

    // Deprecated by Lever in favour of expanding applications on the opportunity, and still answered.
    'GET /opportunities/:id/applications': (request) => {
      const owner = opportunity(request);
      return listPage(request, unknownFilters, { rows: owner.applications.map((id) => state.applications.get(id)!), order: (row) => row.createdAt });
    },

    'PUT /opportunities/:id/stage': async (request) => {
      const target = opportunity(request);
      const { stage: stageId } = await readBody(request, { stage: { kind: 'string', required: true } });
      const stage = state.stages.get(stageId as string) ?? raise(notFound('stages', stageId as string));
      const userId = actingUserId(context, request);
      const now = Date.now();
      state.opportunities.update(target, {
        stage: stage.id, lastAdvancedAt: now, lastInteractionAt: now, updatedAt: now,
        stageChanges: [...target.stageChanges, { toStageId: stage.id, toStageIndex: state.stages.all().indexOf(stage), userId, updatedAt: now }],
      });
      return single(target);
    },
  };
}
