// At most `concurrency` upstream calls per integrated account in flight on this node; more wait in a queue with a
// deadline. One agent's burst (a 7,000-call batch, a tight loop) then cannot exhaust the account's upstream rate
// limit for every other agent of the account, nor open thousands of connections at once.
export interface LimiterOptions {
  concurrency: number;
  /** The longest a call waits for its turn before it fails. */
  queueTimeoutMs: number;
  /** Calls waiting per account beyond which new ones fail at once. */
  maxQueued: number;
}

export class LimiterError extends Error {
  readonly reason: 'timeout' | 'full' | 'aborted';
  constructor(reason: LimiterError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

interface Waiter {
  start(): void;
  fail(error: LimiterError): void;
}

interface Lane {
  running: number;
  waiting: Waiter[];
}

export const defaultLimiterOptions: LimiterOptions = { concurrency: 8, queueTimeoutMs: 10_000, maxQueued: 1_000 };

export class AccountLimiter {
  readonly options: LimiterOptions;
  private readonly lanes = new Map<string, Lane>();
  private queued = 0;
  private running = 0;
  /** Told how long each call waited for its turn, in seconds (metrics). */
  onWait: ((seconds: number, outcome: 'started' | LimiterError['reason']) => void) | undefined;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...defaultLimiterOptions, ...options };
  }

  /** Calls waiting and calls in flight, over all accounts. */
  stats(): { queued: number; running: number } {
    return { queued: this.queued, running: this.running };
  }

  async run<T>(key: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    await this.acquire(key, signal);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string, signal: AbortSignal | undefined): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.running < this.options.concurrency) {
      lane.running++;
      this.running++;
      this.onWait?.(0, 'started');
      return Promise.resolve();
    }
    if (lane.waiting.length >= this.options.maxQueued) {
      this.onWait?.(0, 'full');
      return Promise.reject(new LimiterError('full', `${lane.waiting.length} calls to this account are already waiting`));
    }
    if (signal?.aborted) return Promise.reject(new LimiterError('aborted', 'the call was cancelled while it waited'));
    const queuedLane = lane;
    const enqueued = performance.now();
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = queuedLane.waiting.indexOf(waiter);
        if (at !== -1) queuedLane.waiting.splice(at, 1);
        this.queued--;
      };
      const waiter: Waiter = {
        start: () => {
          leave();
          this.onWait?.((performance.now() - enqueued) / 1000, 'started');
          resolve();
        },
        fail: (error) => {
          leave();
          this.onWait?.((performance.now() - enqueued) / 1000, error.reason);
          this.dropIfIdle(key, queuedLane);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new LimiterError('timeout', `no upstream slot of this account freed up within ${Math.round(this.options.queueTimeoutMs / 1000)} s`)), this.options.queueTimeoutMs);
      const onAbort = () => waiter.fail(new LimiterError('aborted', 'the call was cancelled while it waited'));
      signal?.addEventListener('abort', onAbort, { once: true });
      queuedLane.waiting.push(waiter);
      this.queued++;
    });
  }

  private release(key: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    const next = lane.waiting[0];
    if (next) {
      // The slot passes straight to the next waiter: running stays the same.
      next.start();
      return;
    }
    lane.running--;
    this.running--;
    this.dropIfIdle(key, lane);
  }

  private dropIfIdle(key: string, lane: Lane): void {
    if (lane.running === 0 && lane.waiting.length === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
  }
}
