// The one upstream call that checks a key entered on a connect page before the account is saved: the definition's
// cheapest read, i.e. its first read-only list tool that needs no argument, asked for one record (else its first
// read-only tool that needs no argument). A key the API refuses (401, 403), or client credentials the token endpoint
// refuses, are reported on the credentials' fields. Tokens obtained for the check are not kept (the account does not
// exist yet).
import type { Engine } from '../execution/engine.ts';
import type { AccountConnection } from '../execution/types.ts';
import type { Integration } from '../tools/catalog.ts';
import type { Tool } from '../tools/types.ts';

export type CheckResult = { ok: true; tool: string | undefined } | { ok: false; refused: boolean; message: string };

/** The read a key is checked with, or undefined when the definition has no read that needs no argument. */
export function cheapestRead(integration: Integration): Tool | undefined {
  const free = integration.tools.filter((tool) => tool.readOnly && ((tool.inputSchema.required as string[] | undefined) ?? []).length === 0
    && Object.keys(tool.switchboardFilters).length === 0);
  return free.find((tool) => tool.kind === 'list' && tool.paginated) ?? free[0];
}

export async function checkCredentials(engine: Engine, integration: Integration, account: AccountConnection): Promise<CheckResult> {
  const tool = cheapestRead(integration);
  if (!tool) return { ok: true, tool: undefined };
  const outcome = await engine.execute({
    integration, tool, account: { ...account, unsaved: true }, arguments: tool.paginated ? { limit: 1 } : {}, cursorScope: `account:${account.id}`, resultBudgetBytes: 16 * 1024,
  });
  if (outcome.ok) return { ok: true, tool: tool.name };
  if (outcome.error.kind === 'reauth') return { ok: false, refused: true, message: 'its token endpoint refused the client credentials.' };
  const status = outcome.error.upstream_status;
  const refused = status === 401 || status === 403;
  return { ok: false, refused, message: outcome.error.message };
}
