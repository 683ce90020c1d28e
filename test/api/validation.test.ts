import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { z } from 'zod';
import { parseJsonBody } from '../../src/api/validation.ts';
import { ApiError } from '../../src/api/errors.ts';
import { ValidationError } from '../../src/services/errors.ts';

/** A route whose fields are all optional, answering what parseJsonBody made of the body or the error it raised. */
const app = new Hono().post('/', async (c) => {
  try {
    return c.json({ body: await parseJsonBody(c, z.strictObject({ name: z.string().optional() })) });
  } catch (error) {
    if (error instanceof ApiError || error instanceof ValidationError) return c.json({ error: error.message }, 400);
    throw error;
  }
});
const post = async (body: string | Uint8Array) => {
  const response = await app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: response.status, json: await response.json() as { body?: unknown; error?: string } };
};

test('parseJsonBody: an empty or blank body is {}, null is not', async () => {
  assert.deepEqual(await post(''), { status: 200, json: { body: {} } });
  assert.deepEqual(await post(' \r\n'), { status: 200, json: { body: {} } });
  assert.equal((await post('null')).status, 400);
  assert.equal((await post('[]')).status, 400);
});

test('parseJsonBody: a leading byte-order mark is skipped', async () => {
  assert.deepEqual(await post(Buffer.from('\ufeff{"name":"x"}')), { status: 200, json: { body: { name: 'x' } } });
  assert.deepEqual(await post(Buffer.from('\ufeff')), { status: 200, json: { body: {} } });
  assert.match((await post(Buffer.from('\ufeff\ufeff{}'))).json.error!, /not valid JSON/);
});

test('parseJsonBody: a large body is read like a small one', async () => {
  const name = 'n'.repeat(300_000);
  assert.deepEqual(await post(JSON.stringify({ name })), { status: 200, json: { body: { name } } });
  assert.match((await post(`{"name":"${name}"`)).json.error!, /not valid JSON/);
});
