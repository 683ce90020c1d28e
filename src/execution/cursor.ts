// The opaque next_cursor handed to agents. It is self-contained (no server memory, so it survives restarts and
// works on any node): the tool it belongs to, the upstream query it continues, the page size, and the position —
// an absolute record index for page-number and offset paging, or the upstream cursor or next link plus how many
// records of that page were already returned.
export interface CursorState {
  tool: string;
  query: Record<string, unknown>;
  size: number;
  position: { index: number } | { token: string; skip: number };
}

export class CursorError extends Error {}

const version = 1;

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ v: version, ...state })).toString('base64url');
}

export function decodeCursor(cursor: string, toolName: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('is not a cursor this server issued; pass next_cursor back exactly as received');
  }
  if (!isCursorState(state)) throw new CursorError('is not a cursor this server issued; pass next_cursor back exactly as received');
  if (state.tool !== toolName) throw new CursorError(`belongs to ${state.tool}, not ${toolName}`);
  return state;
}

function isCursorState(value: unknown): value is CursorState & { v: number } {
  if (value === null || typeof value !== 'object') return false;
  const state = value as Record<string, unknown>;
  const position = state.position as Record<string, unknown> | null | undefined;
  return state.v === version && typeof state.tool === 'string' && typeof state.size === 'number' && state.size > 0 &&
    typeof state.query === 'object' && state.query !== null && typeof position === 'object' && position !== null &&
    (Number.isInteger(position.index) && (position.index as number) >= 0 ||
      typeof position.token === 'string' && Number.isInteger(position.skip) && (position.skip as number) >= 0);
}
