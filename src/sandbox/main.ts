/**
 * Runs both sandboxes until interrupted:
 *   node src/sandbox/main.ts   (ports from PINPOINT_SANDBOX_PORT / POLYMER_SANDBOX_PORT, default 4010 / 4020)
 */
import { DEFAULT_PINPOINT_API_KEY, DEFAULT_POLYMER_API_KEY, startPinpointSandbox, startPolymerSandbox } from './index.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const pinpoint = await startPinpointSandbox({ host, port: portFromEnv('PINPOINT_SANDBOX_PORT', 4010) });
const polymer = await startPolymerSandbox({ host, port: portFromEnv('POLYMER_SANDBOX_PORT', 4020) });

console.log(`Pinpoint sandbox: ${pinpoint.url}  (header X-API-KEY: ${DEFAULT_PINPOINT_API_KEY})`);
console.log(`Polymer sandbox:  ${polymer.url}  (header Authorization: Bearer ${DEFAULT_POLYMER_API_KEY})`);

const shutdown = async () => {
  await Promise.all([pinpoint.close(), polymer.close()]);
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
