// Password hashing with scrypt (node:crypto, memory-hard): "scrypt$<log2 N>$<r>$<p>$<salt>$<hash>", base64url parts,
// so the cost can be raised later and old hashes still verify. N = 2^15, r = 8, p = 3 is OWASP's scrypt setting for
// 32 MiB of memory per hash (about 100 ms here).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const defaults = { logN: 15, r: 8, p: 3 };
const keyBytes = 32;
const saltBytes = 16;
/** Longer passwords are refused before hashing: the cost of a hash must not grow with input. */
export const maxPasswordLength = 1024;
export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, cost: { logN: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, defaults);
  return ['scrypt', defaults.logN, defaults.r, defaults.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether the password matches the stored hash; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > maxPasswordLength) return false;
  const [scheme, logN, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return false;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (![cost.logN, cost.r, cost.p].every(Number.isInteger) || cost.logN < 10 || cost.logN > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: verifying against it costs what a real check costs, so unknown emails take as long. */
export const unmatchableHash = hashPassword(randomBytes(24).toString('base64url'));

/** What is wrong with a new password, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < minPasswordLength) return `must be at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `must be at most ${maxPasswordLength} characters`;
  return undefined;
}
