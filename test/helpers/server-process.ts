// Starts test/helpers/server-child.ts: Switchboard as a separate process, so a test can watch its memory from
// outside, see it survive (or not), and read the log file it writes like any operator would.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const childScript = new URL('./server-child.ts', import.meta.url).pathname;
const testIntegrations = new URL('../api/fixtures/integrations/', import.meta.url).pathname;

export interface ChildTenant {
  id: string;
  name: string;
  /** The tenant's admin API token (clear: tests use it and scan for it). */
  token: string;
}

/** process.memoryUsage() of the server, in bytes. */
export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JavaScript ones, Buffers included. */
  external: number;
  arrayBuffers: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  tenants: ChildTenant[];
  dataDir: string;
  logFile: string;
  /** Resident set size and heap of the server process in bytes; by default after a full GC (live heap only). */
  memory(options?: { gc?: boolean }): Promise<MemoryUsage>;
  /** Null while it runs; its exit code or signal once it ended. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** The server's log output so far. */
  logs(): string;
  /** Graceful stop (in-flight requests finish); resolves with the exit code. The files stay for inspection. */
  stop(): Promise<number | null>;
  /** stop(), then removes the data directory and the log. */
  dispose(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Environment for loadConfig, on top of PORT=0, a fresh data directory and the fixture integrations. */
  env?: Record<string, string>;
  /** Names of tenants created at start (default one, "Acme"). */
  tenants?: string[];
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-proc-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const child: ChildProcess = fork(childScript, [], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_INTEGRATIONS_DIR: testIntegrations,
      LOG_LEVEL: 'info',
      TEST_TENANTS: (options.tenants ?? ['Acme']).join(','),
      ...options.env,
    },
    stdio: ['ignore', log, 'pipe', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  closeSync(log);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const ended = new Promise<void>((resolve) => child.once('exit', (code, signal) => { exit = { code, signal }; resolve(); }));

  const ready = await new Promise<{ url: string; tenants: ChildTenant[] }>((resolve, reject) => {
    child.once('message', (message: { type: string; url: string; tenants: ChildTenant[] }) => resolve(message));
    void ended.then(() => reject(new Error(`the server process exited before it was ready (${JSON.stringify(exit)}):\n${stderr}\n${readFileSync(logFile, 'utf8')}`)));
  });

  const memoryAnswers: ((value: MemoryUsage) => void)[] = [];
  child.on('message', (message: { type: string } & MemoryUsage) => {
    if (message.type === 'memory') memoryAnswers.shift()?.({ rss: message.rss, heapUsed: message.heapUsed, external: message.external, arrayBuffers: message.arrayBuffers });
  });

  const handle: ServerProcess = {
    url: ready.url,
    pid: child.pid!,
    tenants: ready.tenants,
    dataDir,
    logFile,
    memory: ({ gc = true } = {}) => new Promise((resolve) => {
      memoryAnswers.push(resolve);
      child.send({ type: 'memory', gc });
    }),
    exited: () => exit,
    logs: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (!exit) {
        child.send({ type: 'stop' });
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await ended;
        clearTimeout(force);
      }
      return (exit as { code: number | null } | null)?.code ?? null;
    },
    async dispose() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
