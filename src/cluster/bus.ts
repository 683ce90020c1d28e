// What both invalidation buses share: the listeners, the live flag (a change of it resets the listeners, since
// messages may have been missed), the message format, and a heartbeat that notices a silently dead subscription.
import type { Logger } from '../logger.ts';
import type { Invalidation } from './types.ts';
import type { ChangeListener } from './types.ts';

/** Name of the channel (PostgreSQL NOTIFY; in Redis after the key prefix). */
export const changesChannel = 'mcp_server_changes';
export const heartbeatMs = 2_000;
export const heartbeatTimeoutMs = 1_500;
/** Wait before reconnecting a lost subscription: doubles from the first to the last. */
export const reconnectDelaysMs = [100, 250, 500, 1_000, 2_000, 5_000];

export function encodeChange(change: Invalidation): string {
  return JSON.stringify({ s: change.serverId, a: change.accountId, t: change.apiTokenId, g: change.grantId });
}

/** The change in a message; an unreadable message counts as "everything changed". */
export function decodeChange(text: string): Invalidation {
  try {
    const value = JSON.parse(text) as { s?: unknown; a?: unknown; t?: unknown; g?: unknown };
    const change: Invalidation = {};
    if (typeof value.s === 'string') change.serverId = value.s;
    if (typeof value.a === 'string') change.accountId = value.a;
    if (typeof value.t === 'string') change.apiTokenId = value.t;
    if (typeof value.g === 'string') change.grantId = value.g;
    return change;
  } catch {
    return {};
  }
}

export class BusListeners {
  private readonly listeners: ChangeListener[] = [];
  private isLive = false;

  get live(): boolean {
    return this.isLive;
  }

  add(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  change(change: Invalidation): void {
    for (const listener of this.listeners) listener.change(change);
  }

  /** Up or down: either way what listeners cached may be stale, so they reset. */
  setLive(live: boolean): void {
    if (live === this.isLive) return;
    this.isLive = live;
    for (const listener of this.listeners) listener.reset();
  }
}

/**
 * Publishes once and resolves; when that fails, keeps trying in the background (logged), so a change made while the
 * bus is down still reaches the other nodes once it is back, without holding up the request that made it.
 */
export async function publishReliably(publish: () => Promise<void>, logger: Logger, closed: () => boolean): Promise<void> {
  try {
    await publish();
    return;
  } catch (error) {
    logger.error({ err: error }, 'publishing a cache invalidation failed; retrying in the background');
  }
  void (async () => {
    for (let attempt = 0; !closed(); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, reconnectDelaysMs[Math.min(attempt, reconnectDelaysMs.length - 1)]).unref());
      try {
        await publish();
        logger.info({ attempts: attempt + 2 }, 'cache invalidation published after retrying');
        return;
      } catch {
        // still down: try again after the next delay
      }
    }
  })();
}

/** Resolves or rejects like the promise, but rejects after timeoutMs. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
