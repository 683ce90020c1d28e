import type { RouteTable } from '../../shared/api.ts';
import { raise } from '../../shared/http.ts';
import { anyOf, booleanParameter, confidentiality, listPage, notFound, single, timeBound } from '../http.ts';
import type { RouteContext } from './context.ts';

/** The account's setup: its pipeline stages, archive reasons, postings and users. */
export function accountRoutes({ state, unknownFilters }: RouteContext): RouteTable {
  const pipeline = () => state.stages.all();
  return {
    'GET /stages': (request) => listPage(request, unknownFilters, { rows: pipeline(), order: (row) => pipeline().indexOf(row) }),
    'GET /stages/:id': (request) => single(state.stages.get(request.param('id')) ?? raise(notFound('stages', request.param('id')))),

    'GET /archive_reasons': (request) => listPage(request, unknownFilters, {
      rows: state.archiveReasons.all(),
      filters: { type: anyOf((row) => row.type) },
      order: (row) => state.archiveReasons.all().indexOf(row),
    }),

    'GET /postings': (request) => listPage(request, unknownFilters, {
      rows: state.postings.all(),
      filters: {
        state: anyOf((row) => row.state),
        team: anyOf((row) => row.categories.team),
        department: anyOf((row) => row.categories.department),
        location: anyOf((row) => row.categories.allLocations),
        commitment: anyOf((row) => row.categories.commitment),
        tag: anyOf((row) => row.tags),
        distributionChannel: anyOf((row) => row.distributionChannels),
        confidentiality: confidentiality(),
        updated_at_start: timeBound((row) => row.updatedAt, 'start'),
        updated_at_end: timeBound((row) => row.updatedAt, 'end'),
      },
      defaults: { confidentiality: 'non-confidential' },
      order: (row) => row.createdAt,
    }),
    'GET /postings/:id': (request) => single(state.postings.get(request.param('id')) ?? raise(notFound('postings', request.param('id')))),

    'GET /users': (request) => listPage(request, unknownFilters, {
      rows: state.users.all(),
      filters: {
        email: anyOf((row) => row.email),
        accessRole: anyOf((row) => row.accessRole),
        includeDeactivated: (values, name) => {
          const everyone = booleanParameter(values, name);
          return (row) => everyone || row.deactivatedAt === null;
        },
      },
      defaults: { includeDeactivated: 'false' },
      order: (row) => row.createdAt,
    }),
  };
}
