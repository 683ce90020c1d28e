// MCP request logs are written in batches off the request path: log() only queues, a timer flushes.
//
// The log is an audit trail, so no entry is dropped. Memory stays bounded by admission instead: a request takes room
// for its entry (reserve) before it runs, and when queued plus promised entries reach the capacity, new requests are
// refused (the MCP endpoint answers 503 with Retry-After) before anything reaches an upstream. When the store fails,
// the entries stay queued and the write is retried with a growing pause (each failure logged); the queue then fills
// and admission refuses, which is the backpressure. Entries of a batch the database refuses as such (a constraint:
// the tenant was deleted meanwhile) are written one by one, and only the refused ones are given up, logged.
import type { Logger } from '../logger.ts';
import { StoreConstraintError } from '../store/errors.ts';
import type { McpLogEntry, Store } from '../store/types.ts';
import { boundedText } from '../util/text.ts';

export interface McpLogWriterOptions {
  store: Store;
  logger: Logger;
  flushIntervalMs?: number;
  /** Entries held in memory at most, queued or reserved (SWITCHBOARD_LOG_QUEUE_LIMIT). */
  capacity?: number;
}

export const defaultLogQueueLimit = 10_000;
/** Rows per store call. */
const rowsPerWrite = 2_000;
/** The longest pause between attempts while the store keeps failing. */
const maxRetryDelayMs = 30_000;
/** Attempts close() makes before it gives up on what is left (and says so in the log). */
const closeAttempts = 3;

/**
 * Longest stored text per field: MCP tool names are at most 128 characters; client names are cut at 100 on input;
 * an OAuth client id may be the URL of its metadata document; e-mail addresses are at most 320 characters.
 */
export const logFieldLimits = {
  rpc_method: 64, tool_name: 128, client_name: 100, client_version: 100, user_email: 320, oauth_client_id: 512, oauth_client_name: 200,
} as const;

export class McpLogWriter {
  private queue: McpLogEntry[] = [];
  private reserved = 0;
  private failures = 0;
  private nextAttemptAt = 0;
  private writing: Promise<void> | undefined;
  private readonly capacity: number;
  private readonly intervalMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly options: McpLogWriterOptions;

  constructor(options: McpLogWriterOptions) {
    this.options = options;
    this.capacity = options.capacity ?? defaultLogQueueLimit;
    this.intervalMs = options.flushIntervalMs ?? 1000;
    this.timer = setInterval(() => {
      if (Date.now() >= this.nextAttemptAt) void this.flush();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Entries waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  reserve(count: number): boolean {
    if (this.queue.length + this.reserved + count > this.capacity) return false;
    this.reserved += count;
    return true;
  }

  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.nextAttemptAt - Date.now()) / 1000));
  }

  /**
   * Queues an entry, using room reserved for it; never drops one. A full batch is written at once rather than at the
   * next tick of the timer: at thousands of calls a second, a second's worth of entries would fill the queue.
   */
  log(entry: McpLogEntry): void {
    if (this.reserved > 0) this.reserved--;
    this.queue.push(bounded(entry));
    if (this.queue.length >= rowsPerWrite && this.writing === undefined && Date.now() >= this.nextAttemptAt) void this.flush();
  }

  /** Writes what is queued now; resolves when done or when the store failed (the entries then stay queued). */
  flush(): Promise<void> {
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Stops the timer and writes what is left, trying a few times; what still cannot be written is logged as lost. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (let attempt = 1; attempt <= closeAttempts && this.queue.length > 0; attempt++) {
      await this.flush();
      if (this.queue.length > 0 && attempt < closeAttempts) await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
    if (this.queue.length > 0) {
      this.options.logger.error({ lost: this.queue.length }, 'MCP request log entries could not be written before shutdown; they are lost');
    }
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, rowsPerWrite);
      try {
        await this.options.store.appendLogs(batch);
        // Entries queued meanwhile were appended at the end, so the batch is still at the front.
        this.queue.splice(0, batch.length);
      } catch (error) {
        if (!(error instanceof StoreConstraintError)) return this.failed(error);
        if (!await this.writeOneByOne(batch.length)) return;
      }
      if (this.failures > 0) this.options.logger.info({ attempts: this.failures + 1 }, 'MCP request log writes succeed again');
      this.failures = 0;
      this.nextAttemptAt = 0;
    }
  }

  private failed(error: unknown): void {
    this.failures++;
    const delayMs = Math.min(maxRetryDelayMs, this.intervalMs * 2 ** (this.failures - 1));
    this.nextAttemptAt = Date.now() + delayMs;
    this.options.logger.error(
      { err: error, pending: this.queue.length, attempt: this.failures, retry_in_ms: delayMs },
      'writing MCP request log entries failed; they stay queued and are retried (new MCP requests are refused while the queue is full)',
    );
  }

  /**
   * A batch the database refused as such: the first `count` entries one at a time, each taken off the queue once
   * written or refused again (then given up, and logged). False when the store itself failed meanwhile.
   */
  private async writeOneByOne(count: number): Promise<boolean> {
    let refused = 0;
    let reason: unknown;
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      try {
        await this.options.store.appendLogs([this.queue[0]!]);
        this.queue.shift();
      } catch (error) {
        if (error instanceof StoreConstraintError) {
          refused++;
          reason = error;
          this.queue.shift();
        } else {
          this.failed(error);
          ok = false;
        }
      }
    }
    if (refused > 0) this.options.logger.error({ err: reason, refused }, 'the database refused MCP request log entries (their tenant was deleted meanwhile); they were not written');
    return ok;
  }
}

/** The entry with every text field well-formed and within its limit, so no client can grow the log or break a write. */
function bounded(entry: McpLogEntry): McpLogEntry {
  const copy: McpLogEntry = { ...entry, rpc_method: boundedText(entry.rpc_method, logFieldLimits.rpc_method) };
  for (const field of ['tool_name', 'client_name', 'client_version', 'user_email', 'oauth_client_id', 'oauth_client_name'] as const) {
    const value = entry[field];
    if (typeof value === 'string') copy[field] = boundedText(value, logFieldLimits[field]);
  }
  return copy;
}
