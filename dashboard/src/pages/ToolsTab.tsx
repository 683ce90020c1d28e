// Tools: everything this account can expose, and what a server with a given method/tag filter would expose.
// The filtered list comes from the API (the same filter code the MCP servers use); the search box narrows it here.
import { useMemo, useState } from 'preact/hooks';
import { api, type ToolInfo } from '../api.ts';
import { ErrorAlert, Icon, KindBadge, Loading, Tags, type AsyncState, useAsync } from '../components/ui.tsx';
import { SchemaView } from '../components/SchemaView.tsx';
import { plural } from '../format.ts';
import { navigate } from '../router.tsx';
import { methodGroups, tagCounts, toolMatchesSearch } from '../tools.ts';

export function ToolsTab({ accountId, tools }: { accountId: string; tools: AsyncState<ToolInfo[]> }) {
  const [search, setSearch] = useState('');
  const [methods, setMethods] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [expanded, setExpanded] = useState({ open: false, generation: 0 });

  const filtering = methods.length > 0 || tags.length > 0;
  const filtered = useAsync(
    () => (filtering ? api.tools(accountId, { methods, tags }) : Promise.resolve(tools.data ?? [])),
    [accountId, methods.join(','), tags.join(','), tools.data],
  );

  const all = tools.data ?? [];
  const groups = useMemo(() => methodGroups(all), [all]);
  const tagOptions = useMemo(() => tagCounts(all), [all]);
  const matching = filtered.data ?? [];
  const shown = useMemo(() => matching.filter((tool) => toolMatchesSearch(tool, search)), [matching, search]);

  if (tools.error) return <ErrorAlert error={tools.error} title="The tools could not be loaded." />;
  if (!tools.data) return <Loading label="Loading tools…" />;

  const toggle = (list: string[], set: (next: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

  const createWithFilter = () => {
    const params = new URLSearchParams({ create: '1' });
    if (methods.length) params.set('methods', methods.join(','));
    if (tags.length) params.set('tags', tags.join(','));
    navigate(`/accounts/${encodeURIComponent(accountId)}/servers?${params}`);
  };

  return (
    <div class="stack">
      <section class="card" aria-labelledby="tool-filters-title">
        <div class="card-body filter-panel">
          <h2 id="tool-filters-title" class="visually-hidden">Filter tools</h2>
          <div class="field">
            <label for="tool-search">Search tools</label>
            <input id="tool-search" type="search" placeholder="Name, description or tag, e.g. candidate" value={search}
              onInput={(event) => setSearch(event.currentTarget.value)} aria-describedby="tool-count" />
          </div>
          <fieldset>
            <legend>Methods</legend>
            <div class="chips">
              {groups.map((group) => (
                <label class="chip-check" key={group.id}>
                  <input type="checkbox" name="methods" value={group.id} checked={methods.includes(group.id)}
                    onChange={() => toggle(methods, setMethods, group.id)} />
                  <span><span class="tick" aria-hidden="true">✓</span>{group.label} <span class="count">{group.count}<span class="visually-hidden"> {group.count === 1 ? 'tool' : 'tools'}</span></span></span>
                </label>
              ))}
            </div>
            <p class="hint">read = list and get · write = create, update and delete · custom = other actions. None selected means all.</p>
          </fieldset>
          <fieldset>
            <legend>Tags</legend>
            <div class="chips">
              {tagOptions.map(({ tag, count }) => (
                <label class="chip-check" key={tag}>
                  <input type="checkbox" name="tags" value={tag} checked={tags.includes(tag)} onChange={() => toggle(tags, setTags, tag)} />
                  <span><span class="tick" aria-hidden="true">✓</span>{tag} <span class="count">{count}<span class="visually-hidden"> {count === 1 ? 'tool' : 'tools'}</span></span></span>
                </label>
              ))}
            </div>
            <p class="hint">A tool passes when it has at least one selected tag. Methods and tags combine.</p>
          </fieldset>
        </div>
      </section>

      <div class="filter-summary" aria-live="polite">
        <p id="tool-count" data-testid="tool-count" data-count={filtered.loading ? undefined : matching.length}>
          {filtered.loading && filtering ? 'Applying the filter…' : (
            <>
              {filtering ? 'A server with this filter would expose ' : 'This account exposes '}
              <strong>{plural(matching.length, 'tool')}</strong>
              {filtering && ` of ${all.length}`}
              {search.trim() && matching.length !== shown.length && ` · ${shown.length} shown for “${search.trim()}”`}
            </>
          )}
        </p>
        <div class="row">
          {(methods.length > 0 || tags.length > 0 || search) && (
            <button type="button" class="btn btn-ghost btn-small" onClick={() => { setMethods([]); setTags([]); setSearch(''); }}>Clear filters</button>
          )}
          <button type="button" class="btn btn-secondary btn-small" onClick={() => setExpanded({ open: !expanded.open, generation: expanded.generation + 1 })}>
            {expanded.open ? 'Collapse all' : 'Expand all'}
          </button>
          <button type="button" class="btn btn-primary btn-small" onClick={createWithFilter} disabled={matching.length === 0}>
            <Icon name="plus" />
            {filtering ? 'Create MCP server with this filter' : 'Create MCP server'}
          </button>
        </div>
      </div>

      {filtered.error ? <ErrorAlert error={filtered.error} title="The filter could not be applied." />
        : matching.length === 0 && !filtered.loading ? (
          <div class="card">
            <div class="empty">
              <h3>No tool matches this filter</h3>
              <p class="muted">The API refuses to create an MCP server that would expose no tools. Select other methods or tags.</p>
            </div>
          </div>
        )
        : shown.length === 0 ? (
          <div class="card"><div class="empty"><h3>No tool matches “{search.trim()}”</h3><p class="muted">Try another word, or clear the search.</p></div></div>
        ) : (
          <ul class="tool-list" aria-label="Tools" role="list">
            {shown.map((tool) => (
              <li key={`${tool.name}-${expanded.generation}`}>
                <ToolCard tool={tool} open={expanded.open} />
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}

function ToolCard({ tool, open }: { tool: ToolInfo; open: boolean }) {
  return (
    <details class="tool" open={open} data-tool={tool.name}>
      <summary>
        <Icon name="chevron" />
        <span>
          <span class="tool-name">{tool.name}</span>
          {tool.title && <span class="tool-title"> — {tool.title}</span>}
        </span>
        <span class="tool-side">
          <KindBadge kind={tool.kind} method={tool.method} />
          {tool.annotations?.destructiveHint && <span class="badge badge-delete">destructive</span>}
          <Tags tags={tool.tags} />
        </span>
      </summary>
      <div class="tool-body">
        <p class="tool-description">{tool.description}</p>
        <SchemaView schema={tool.inputSchema} toolName={tool.name} />
      </div>
    </details>
  );
}
