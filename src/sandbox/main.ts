/**
 * Runs every sandbox until interrupted:
 *   node src/sandbox/main.ts   (ports from <INTEGRATION>_SANDBOX_PORT, e.g. PINPOINT_SANDBOX_PORT; defaults 4010, 4020, …)
 */
import { portVariable, sandboxes } from './index.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const running = await Promise.all(sandboxes.map(async (entry) => {
  const sandbox = await entry.start({ host, port: portFromEnv(portVariable(entry, '', '_SANDBOX_PORT'), entry.defaultPort) });
  console.log(`${`${entry.label} sandbox:`.padEnd(18)} ${sandbox.url}  (${entry.keyHint(entry.defaultApiKey)})`);
  return sandbox;
}));

const shutdown = async () => {
  await Promise.all(running.map((sandbox) => sandbox.close()));
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
