// Cross-node invalidation on PostgreSQL alone: NOTIFY mcp_server_changes after a change, and one dedicated LISTEN
// connection per node. PostgreSQL delivers a notification to every listening session, this node's included.
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { Invalidation } from './types.ts';
import type { PostgresStore } from '../store/postgres.ts';
import { changesChannel, encodeChange } from './bus.ts';
import { SupervisedBus, type Subscription, type SubscriptionHandlers } from './subscription.ts';

export class PgInvalidationBus extends SupervisedBus {
  private readonly store: PostgresStore;

  constructor(options: { store: PostgresStore; logger: Logger }) {
    super({
      name: `PostgreSQL LISTEN ${changesChannel} at ${options.store.target}`,
      connect: (handlers) => listen(options.store.connectionString, handlers),
      logger: options.logger,
    });
    this.store = options.store;
  }

  protected async send(change: Invalidation): Promise<void> {
    await this.store.pool.query('SELECT pg_notify($1, $2)', [changesChannel, encodeChange(change)]);
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
