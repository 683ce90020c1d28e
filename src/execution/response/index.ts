// The response kinds a definition may use. A new kind is one file in this folder and one line in `kinds`.
import type { z } from 'zod';
import { kindUnion } from '../kinds.ts';
import { jsonResponse } from './json.ts';
import { jsonApiResponse } from './jsonapi.ts';
import type { ResponseKind } from './kind.ts';

const kinds = {
  json: jsonResponse,
  jsonapi: jsonApiResponse,
};

export const responseFormat = kindUnion(kinds);
export type ResponseDefinition = z.output<typeof responseFormat>;

export function responseKind(response: ResponseDefinition): ResponseKind<ResponseDefinition> {
  return kinds[response.kind] as ResponseKind<ResponseDefinition>;
}
