// Keeps one subscription to the changes channel alive, for either bus: connects, pings it every heartbeatMs (a
// subscription can die without a word, e.g. behind a dropped NAT entry), and reconnects with backoff when it is lost.
// While it is down the listeners are not live, so caches fall back to their short lifetime.
import type { Logger } from '../logger.ts';
import type { Invalidation } from './types.ts';
import { BusListeners, decodeChange, heartbeatMs, heartbeatTimeoutMs, publishReliably, reconnectDelaysMs, withTimeout } from './bus.ts';
import type { ChangeListener, InvalidationBus } from './types.ts';

export interface Subscription {
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SubscriptionHandlers {
  message(text: string): void;
  /** The connection failed or ended on its own. */
  lost(error?: Error): void;
}

export interface SupervisorOptions {
  /** e.g. "PostgreSQL LISTEN at db:5432/switchboard", for logs. */
  name: string;
  /** Opens the connection and subscribes; resolves once messages are being received. */
  connect(handlers: SubscriptionHandlers): Promise<Subscription>;
  listeners: BusListeners;
  logger: Logger;
}

export class SubscriptionSupervisor {
  private readonly options: SupervisorOptions;
  private current: Subscription | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnecting = false;
  private closed = false;

  constructor(options: SupervisorOptions) {
    this.options = options;
  }

  /** The first subscription; rejects when it cannot be made, so a node does not start half-connected. */
  async start(): Promise<void> {
    await this.connect();
    this.heartbeat = setInterval(() => void this.check(), heartbeatMs);
    this.heartbeat.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    const current = this.current;
    this.current = undefined;
    this.options.listeners.setLive(false);
    await current?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    let subscription: Subscription | undefined;
    subscription = await this.options.connect({
      message: (text) => this.options.listeners.change(decodeChange(text)),
      lost: (error) => {
        if (subscription !== undefined && subscription === this.current) this.lose(error);
      },
    });
    if (this.closed) {
      await subscription.close();
      return;
    }
    this.current = subscription;
    this.options.listeners.setLive(true);
  }

  private async check(): Promise<void> {
    const current = this.current;
    if (!current || this.reconnecting) return;
    try {
      await withTimeout(current.ping(), heartbeatTimeoutMs, this.options.name);
    } catch (error) {
      if (current === this.current) this.lose(error as Error);
    }
  }

  private lose(error: Error | undefined): void {
    if (this.closed || this.reconnecting) return;
    this.options.logger.error({ err: error, subscription: this.options.name }, 'lost the cache invalidation subscription; caches fall back to one second until it is back');
    const lost = this.current;
    this.current = undefined;
    this.options.listeners.setLive(false);
    void lost?.close().catch(() => undefined);
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    this.reconnecting = true;
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, reconnectDelaysMs[Math.min(attempt, reconnectDelaysMs.length - 1)]).unref());
      if (this.closed) break;
      try {
        await this.connect();
        this.options.logger.info({ subscription: this.options.name, attempts: attempt + 1 }, 'cache invalidation subscription is back');
        break;
      } catch {
        // still unreachable: the next delay is longer
      }
    }
    this.reconnecting = false;
  }
}

/** An invalidation bus whose receiving side is one supervised subscription; backends supply connect and send. */
export abstract class SupervisedBus implements InvalidationBus {
  protected readonly logger: Logger;
  private readonly listeners = new BusListeners();
  private readonly supervisor: SubscriptionSupervisor;
  private closed = false;

  constructor(options: { name: string; connect: SupervisorOptions['connect']; logger: Logger }) {
    this.logger = options.logger;
    this.supervisor = new SubscriptionSupervisor({ name: options.name, connect: options.connect, listeners: this.listeners, logger: this.logger });
  }

  get live(): boolean {
    return this.listeners.live;
  }

  start(): Promise<void> {
    return this.supervisor.start();
  }

  subscribe(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  publish(change: Invalidation): Promise<void> {
    return publishReliably(() => this.send(change), this.logger, () => this.closed);
  }

  /** Publishes once and rejects when that fails: for one-shot processes (the CLI), which cannot retry later. */
  publishOnce(change: Invalidation): Promise<void> {
    return this.send(change);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.supervisor.close();
  }

  protected abstract send(change: Invalidation): Promise<void>;
}
