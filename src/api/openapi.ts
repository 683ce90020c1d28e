// GET /openapi.json: the admin API as an OpenAPI 3.1 document, built from the same operations (and their zod
// schemas) that register and validate the routes. It is served without credentials: it describes the API, it holds
// no data and no secret.
import type { Env } from 'hono';
import { z } from 'zod';
import { ApiRoutes, type Operation } from './operations.ts';

type JsonSchema = Record<string, unknown>;

export interface DocumentInfo {
  version: string;
  /** Base URL of the API, as handed out (PUBLIC_URL). */
  serverUrl: string;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message'],
      properties: {
        message: { type: 'string' },
        details: {
          type: 'array',
          description: 'One entry per wrong field of the request.',
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
        error_id: { type: 'string', description: 'On a 500: where the server log has the details.' },
      },
    },
  },
};

export function openApiDocument(operations: Operation[], info: DocumentInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    const path = operation.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[operation.method] = describeOperation(operation, path);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard admin API',
      version: info.version,
      description: 'Connect integrated accounts, create their MCP servers, read the request log and call upstream APIs through the Proxy API. '
        + 'Every operation but this document needs an API token ("Authorization: Bearer <API token>") or a dashboard session; the token decides the tenant.',
    },
    servers: [{ url: info.serverUrl }],
    security: [{ apiToken: [] }, { session: [] }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token of the tenant (POST /api-token, or the dashboard).' },
        session: {
          type: 'apiKey', in: 'cookie', name: 'switchboard_session',
          description: 'The dashboard\'s session cookie (__Host-switchboard_session on https); unsafe methods also need the x-csrf-token header.',
        },
      },
      schemas: { Error: errorSchema },
      responses: { Error: { description: 'What went wrong', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}

function describeOperation(operation: Operation, path: string): JsonSchema {
  const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const parameters = [
    ...placeholders.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, ...describedBy(operation.params?.[name]) })),
    ...queryParameters(operation.query),
  ];
  const body = operation.body ? jsonSchemaOf(operation.body) : operation.freeFormBody ? { type: 'object', description: operation.freeFormBody } : undefined;
  return {
    operationId: `${operation.method}_${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
    tags: [operation.tag],
    summary: operation.summary,
    ...describedBy(operation.description),
    ...(operation.open ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: operation.body !== undefined, content: { 'application/json': { schema: body } } } } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(operation.responses).map(([status, description]) => [status, describeResponse(Number(status), description)])),
      default: { $ref: '#/components/responses/Error' },
    },
  };
}

function describeResponse(status: number, description: string): JsonSchema {
  if (status === 204) return { description };
  const schema = status >= 400 ? { $ref: '#/components/schemas/Error' } : { type: 'object' };
  return { description, content: { 'application/json': { schema } } };
}

/** Each property of the query schema as one parameter; repeated parameters are joined with commas before parsing. */
function queryParameters(query: z.ZodType | undefined): JsonSchema[] {
  if (!query) return [];
  const schema = jsonSchemaOf(query);
  const required = (schema.required ?? []) as string[];
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, { description, ...property }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
    ...describedBy(description as string | undefined),
  }));
}

/** What a request must look like: the schema's input side, so a transform's input type (a comma list's text) shows. */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const describedBy = (description: string | undefined) => (description ? { description } : {});

/** The route serving the document, built on first request from every operation it is given and itself. */
export function openApiRoutes(operations: () => Operation[], info: DocumentInfo): ApiRoutes<Env> {
  let json: string | undefined;
  const routes = new ApiRoutes<Env>();
  return routes.add({
    method: 'get', path: '/openapi.json', tag: 'Meta', summary: 'This document', open: true,
    responses: { 200: 'The admin API as an OpenAPI 3.1 document' },
  }, (c) => {
    json ??= JSON.stringify(openApiDocument([...routes.operations, ...operations()], info));
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
}
