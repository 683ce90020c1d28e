// Child processes of the bench: every server and the load generator run in their own process (and event loop),
// talk to the orchestrator over IPC, and stop on a 'stop' message so that --cpu-prof profiles get written.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface Message {
  type: string;
  [key: string]: unknown;
}

export interface Child<Ready extends Message = Message> {
  name: string;
  pid: number;
  ready: Ready;
  process: ChildProcess;
  /** Sends a message and waits for the first reply of the given type. */
  ask<Reply extends Message>(message: Message, replyType: string, timeoutMs?: number): Promise<Reply>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  execArgv?: string[];
  /** How long the child may take to report ready. */
  timeoutMs?: number;
  /** Where the child's stdout goes: inherited, dropped, or an open file descriptor (e.g. a log file). */
  stdout?: 'inherit' | 'ignore' | number;
}

const here = fileURLToPath(new URL('..', import.meta.url));

/** Forks bench/<script> with IPC and waits for its {type: 'ready'} message. */
export async function spawnChild<Ready extends Message = Message>(name: string, script: string, options: SpawnOptions = {}): Promise<Child<Ready>> {
  const child = fork(`${here}${script}`, [], {
    env: { ...process.env, ...options.env },
    execArgv: ['--no-warnings', ...(options.execArgv ?? [])],
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
    child.on('message', (message: Message) => {
      if (message.type === 'ready') { clearTimeout(timer); resolve(message as Ready); }
      if (message.type === 'error') { clearTimeout(timer); reject(new Error(`${name}: ${String(message.message)}`)); }
    });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`)); });
  });
  return {
    name,
    pid: child.pid!,
    ready,
    process: child,
    ask<Reply extends Message>(message: Message, replyType: string, timeoutMs = 30 * 60_000): Promise<Reply> {
      return new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => { cleanup(); reject(new Error(`${name} did not answer ${message.type} within ${timeoutMs} ms`)); }, timeoutMs);
        const onMessage = (reply: Message) => {
          if (reply.type === replyType) { cleanup(); resolve(reply as Reply); }
          if (reply.type === 'error') { cleanup(); reject(new Error(`${name}: ${String(reply.message)}`)); }
        };
        const onExit = () => { cleanup(); reject(new Error(`${name} exited while answering ${message.type}`)); };
        const cleanup = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(message);
      });
    },
    async stop() {
      if (exited) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/** For child scripts: report ready, answer 'stop' by running `close` then exiting normally. */
export function serveParent(ready: Message, close: () => Promise<void> | void, handlers: Record<string, (message: Message) => Promise<Message> | Message> = {}): void {
  process.on('message', (message: Message) => {
    if (message.type === 'stop') {
      void (async () => {
        try { await close(); } finally { process.exit(0); }
      })();
      return;
    }
    const handler = handlers[message.type];
    if (!handler) return;
    Promise.resolve().then(() => handler(message)).then(
      (reply) => process.send!(reply),
      (error: Error) => process.send!({ type: 'error', message: error.stack ?? error.message }),
    );
  });
  // The orchestrator died: do not linger.
  process.on('disconnect', () => process.exit(0));
  process.send!(ready);
}

/** For child scripts: report a start-up failure to the orchestrator and exit. */
export function failStart(error: unknown): never {
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  if (process.send) process.send({ type: 'error', message });
  else console.error(message);
  process.exit(1);
}

/** Resident set size of a process in bytes, from /proc (Linux); undefined elsewhere or when it is gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux); undefined elsewhere. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const clockTicksPerSecond = 100;

/** Serves a contender's MCP endpoint on a free loopback port and tells the parent its URL; `cleanup` runs on close. */
export async function serveMcpForParent(server: Server, cleanup: () => Promise<void>): Promise<void> {
  server.keepAliveTimeout = 60_000;
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    serveParent({ type: 'ready', url: `http://127.0.0.1:${port}/mcp` }, async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cleanup();
    });
  } catch (error) {
    failStart(error);
  }
}
