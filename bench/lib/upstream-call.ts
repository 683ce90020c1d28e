// The one upstream call the floor and sdk contenders proxy: settings from the bench's environment, a pooled undici
// agent, and the record fetched as text with whether upstream called it an error.
import { Agent, request } from 'undici';

export const toolName = process.env.BENCH_TOOL_NAME!;
const upstream = process.env.BENCH_UPSTREAM_URL!;
/** e.g. /job_applications/{id} */
const toolPath = process.env.BENCH_TOOL_PATH!;
const headers = { authorization: `Bearer ${process.env.BENCH_API_KEY!}`, accept: 'application/json' };
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

export async function fetchRecord(id: string): Promise<{ text: string; isError: boolean }> {
  const response = await request(`${upstream}${toolPath.replace('{id}', encodeURIComponent(id))}`, { method: 'GET', headers, dispatcher: agent });
  return { text: await response.body.text(), isError: response.statusCode >= 400 };
}

export const closeUpstream = () => agent.close();
