// MCP request logs are written in batches off the request path: log() only queues, a timer flushes.
import type { Logger } from '../logger.ts';
import type { McpLogEntry, Store } from '../store/types.ts';

export interface McpLogWriterOptions {
  store: Store;
  logger: Logger;
  flushIntervalMs?: number;
  /** Entries queued beyond this are dropped (and counted in the error log) rather than growing memory. */
  maxQueued?: number;
}

export class McpLogWriter {
  private queue: McpLogEntry[] = [];
  private dropped = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly options: McpLogWriterOptions;

  constructor(options: McpLogWriterOptions) {
    this.options = options;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  log(entry: McpLogEntry): void {
    if (this.queue.length >= (this.options.maxQueued ?? 10_000)) this.dropped++;
    else this.queue.push(entry);
  }

  async flush(): Promise<void> {
    if (this.dropped > 0) {
      this.options.logger.error({ dropped: this.dropped }, 'MCP log queue was full; entries were dropped');
      this.dropped = 0;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      await this.options.store.appendLogs(batch);
    } catch (error) {
      this.options.logger.error({ err: error, entries: batch.length }, 'writing MCP logs failed');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
