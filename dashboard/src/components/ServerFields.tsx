// The fields of an MCP server (create and edit): name, method and tag filters, exposure, authentication, expiry. Validation is the API's: its messages are shown next to the fields they concern.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, type McpServer, type McpServerConfig, type ToolInfo } from '../api.ts';
import { formatDateTime, fromNow, plural, toLocalInput } from '../format.ts';
import { exactMethods, methodFilters, methodGroups, tagCounts } from '../tools.ts';
import { authModeOf, type AuthMode } from '../../../src/mcp/auth-mode.ts';
import { defaultExpiresAt, ExpiryField, type Expiry } from './ExpiryField.tsx';

export interface ServerDraft extends Expiry {
  name: string;
  methods: string[];
  tags: string[];
  auth: AuthMode;
  exposure: 'all' | 'discovery';
}

export function newDraft(initial: Partial<ServerDraft> = {}): ServerDraft {
  return { name: '', methods: [], tags: [], auth: 'url', exposure: 'all', expiry: 'never', expiresAt: defaultExpiresAt(), ...initial };
}

export function draftFromServer(server: McpServer): ServerDraft {
  return newDraft({
    name: server.name,
    methods: server.config.methods ?? [],
    tags: server.config.tags ?? [],
    auth: authModeOf(server.config),
    exposure: server.config.tool_exposure ?? 'all',
    expiry: 'keep',
    expiresAt: server.expires_at ? toLocalInput(new Date(server.expires_at)) : defaultExpiresAt(),
  });
}

export function configOf(draft: ServerDraft, forPatch: boolean): McpServerConfig {
  const config: McpServerConfig = { auth: draft.auth, tool_exposure: draft.exposure };
  // PATCH merges top-level config keys, so an emptied list must be sent to clear it.
  if (draft.methods.length || forPatch) config.methods = draft.methods;
  if (draft.tags.length || forPatch) config.tags = draft.tags;
  return config;
}

export function ServerFields({ idPrefix, accountId, tools, draft, onChange, error, current }: {
  idPrefix: string;
  accountId: string;
  tools: ToolInfo[];
  draft: ServerDraft;
  onChange: (draft: ServerDraft) => void;
  error: unknown;
  /** The server being edited, for the "keep" expiry option. */
  current?: McpServer;
}) {
  const set = <K extends keyof ServerDraft>(key: K, value: ServerDraft[K]) => onChange({ ...draft, [key]: value });
  const toggle = (key: 'methods' | 'tags', value: string) =>
    set(key, draft[key].includes(value) ? draft[key].filter((item) => item !== value) : [...draft[key], value]);
  const problem = (...fields: string[]) => (error instanceof ApiError ? fields.map((field) => error.fieldMessage(field)).find(Boolean) : undefined);
  const id = (name: string) => `${idPrefix}-${name}`;
  const groups = useMemo(() => methodGroups(tools), [tools]);
  const tagOptions = useMemo(() => tagCounts(tools), [tools]);
  const exact = useMemo(() => exactMethods(tools), [tools]);
  const groupIds: string[] = methodFilters.map((group) => group.id);
  const exactChosen = draft.methods.filter((method) => !groupIds.includes(method));
  const preview = useMatchCount(accountId, draft.methods, draft.tags);

  const nameProblem = problem('name');
  const methodsProblem = problem('config.methods', 'methods');
  const tagsProblem = problem('config.tags', 'tags');
  const exposureProblem = problem('config.tool_exposure');
  const expiryProblem = problem('expires_at');

  return (
    <div class="form">
      <div class="field">
        <label for={id('name')}>Name</label>
        <input id={id('name')} name="name" type="text" value={draft.name} autoComplete="off" placeholder="e.g. Recruiting assistant (read-only)"
          onInput={(event) => set('name', event.currentTarget.value)}
          aria-invalid={nameProblem ? 'true' : undefined} aria-describedby={nameProblem ? id('name-error') : undefined} />
        {nameProblem && <p class="field-error" id={id('name-error')}>{nameProblem}</p>}
      </div>

      <fieldset aria-describedby={`${id('methods-hint')}${methodsProblem ? ` ${id('methods-error')}` : ''}`}>
        <legend>Methods</legend>
        <div class="checks">
          {groups.map((group) => (
            <label class="check" key={group.id}>
              <input type="checkbox" name="methods" value={group.id} checked={draft.methods.includes(group.id)} onChange={() => toggle('methods', group.id)}
                aria-invalid={methodsProblem ? 'true' : undefined} />
              <span>
                {group.id === 'read' ? 'Read' : group.id === 'write' ? 'Write' : 'Custom'}
                <span class="hint">{group.id === 'read' ? 'list and get' : group.id === 'write' ? 'create, update, delete' : 'other actions'} · {plural(group.count, 'tool')}</span>
              </span>
            </label>
          ))}
        </div>
        <details class="exact-methods" open={exactChosen.length > 0}>
          <summary>Exact methods{exactChosen.length > 0 ? ` (${exactChosen.length} selected)` : ''}</summary>
          <div class="chips">
            {exact.map(({ method, count }) => (
              <label class="chip-check" key={method}>
                <input type="checkbox" name="exact-methods" value={method} checked={draft.methods.includes(method)} onChange={() => toggle('methods', method)} />
                <span><span class="tick" aria-hidden="true">✓</span>{method.replace(/_/g, ' ')} <span class="count">{count}<span class="visually-hidden"> {count === 1 ? 'tool' : 'tools'}</span></span></span>
              </label>
            ))}
          </div>
        </details>
        <p class="hint" id={id('methods-hint')}>None selected exposes every method. Choose only Read for a read-only server. A tool passes when it matches any selected group or exact method.</p>
        {methodsProblem && <p class="field-error" id={id('methods-error')}>{methodsProblem}</p>}
      </fieldset>

      <fieldset aria-describedby={`${id('tags-hint')}${tagsProblem ? ` ${id('tags-error')}` : ''}`}>
        <legend>Tags</legend>
        <div class="chips">
          {tagOptions.map(({ tag, count }) => (
            <label class="chip-check" key={tag}>
              <input type="checkbox" name="tags" value={tag} checked={draft.tags.includes(tag)} onChange={() => toggle('tags', tag)}
                aria-invalid={tagsProblem ? 'true' : undefined} />
              <span><span class="tick" aria-hidden="true">✓</span>{tag} <span class="count">{count}<span class="visually-hidden"> {count === 1 ? 'tool' : 'tools'}</span></span></span>
            </label>
          ))}
          {/* Tags kept from an earlier config that no tool carries any more stay visible so they can be removed. */}
          {draft.tags.filter((tag) => !tagOptions.some((option) => option.tag === tag)).map((tag) => (
            <label class="chip-check" key={tag}>
              <input type="checkbox" name="tags" value={tag} checked onChange={() => toggle('tags', tag)} />
              <span><span class="tick" aria-hidden="true">✓</span>{tag} <span class="count">0</span></span>
            </label>
          ))}
        </div>
        <p class="hint" id={id('tags-hint')}>None selected exposes every area. A tool passes when it has at least one selected tag.</p>
        {tagsProblem && <p class="field-error" id={id('tags-error')}>{tagsProblem}</p>}
      </fieldset>

      <div class={`alert ${preview.count === 0 ? 'alert-warning' : 'alert-info'}`} aria-live="polite" data-testid={`${idPrefix}-preview`}>
        <span class="alert-icon" aria-hidden="true">{preview.count === 0 ? '!' : 'i'}</span>
        <p>
          {preview.count === undefined ? 'Counting matching tools…'
            : preview.count === 0 ? 'No tool matches these methods and tags: the server cannot be created.'
            : <>This server will expose <strong>{plural(preview.count, 'tool')}</strong>{draft.exposure === 'discovery' ? ' through three discovery tools' : ''}.</>}
        </p>
      </div>

      <fieldset aria-describedby={exposureProblem ? id('exposure-error') : undefined}>
        <legend>Tool exposure</legend>
        <label class="check">
          <input type="radio" name={id('exposure')} value="all" checked={draft.exposure === 'all'} onChange={() => set('exposure', 'all')} />
          <span>All tools<span class="hint">tools/list returns every matching tool. Best for small tool sets.</span></span>
        </label>
        <label class="check">
          <input type="radio" name={id('exposure')} value="discovery" checked={draft.exposure === 'discovery'} onChange={() => set('exposure', 'discovery')} />
          <span>Discovery<span class="hint">tools/list returns search_tools, get_tool_schema and call_tool, which reach the matching tools on demand: keeps the agent's context small.</span></span>
        </label>
        {exposureProblem && <p class="field-error" id={id('exposure-error')}>{exposureProblem}</p>}
      </fieldset>

      <fieldset>
        <legend>Authentication</legend>
        <label class="check">
          <input type="radio" name={id('auth')} value="url" checked={draft.auth === 'url'} onChange={() => set('auth', 'url')} />
          <span>URL only<span class="hint">The URL is the secret: whoever has it can use these tools.</span></span>
        </label>
        <label class="check">
          <input type="radio" name={id('auth')} value="oauth" checked={draft.auth === 'oauth'} onChange={() => set('auth', 'oauth')} />
          <span>Sign-in (OAuth)<span class="hint">Besides the URL, a member of this team signs in and allows the client. For Claude.ai and ChatGPT connectors; each connected client is listed and can be disconnected.</span></span>
        </label>
        <label class="check">
          <input type="radio" name={id('auth')} value="api_token" checked={draft.auth === 'api_token'} onChange={() => set('auth', 'api_token')} />
          <span>API token<span class="hint">Besides the URL, clients must send <code>Authorization: Bearer &lt;API token&gt;</code>. For scripts and clients that can send headers.</span></span>
        </label>
      </fieldset>

      <ExpiryField id={idPrefix} value={draft} onChange={(expiry) => onChange({ ...draft, ...expiry })} problem={expiryProblem}
        hint="The URL stops working at that moment and the server is deleted." choices={['1h', '24h', '7d', '30d']}
        keepLabel={current && (current.expires_at ? `Keep: ${formatDateTime(current.expires_at)} (${fromNow(current.expires_at)})` : 'Keep: never')} />
    </div>
  );
}

/** How many tools the API says a filter selects; undefined while asking. */
function useMatchCount(accountId: string, methods: string[], tags: string[]): { count: number | undefined } {
  const [count, setCount] = useState<number | undefined>();
  const key = `${methods.join(',')}|${tags.join(',')}`;
  useEffect(() => {
    let live = true;
    setCount(undefined);
    const timer = setTimeout(() => {
      api.tools(accountId, { methods, tags }).then((tools) => live && setCount(tools.length), () => live && setCount(undefined));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId, key]);
  return { count };
}
