// Rate limit on guessing secrets: every unknown MCP URL token (404) or unknown API token (401) counts as a miss of
// the client that sent it. A client with `limit` misses inside the sliding window gets 429 with Retry-After on every
// token-bearing request until the oldest miss leaves the window, valid tokens included (otherwise a hit would still
// stand out among the 429s). Valid-token requests never count, so legitimate traffic is never limited by this.
// In memory per node: a miss costs one array push, a check one Map lookup.
import type { IncomingMessage } from 'node:http';

export interface GuessLimiterOptions {
  /** Misses allowed per client inside the window; 0 turns the limit off. */
  limit: number;
  windowMs?: number;
  /** How many reverse proxies in front append to X-Forwarded-For; 0 uses the socket address. */
  trustedProxyHops?: number;
  /** Clients tracked at most; the oldest is forgotten first (a bound on memory under a distributed flood). */
  maxClients?: number;
  now?: () => number;
}

export class GuessLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly hops: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  /** Client → times of its misses inside the window, oldest first, at most `limit` of them. */
  private readonly misses = new Map<string, number[]>();

  constructor(options: GuessLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.hops = options.trustedProxyHops ?? 0;
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds the client must wait before its next token-bearing request, or 0 when it may go ahead. */
  retryAfter(client: string): number {
    if (this.limit === 0) return 0;
    const times = this.live(client);
    if (!times || times.length < this.limit) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.now()) / 1000));
  }

  /** Records a wrong token from the client; answers the time recorded, for forgive(). */
  miss(client: string): number {
    const time = this.now();
    if (this.limit === 0) return time;
    const times = this.live(client) ?? [];
    times.push(time);
    if (times.length > this.limit) times.shift();
    this.misses.delete(client);
    this.misses.set(client, times);
    if (this.misses.size > this.maxClients) this.misses.delete(this.misses.keys().next().value!);
    return time;
  }

  /** Takes back one miss recorded at `time` (an attempt counted in advance that turned out right). */
  forgive(client: string, time: number): void {
    const times = this.misses.get(client);
    const index = times?.lastIndexOf(time) ?? -1;
    if (index >= 0) times!.splice(index, 1);
  }

  /** The client's misses still inside the window (older ones dropped). */
  private live(client: string): number[] | undefined {
    const times = this.misses.get(client);
    if (!times) return undefined;
    const horizon = this.now() - this.windowMs;
    while (times.length > 0 && times[0]! <= horizon) times.shift();
    if (times.length === 0) {
      this.misses.delete(client);
      return undefined;
    }
    return times;
  }

  /** Who sent the request: the socket address, or the X-Forwarded-For entry added by the outermost trusted proxy. */
  clientOf(req: IncomingMessage): string {
    const socket = req.socket.remoteAddress ?? 'unknown';
    if (this.hops === 0) return socket;
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
    return entries[entries.length - this.hops] ?? socket;
  }
}

export const tooManyGuessesMessage = (seconds: number) =>
  `Too many requests with unknown tokens from this client; try again in ${seconds} s.`;
