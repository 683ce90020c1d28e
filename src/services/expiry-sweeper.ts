// Deletes MCP servers past their expires_at. Lookups already refuse them by the clock; this removes the rows.
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';

export const defaultSweepIntervalMs = 30_000;

export interface ExpirySweeper {
  /** Deletes the expired servers now; resolves with how many (0 when the store failed, which is logged). */
  sweep(): Promise<number>;
  stop(): void;
}

export function startExpirySweeper(options: { store: Store; logger: Logger; intervalMs?: number | undefined; now?: (() => number) | undefined }): ExpirySweeper {
  const now = options.now ?? Date.now;
  const sweep = async () => {
    try {
      const deleted = await options.store.deleteExpiredMcpServers(new Date(now()));
      if (deleted > 0) options.logger.info({ deleted }, 'deleted expired MCP servers');
      return deleted;
    } catch (error) {
      options.logger.error({ err: error }, 'deleting expired MCP servers failed');
      return 0;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? defaultSweepIntervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
