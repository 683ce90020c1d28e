// People who sign in: created by the CLI (or single sign-on), members of tenants as admin or member. Emails are
// compared lower-cased; passwords are checked against scrypt hashes, in the same time whether or not the email exists.
import type { Role, Store, User } from './store.ts';
import { hashPassword, passwordProblem, unmatchableHash, verifyPassword } from './passwords.ts';
import { ValidationError } from '../services/errors.ts';

export const roles: readonly Role[] = ['admin', 'member'];

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailProblem(email: string): string | undefined {
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return `"${email}" is not an email address`;
  return undefined;
}

export class UserService {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /**
   * Creates the user, or updates the password of an existing one, and makes them a member of the tenant with the
   * role. Returns the user and whether it was new.
   */
  async ensureMember(input: { email: string; password: string | undefined; tenantId: string; role: Role; name?: string | null }): Promise<{ user: User; created: boolean }> {
    const email = normalizeEmail(input.email);
    const problems = [
      ...(emailProblem(email) ? [{ field: 'email', message: emailProblem(email)! }] : []),
      ...(input.password !== undefined && passwordProblem(input.password) ? [{ field: 'password', message: passwordProblem(input.password)! }] : []),
      ...(!roles.includes(input.role) ? [{ field: 'role', message: `must be one of ${roles.join(', ')}` }] : []),
      ...(!await this.store.getTenant(input.tenantId) ? [{ field: 'tenant', message: `tenant ${input.tenantId} not found` }] : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const existing = await this.store.auth.findUserByEmail(email);
    let user: User;
    if (existing) {
      if (passwordHash) await this.store.auth.setPassword(existing.id, passwordHash);
      const { password_hash: _hash, ...rest } = existing;
      user = rest;
    } else {
      user = await this.store.auth.createUser({ email, name: input.name ?? null, password_hash: passwordHash });
    }
    await this.store.auth.setMembership(user.id, input.tenantId, input.role);
    return { user, created: !existing };
  }

  /** The user when the password is right; undefined otherwise (unknown email, no password set, wrong password). */
  async checkPassword(email: string, password: string): Promise<User | undefined> {
    const found = await this.store.auth.findUserByEmail(normalizeEmail(email));
    const ok = await verifyPassword(password, found?.password_hash ?? await unmatchableHash);
    if (!found || !found.password_hash || !ok) return undefined;
    const { password_hash: _hash, ...user } = found;
    return user;
  }
}
