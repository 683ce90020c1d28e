// What nodes sharing one database need from each other: hearing about changes (to drop cached lookups), a shared
// cache of token lookups, and leases so a cluster-wide job runs on one node at a time.
import type { ServerRecord } from '../store/types.ts';

/** What changed: the ids name what cached lookups to drop. */
export interface Invalidation {
  serverId?: string;
  accountId?: string;
  apiTokenId?: string;
  /** An OAuth grant revoked: its access tokens stop working. */
  grantId?: string;
}

/** An invalidation that names nothing means "everything changed". */
export function isEverything(change: Invalidation): boolean {
  return change.serverId === undefined && change.accountId === undefined && change.apiTokenId === undefined && change.grantId === undefined;
}

export interface ChangeListener {
  /** A server, account or API token changed somewhere (this node included): drop what is cached of it. */
  change(change: Invalidation): void;
  /** Changes may have been missed (the subscription was lost or regained): drop everything cached. */
  reset(): void;
}

export interface InvalidationBus {
  /** True while this node's subscription is up, i.e. changes made on other nodes are known to arrive. */
  readonly live: boolean;
  /** Tells every node after a change was committed. Never rejects: failures are logged and retried. */
  publish(change: Invalidation): Promise<void>;
  subscribe(listener: ChangeListener): void;
  close(): Promise<void>;
}

export interface SharedServerCache {
  /** The record of a token hash from the shared cache, else from load() (then shared unless a change raced it). */
  lookup(tokenHash: string, load: () => Promise<ServerRecord | undefined>): Promise<ServerRecord | undefined>;
}

export interface Lease {
  /** Takes or renews the named lease for ttlMs; false while another node holds it. */
  acquire(name: string, ttlMs: number): Promise<boolean>;
}

export interface ClusterLock {
  /** Runs `work` while no other holder of `key`, on this node or another, runs; rejects with LockTimeout when it cannot. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** The lock could not be had in time (its holder is slow, or every lock connection is busy): try again shortly. */
export class LockTimeout extends Error {}

/** A check /ready runs; rejects when the dependency does not answer. */
export interface Probe {
  name: string;
  check(): Promise<void>;
}
