// Switchboard in its own process, started as `switchboard serve` starts it: startServer with a Config read from
// the environment, JSON logs on stdout (the parent points stdout at a file it then scans). Tenants are created at
// start; their API tokens go to the parent over the IPC channel, never to stdout. Answers "memory" with
// process.memoryUsage(), after a full GC when asked (the parent starts it with --expose-gc) and "stop" with a graceful close.
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { createTenant } from '../../src/services/tenants.ts';

const send = (message: unknown) => process.send!(message);
const running = await startServer(loadConfig(process.env), { watchIntegrations: false });
const names = (process.env.TEST_TENANTS ?? 'Acme').split(',');
const tenants = [];
for (const name of names) {
  const { tenant, token } = await createTenant(running.store, name);
  tenants.push({ id: tenant.id, name, token });
}

process.on('message', (message: { type: string; gc?: boolean }) => {
  if (message.type === 'memory') {
    // With --expose-gc, measure after a full collection: heapUsed is then what is live, not what awaits collection.
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    send({ type: 'memory', ...process.memoryUsage() });
  }
  if (message.type === 'stop') void running.close().then(() => process.exit(0));
});
process.on('disconnect', () => void running.close().then(() => process.exit(0)));
send({ type: 'ready', url: running.url, tenants });
