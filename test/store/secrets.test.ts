// Credential encryption, key handling and token generation.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSecretBox, keyFileName, loadEncryptionKey, SecretsError } from '../../src/security/secrets.ts';
import { apiTokenPrefix, generateApiToken, generateMcpToken, hashToken } from '../../src/security/tokens.ts';
import { tempDir } from './temp-dir.ts';

const box = createSecretBox(randomBytes(32));

test('credentials survive an encrypt/decrypt round trip and are sealed differently each time', () => {
  const credentials = { api_key: 'pk_live_123', nested: { a: [1, 2] } };
  const first = box.encrypt(credentials);
  const second = box.encrypt(credentials);
  assert.match(first, /^v1:[\w-]+:[\w-]+:[\w-]+$/);
  assert.notEqual(first, second, 'a random IV per encryption');
  assert.equal(first.includes('pk_live_123'), false);
  assert.deepEqual(box.decrypt(first), credentials);
});

test('altered ciphertext, tag or IV, another key and unknown formats are refused', () => {
  const sealed = box.encrypt({ api_key: 'secret' });
  const [version, iv, tag, data] = sealed.split(':') as [string, string, string, string];
  const flip = (part: string) => {
    const bytes = Buffer.from(part, 'base64url');
    bytes[0]! ^= 1;
    return bytes.toString('base64url');
  };
  for (const altered of [[version, iv, tag, flip(data)], [version, iv, flip(tag), data], [version, flip(iv), tag, data]]) {
    assert.throws(() => box.decrypt(altered.join(':')), SecretsError);
  }
  assert.throws(() => createSecretBox(randomBytes(32)).decrypt(sealed), /altered or sealed with another key/);
  assert.throws(() => box.decrypt(`v2:${iv}:${tag}:${data}`), /not in the v1 format/);
  assert.throws(() => box.decrypt('garbage'), /not in the v1 format/);
  assert.throws(() => createSecretBox(randomBytes(16)), /must be 32 bytes/);
});

test('the key file is generated once with mode 0600 and reused', (t) => {
  const dir = tempDir(t);
  const key = loadEncryptionKey({ base64Key: undefined, dataDir: dir });
  const file = join(dir, keyFileName);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadEncryptionKey({ base64Key: undefined, dataDir: dir }), key);
  const sealed = createSecretBox(key).encrypt({ a: 1 });
  assert.deepEqual(createSecretBox(loadEncryptionKey({ base64Key: undefined, dataDir: dir })).decrypt(sealed), { a: 1 });
});

test('a key from SWITCHBOARD_ENCRYPTION_KEY wins and no file is written; a bad key file is reported', (t) => {
  const dir = tempDir(t);
  const base64 = randomBytes(32).toString('base64');
  assert.deepEqual(loadEncryptionKey({ base64Key: base64, dataDir: dir }), Buffer.from(base64, 'base64'));
  assert.throws(() => statSync(join(dir, keyFileName)), /ENOENT/);
  writeFileSync(join(dir, keyFileName), 'c2hvcnQ=\n', { mode: 0o644 });
  assert.throws(() => loadEncryptionKey({ base64Key: undefined, dataDir: dir }), /must hold the base64 encoding of 32 bytes/);
  assert.equal(statSync(join(dir, keyFileName)).mode & 0o777, 0o600, 'loose permissions are tightened');
  assert.equal(readFileSync(join(dir, keyFileName), 'utf8'), 'c2hvcnQ=\n', 'an existing key file is never overwritten');
});

test('tokens: API tokens are prefixed, URL tokens carry 32 random bytes, hashes are SHA-256 hex', () => {
  const apiToken = generateApiToken();
  assert.ok(apiToken.startsWith(apiTokenPrefix));
  assert.equal(Buffer.from(apiToken.slice(apiTokenPrefix.length), 'base64url').length, 32);
  const mcpToken = generateMcpToken();
  assert.match(mcpToken, /^[\w-]{43}$/);
  assert.notEqual(generateMcpToken(), mcpToken);
  assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
