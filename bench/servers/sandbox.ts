// The upstream every contender calls: the Polymer sandbox in its own process, with rate limiting off and its request
// log emptied every second (it keeps every request otherwise, which would grow without bound over a soak).
import { failStart, serveParent } from '../lib/proc.ts';

export const benchApiKey = 'bench-polymer-key';

interface RunningSandbox {
  url: string;
  requests: unknown[];
  setRateLimit(limit: null): void;
  close(): Promise<void>;
}

try {
  const { startPolymerSandbox } = await import('../../src/sandbox/index.ts') as { startPolymerSandbox(options: object): Promise<RunningSandbox> };
  const sandbox = await startPolymerSandbox({ rateLimit: null, apiKeys: [benchApiKey] });
  sandbox.setRateLimit(null);
  const trim = setInterval(() => { sandbox.requests.length = 0; }, 1000);
  trim.unref();
  // One real record for the benchmarked call: the first job application the sandbox lists.
  const listed = await fetch(`${sandbox.url}/job_applications?per_page=1`, { headers: { authorization: `Bearer ${benchApiKey}`, accept: 'application/json' } });
  if (!listed.ok) throw new Error(`listing job applications answered ${listed.status}: ${await listed.text()}`);
  const page = await listed.json() as { items?: { id: string | number }[] };
  const id = page.items?.[0]?.id;
  if (id === undefined) throw new Error(`the sandbox listed no job application: ${JSON.stringify(page).slice(0, 200)}`);
  serveParent({ type: 'ready', url: sandbox.url, apiKey: benchApiKey, recordId: String(id) }, () => sandbox.close());
} catch (error) {
  failStart(error);
}
