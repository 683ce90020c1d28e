// Logs: the MCP request log of this account (metadata only: never arguments or results), filterable, with a chart.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type LogEntry, type LogQuery, type McpServer, type ToolInfo } from '../api.ts';
import { LogChart } from '../components/LogChart.tsx';
import { EmptyState, ErrorAlert, Icon, Loading, useAsync } from '../components/ui.tsx';
import { formatDateTime, formatTime, plural } from '../format.ts';
import { bucketize, ranges, summarize, type RangeId } from '../logs.ts';

const rpcMethods = ['initialize', 'tools/list', 'tools/call', 'ping', 'notifications/initialized'];
const maxPages = 10;
const pageSize = 50;

interface Filters {
  range: RangeId;
  server: string;
  rpcMethod: string;
  tool: string;
  client: string;
  errorsOnly: boolean;
}

async function loadLogs(query: LogQuery): Promise<{ entries: LogEntry[]; truncated: boolean }> {
  const entries: LogEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const next = await api.logs({ ...query, limit: 100, ...(cursor ? { cursor } : {}) });
    entries.push(...next.result);
    if (!next.next_cursor) return { entries, truncated: false };
    cursor = next.next_cursor;
  }
  return { entries, truncated: true };
}

export function LogsTab({ accountId, tools }: { accountId: string; tools: ToolInfo[] }) {
  const [filters, setFilters] = useState<Filters>({ range: '24h', server: '', rpcMethod: '', tool: '', client: '', errorsOnly: false });
  const [client, setClient] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [visible, setVisible] = useState(pageSize);
  const servers = useAsync(() => api.servers(accountId), [accountId]);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((current) => ({ ...current, [key]: value }));

  useEffect(() => setVisible(pageSize), [filters, now]);

  // The client name is typed: wait for a pause before asking.
  useEffect(() => {
    const timer = setTimeout(() => set('client', client.trim()), 350);
    return () => clearTimeout(timer);
  }, [client]);

  const since = new Date(now - ranges[filters.range].span).toISOString();
  const logs = useAsync(() => loadLogs({
    integrated_account_id: accountId,
    since,
    ...(filters.server ? { mcp_server_id: filters.server } : {}),
    ...(filters.rpcMethod ? { rpc_method: filters.rpcMethod } : {}),
    ...(filters.tool ? { tool_name: filters.tool } : {}),
    ...(filters.client ? { client_name: filters.client } : {}),
  }), [accountId, since, filters.server, filters.rpcMethod, filters.tool, filters.client]);

  const entries = useMemo(() => (logs.data?.entries ?? []).filter((entry) => !filters.errorsOnly || entry.is_error), [logs.data, filters.errorsOnly]);
  const buckets = useMemo(() => bucketize(entries, filters.range, now), [entries, filters.range, now]);
  const summary = useMemo(() => summarize(entries), [entries]);
  const serverName = useMemo(() => {
    const names = new Map((servers.data ?? []).map((server: McpServer) => [server.id, server.name]));
    return (id: string) => names.get(id);
  }, [servers.data]);
  const toolNames = useMemo(() => [...new Set([...tools.map((tool) => tool.name), 'search_tools', 'get_tool_schema', 'call_tool'])].sort(), [tools]);

  return (
    <div class="stack">
      <section class="card" aria-labelledby="log-filters-title">
        <div class="card-body stack">
          <div class="spread">
            <h2 id="log-filters-title">MCP request log</h2>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setNow(Date.now())}><Icon name="refresh" />Refresh</button>
          </div>
          <div class="filters-grid">
            <FilterSelect id="log-range" label="Time range" value={filters.range} onChange={(value) => set('range', value as RangeId)}
              options={(Object.keys(ranges) as RangeId[]).map((id) => [id, ranges[id].label])} />
            <FilterSelect id="log-server" label="MCP server" all="All servers" value={filters.server} onChange={(value) => set('server', value)}
              options={(servers.data ?? []).map((server) => [server.id, server.name])} />
            <FilterSelect id="log-method" label="Request" all="All requests" value={filters.rpcMethod} onChange={(value) => set('rpcMethod', value)}
              options={rpcMethods.map((method) => [method, method])} />
            <FilterSelect id="log-tool" label="Tool" all="All tools" value={filters.tool} onChange={(value) => set('tool', value)}
              options={toolNames.map((name) => [name, name])} />
            <div class="field">
              <label for="log-client">Client name</label>
              <input id="log-client" type="search" value={client} placeholder="e.g. claude-ai" onInput={(event) => setClient(event.currentTarget.value)} />
            </div>
            <label class="check">
              <input type="checkbox" checked={filters.errorsOnly} onChange={(event) => set('errorsOnly', event.currentTarget.checked)} />
              <span>Errors only</span>
            </label>
          </div>
        </div>
      </section>

      {logs.error ? <ErrorAlert error={logs.error} title="The log could not be loaded." />
        : !logs.data ? <Loading label="Loading the log…" />
        : (
          <>
            <section class="card" aria-label="Calls over time">
              <div class="card-body stack">
                <div class="stats" data-testid="log-stats">
                  <div class="stat-box"><div class="value" data-testid="log-calls">{summary.calls}</div><div class="label">Requests</div></div>
                  <div class="stat-box"><div class="value">{summary.errors}</div><div class="label">Errors</div></div>
                  <div class="stat-box"><div class="value">{(summary.errorRate * 100).toFixed(summary.errorRate && summary.errorRate < 0.1 ? 1 : 0)}%</div><div class="label">Error rate</div></div>
                  <div class="stat-box"><div class="value">{summary.p50 === undefined ? '—' : `${summary.p50} ms`}</div><div class="label">Median latency</div></div>
                  <div class="stat-box"><div class="value">{summary.p95 === undefined ? '—' : `${summary.p95} ms`}</div><div class="label">95th percentile</div></div>
                </div>
                <LogChart buckets={buckets} range={filters.range} />
                {logs.data.truncated && <p class="muted small">Showing the latest {plural(logs.data.entries.length, 'request')}; narrow the filters to see older ones.</p>}
              </div>
            </section>

            {entries.length === 0 ? (
              <div class="card">
                <EmptyState title="No requests in this range">
                  Requests appear here when an agent uses one of this account's MCP servers. Only metadata is logged: never arguments or results.
                </EmptyState>
              </div>
            ) : (
              <div class="card table-wrap">
                <table class="table" aria-label="MCP requests" data-testid="log-table">
                  <thead>
                    <tr>
                      <th scope="col">Time</th>
                      <th scope="col">Server</th>
                      <th scope="col">Request</th>
                      <th scope="col">Tool</th>
                      <th scope="col">Result</th>
                      <th scope="col" class="num">Latency</th>
                      <th scope="col">Client</th>
                      <th scope="col">Signed in</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.slice(0, visible).map((entry, index) => (
                      <tr key={entry.id ?? `${entry.time}-${index}`}>
                        <td class="nowrap"><time dateTime={entry.time} title={formatDateTime(entry.time)}>{formatTime(entry.time)}</time></td>
                        <td class="small">{serverName(entry.mcp_server_id) ?? <span class="muted mono" title="Revoked or expired server">{entry.mcp_server_id.slice(0, 8)}…</span>}</td>
                        <td class="mono small">{entry.rpc_method}</td>
                        <td class="mono small">{entry.tool_name ?? <span class="muted">—</span>}</td>
                        <td class="nowrap">
                          {entry.is_error ? <span class="badge badge-danger">Error</span> : <span class="badge badge-success">OK</span>}
                          {entry.upstream_status !== null && <span class="muted small"> {entry.upstream_status}</span>}
                        </td>
                        <td class="num">{entry.latency_ms} ms</td>
                        <td class="small">{entry.client_name ? `${entry.client_name}${entry.client_version ? ` ${entry.client_version}` : ''}` : <span class="muted">—</span>}</td>
                        <td class="small" data-testid="log-user">
                          {entry.user_email ? <>{entry.user_email}{entry.oauth_client_name && <div class="muted">via {entry.oauth_client_name}</div>}</> : <span class="muted">—</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {entries.length > visible && (
                  <div class="card-footer spread">
                    <p class="muted small">Showing {visible} of {plural(entries.length, 'request')}.</p>
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => setVisible(visible + pageSize)}>Show {Math.min(pageSize, entries.length - visible)} more</button>
                  </div>
                )}
              </div>
            )}
          </>
        )}
    </div>
  );
}

/** A labelled filter: the "All …" choice (empty value) when given, then one option per [value, label]. */
function FilterSelect({ id, label, all, value, options, onChange }: {
  id: string;
  label: string;
  all?: string;
  value: string;
  options: [value: string, label: string][];
  onChange: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map(([optionValue, optionLabel]) => <option key={optionValue} value={optionValue}>{optionLabel}</option>)}
      </select>
    </div>
  );
}
