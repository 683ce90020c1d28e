// Cross-node invalidation on PostgreSQL alone: NOTIFY mcp_server_changes after a change, and one dedicated LISTEN
// connection per node. PostgreSQL delivers a notification to every listening session, this node's included.
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { Invalidation } from '../services/access.ts';
import type { PostgresStore } from '../store/postgres.ts';
import { BusListeners, changesChannel, encodeChange, publishReliably } from './bus.ts';
import { SubscriptionSupervisor, type Subscription, type SubscriptionHandlers } from './subscription.ts';
import type { ChangeListener, InvalidationBus } from './types.ts';

export class PgInvalidationBus implements InvalidationBus {
  private readonly store: PostgresStore;
  private readonly logger: Logger;
  private readonly listeners = new BusListeners();
  private readonly supervisor: SubscriptionSupervisor;
  private closed = false;

  constructor(options: { store: PostgresStore; logger: Logger }) {
    this.store = options.store;
    this.logger = options.logger;
    this.supervisor = new SubscriptionSupervisor({
      name: `PostgreSQL LISTEN ${changesChannel} at ${this.store.target}`,
      connect: (handlers) => listen(this.store.connectionString, handlers),
      listeners: this.listeners,
      logger: this.logger,
    });
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
    return publishReliably(async () => {
      await this.store.pool.query('SELECT pg_notify($1, $2)', [changesChannel, encodeChange(change)]);
    }, this.logger, () => this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.supervisor.close();
  }
}

async function listen(connectionString: string, handlers: SubscriptionHandlers): Promise<Subscription> {
  const client = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: 'switchboard-listen' });
  client.on('notification', (message) => {
    if (message.channel === changesChannel) handlers.message(message.payload ?? '');
  });
  client.on('error', (error) => handlers.lost(error));
  client.on('end', () => handlers.lost());
  try {
    await client.connect();
    await client.query(`LISTEN ${changesChannel}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    ping: async () => {
      await client.query('SELECT 1');
    },
    close: () => client.end(),
  };
}
