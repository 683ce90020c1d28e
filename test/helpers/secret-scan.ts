// Looking for secrets in clear where they must never be: the files of a data directory (the database, its WAL) and
// log text. A secret counts as found in any form it could leak in: as is, base64, URL-encoded or JSON-escaped.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFileName } from '../../src/security/secrets.ts';

/** A value no scenario would produce by chance, to plant and look for. */
export const marker = (name: string) => `${name}-${randomBytes(12).toString('hex')}`;

/** Every file of the data directory but the key file, as bytes (latin1 keeps every byte). */
export function dataFiles(dir: string): { names: string[]; text: string } {
  const names = readdirSync(dir).filter((name) => name !== keyFileName);
  return { names, text: names.map((name) => readFileSync(join(dir, name)).toString('latin1')).join('\n') };
}

/** The secret and the forms it could leak in: as is, base64, URL-encoded, JSON-escaped. */
export const forms = (secret: string) => [...new Set([secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];

/** Fails naming the first secret found in `text` in any of its forms. */
export function assertNoSecrets(label: string, text: string, secrets: Record<string, string>): void {
  for (const [name, secret] of Object.entries(secrets)) {
    for (const form of forms(secret)) assert.equal(text.includes(form), false, `${label}: ${name} found in clear (${form.slice(0, 10)}…)`);
  }
}
