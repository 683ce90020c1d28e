// Deletes MCP servers past their expires_at (and expired sessions, codes and OAuth tokens). Lookups already refuse
// them by the clock; this removes the rows.
// With a lease, one node of those sharing a database sweeps per interval: the holder renews it at each sweep, and
// another node takes over only when the holder stopped sweeping.
import type { Lease } from '../cluster/types.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';

export const defaultSweepIntervalMs = 30_000;
export const sweeperLeaseName = 'expiry-sweeper';

export interface ExpirySweeper {
  /** Deletes the expired servers now; resolves with how many (0 when the store failed, which is logged, or another node holds the lease). */
  sweep(): Promise<number>;
  stop(): void;
}

export interface ExpirySweeperOptions {
  store: Store;
  logger: Logger;
  intervalMs?: number | undefined;
  now?: (() => number) | undefined;
  lease?: Lease | undefined;
  /** Called after each sweep this node ran, with how many servers it deleted. */
  onSweep?: ((deleted: number) => void) | undefined;
}

export function startExpirySweeper(options: ExpirySweeperOptions): ExpirySweeper {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? defaultSweepIntervalMs;
  const sweep = async () => {
    try {
      // Half an interval to spare, so the holder's next sweep renews the lease before it lapses.
      if (options.lease && !await options.lease.acquire(sweeperLeaseName, Math.round(intervalMs * 1.5))) return 0;
      const deleted = await options.store.deleteExpiredMcpServers(new Date(now()));
      if (deleted > 0) options.logger.info({ deleted }, 'deleted expired MCP servers');
      // Expired sign-in sessions, authorization codes and OAuth tokens go in the same pass.
      const authRows = await options.store.auth.deleteExpiredAuthRows(new Date(now()));
      if (authRows > 0) options.logger.debug({ deleted: authRows }, 'deleted expired sessions, codes and tokens');
      options.onSweep?.(deleted);
      return deleted;
    } catch (error) {
      options.logger.error({ err: error }, 'deleting expired MCP servers failed');
      return 0;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
