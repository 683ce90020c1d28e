// What the auth modules need from the store, in one import.
export type { Store } from '../store/types.ts';
export type { Membership, Role, Session, User } from '../store/auth-types.ts';
