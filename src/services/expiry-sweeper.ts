// Deletes MCP servers past their expires_at (and expired sessions, codes, OAuth tokens and connect sessions), and request-log entries
// past the retention period. Lookups already refuse expired rows by the clock; this removes them.
// With a lease, one node of those sharing a database sweeps per interval: the holder renews it at each sweep, and
// another node takes over only when the holder stopped sweeping.
import type { Lease } from '../cluster/types.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';

export const defaultSweepIntervalMs = 30_000;
export const sweeperLeaseName = 'expiry-sweeper';
const dayMs = 86_400_000;
/** Log entries deleted per statement, so no delete holds the database for long. */
const logDeleteStep = 5_000;
/** Statements per sweep at most; what is left waits for the next sweep (the lease must be renewed in time). */
const logDeleteStepsPerSweep = 20;

export interface ExpirySweeper {
  /** Sweeps now; resolves with how many servers it deleted (0 when the store failed, which is logged, or another node holds the lease). */
  sweep(): Promise<number>;
  stop(): void;
}

export interface SweepResult {
  servers: number;
  logs: number;
}

export interface ExpirySweeperOptions {
  store: Store;
  logger: Logger;
  intervalMs?: number | undefined;
  now?: (() => number) | undefined;
  lease?: Lease | undefined;
  /** Request-log entries older than this many days are deleted; 0 or undefined keeps them. */
  logRetentionDays?: number | undefined;
  /** Called after each sweep this node ran, with what it deleted. */
  onSweep?: ((result: SweepResult) => void) | undefined;
}

export function startExpirySweeper(options: ExpirySweeperOptions): ExpirySweeper {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? defaultSweepIntervalMs;
  const sweep = async () => {
    try {
      // Half an interval to spare, so the holder's next sweep renews the lease before it lapses.
      if (options.lease && !await options.lease.acquire(sweeperLeaseName, Math.round(intervalMs * 1.5))) return 0;
      const at = new Date(now());
      const servers = await options.store.deleteExpiredMcpServers(at);
      if (servers > 0) options.logger.info({ deleted: servers }, 'deleted expired MCP servers');
      // Expired sign-in sessions, authorization codes, OAuth tokens and connect sessions go in the same pass.
      const authRows = await options.store.auth.deleteExpiredAuthRows(at) + await options.store.deleteExpiredConnectSessions(at);
      if (authRows > 0) options.logger.debug({ deleted: authRows }, 'deleted expired sessions, codes, tokens and connect sessions');
      const logs = options.logRetentionDays ? await deleteOldLogs(options.store, new Date(at.getTime() - options.logRetentionDays * dayMs)) : 0;
      if (logs > 0) options.logger.info({ deleted: logs, retention_days: options.logRetentionDays }, 'deleted request log entries past their retention');
      options.onSweep?.({ servers, logs });
      return servers;
    } catch (error) {
      options.logger.error({ err: error }, 'sweeping expired MCP servers and old request log entries failed');
      return 0;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

async function deleteOldLogs(store: Store, before: Date): Promise<number> {
  let total = 0;
  for (let step = 0; step < logDeleteStepsPerSweep; step++) {
    const deleted = await store.deleteLogsBefore(before, logDeleteStep);
    total += deleted;
    if (deleted < logDeleteStep) break;
  }
  return total;
}
