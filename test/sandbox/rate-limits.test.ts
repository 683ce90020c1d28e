// Each sandbox limits requests as its vendor documents (integrations/<name>/api-facts.yaml rate_limit requests and
// window_seconds), so the demo and untuned tests meet realistic 429s; vendors that publish no numbers get the kit's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { sandboxes } from '../../src/sandbox/registry.ts';
import { DEFAULT_RATE_LIMIT } from '../../src/sandbox/shared/server.ts';

interface RateLimitFacts {
  rate_limit?: { requests?: number; window_seconds?: number };
}

for (const entry of sandboxes) {
  test(`${entry.label} sandbox: its default rate limit is the documented one`, async () => {
    const facts = parse(readFileSync(new URL(`../../integrations/${entry.integration}/api-facts.yaml`, import.meta.url), 'utf8')) as RateLimitFacts;
    const { requests, window_seconds: windowSeconds } = facts.rate_limit ?? {};
    const sandbox = await entry.start({});
    try {
      assert.deepEqual(sandbox.rateLimit, requests === undefined ? DEFAULT_RATE_LIMIT : { limit: requests, windowSeconds });
    } finally {
      await sandbox.close();
    }
  });
}
