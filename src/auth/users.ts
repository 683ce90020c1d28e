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
   * Creates the user, or updates the password of an existing one (which ends their sessions, when it really
   * changes), and makes them a member of the tenant with the role. Returns the user, whether it was new, and whether
   * an existing user's password changed.
   */
  async ensureMember(input: { email: string; password: string | undefined; tenantId: string; role: Role; name?: string | null }): Promise<{ user: User; created: boolean; passwordChanged: boolean }> {
    const email = normalizeEmail(input.email);
    const problems = [
      ...(emailProblem(email) ? [{ field: 'email', message: emailProblem(email)! }] : []),
      ...(input.password !== undefined && passwordProblem(input.password) ? [{ field: 'password', message: passwordProblem(input.password)! }] : []),
      ...(!roles.includes(input.role) ? [{ field: 'role', message: `must be one of ${roles.join(', ')}` }] : []),
      ...(!await this.store.getTenant(input.tenantId) ? [{ field: 'tenant', message: `tenant ${input.tenantId} not found` }] : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const existing = await this.store.auth.findUserByEmail(email);
    let user: User;
    let passwordChanged = false;
    if (existing) {
      // The same password again (the demo sets it at every start) is no change: nobody is signed out.
      passwordChanged = input.password !== undefined && !(existing.password_hash && await verifyPassword(input.password, existing.password_hash));
      if (passwordChanged) await this.store.auth.setPassword(existing.id, await hashPassword(input.password!));
      const { password_hash: _hash, ...rest } = existing;
      user = rest;
    } else {
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      user = await this.store.auth.createUser({ email, name: input.name ?? null, password_hash: passwordHash });
    }
    await this.store.auth.setMembership(user.id, input.tenantId, input.role);
    return { user, created: !existing, passwordChanged };
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
