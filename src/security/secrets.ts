// Encryption of account credentials at rest: AES-256-GCM over JSON, stored as text
// "v1:<iv>:<auth tag>:<ciphertext>" (base64url parts), so the format can change later without a flag day.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const algorithm = 'aes-256-gcm';
const version = 'v1';
const keyBytes = 32;
const ivBytes = 12;

export const keyFileName = 'encryption.key';

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

export interface SecretBox {
  encrypt(value: unknown): string;
  /** Throws SecretsError when the text was altered or was sealed with another key. */
  decrypt<T = unknown>(sealed: string): T;
}

export function createSecretBox(rawKey: Buffer): SecretBox {
  if (rawKey.length !== keyBytes) throw new SecretsError(`the encryption key must be ${keyBytes} bytes, got ${rawKey.length}`);
  // A KeyObject made once: a raw Buffer key is imported again by every cipher, about three times the cost of a decryption.
  const key = createSecretKey(rawKey);
  return {
    encrypt(value) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, key, iv);
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [version, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
    },
    decrypt<T>(sealed: string): T {
      const [tag, iv, authTag, ciphertext, ...rest] = sealed.split(':');
      if (tag !== version || iv === undefined || authTag === undefined || ciphertext === undefined || rest.length > 0) {
        throw new SecretsError('encrypted value is not in the v1 format');
      }
      try {
        const decipher = createDecipheriv(algorithm, key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as T;
      } catch {
        throw new SecretsError('encrypted value could not be decrypted: it was altered or sealed with another key');
      }
    },
  };
}

/**
 * The key from SWITCHBOARD_ENCRYPTION_KEY when given, else from <dataDir>/encryption.key, which is generated
 * (mode 0600) on first use. Losing that file makes stored credentials unreadable: back it up with the database.
 */
export function loadEncryptionKey(options: { base64Key: string | undefined; dataDir: string }): Buffer {
  if (options.base64Key !== undefined) return decodeKey(options.base64Key, 'SWITCHBOARD_ENCRYPTION_KEY');
  const file = join(options.dataDir, keyFileName);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when the file exists, so two processes starting at once cannot overwrite each other's key.
    writeFileSync(file, `${randomBytes(keyBytes).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== keyBytes) throw new SecretsError(`${source} must hold the base64 encoding of ${keyBytes} bytes`);
  return key;
}
