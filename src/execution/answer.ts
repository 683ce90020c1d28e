// The second half of a call: an upstream answer becomes an error an agent can act on, a record, or a page of
// records with the next_cursor that continues it.
import type { Definition } from '../definitions/format.ts';
import type { Tool } from '../tools/types.ts';
import { jsonBytesWithin } from '../util/json-size.ts';
import type { CursorState } from './cursor.ts';
import type { EngineParts } from './execute.ts';
import { selectFields } from './fields.ts';
import { continuation, totalCount, type PageRequest } from './pagination/index.ts';
import { normalizeRateLimit } from './rate-limit.ts';
import { errorInBody, upstreamMessage } from './response/errors.ts';
import { responseKind } from './response/index.ts';
import type { RecordWindow } from './response/kind.ts';
import type { CallError, CallOutcome, RateLimitHeaders, ToolCall } from './types.ts';
import type { UpstreamResponse } from './upstream.ts';

export interface PageInProgress {
  state: CursorState;
  request: PageRequest;
}

/** `args`: the call's validated arguments. */
export function answer(engine: EngineParts, call: ToolCall, args: Record<string, unknown>, response: UpstreamResponse, page: PageInProgress | undefined): CallOutcome {
  const { integration: { definition }, tool, account } = call;
  const rateLimit = normalizeRateLimit(definition.rate_limit, response.header, response.status);
  const error = answerError(definition, response, rateLimit);
  if (error) return { ok: false, error: withValueHints(error, tool, args), rateLimit };
  const fields = args.fields as string[] | undefined;

  if (tool.kind !== 'list') {
    const mapped = responseKind(tool.response).record(tool.response, response.body, { resultBudgetBytes: call.resultBudgetBytes });
    const record = mapped.value ?? { success: true };
    return { ok: true, status: response.status, shape: 'record', result: fields ? selectFields(record, fields) : record, ...(mapped.notice ? { notice: mapped.notice } : {}), rateLimit };
  }

  const mapped = listRecords(definition, tool, response, call.resultBudgetBytes, recordWindow(page));
  if ('error' in mapped) return { ok: false, error: mapped.error, rateLimit };
  const { records: onPage, length } = mapped;
  const available = fields ? onPage.map((record) => selectFields(record, fields)) : onPage;
  const kept = recordsWithinBudget(available, call.resultBudgetBytes);
  const notices = [mapped.notice];
  if (!page && length > maxRecordsUnpaged) {
    notices.push(`${definition.label} sent ${length} records in one answer; only the first ${maxRecordsUnpaged} were read. Narrow the request with filters to see the rest.`);
  }
  if (kept.length < available.length) notices.push(budgetNotice(kept.length, available.length, page !== undefined));
  if (kept.length === 0 && (!page || ('index' in page.state.position && page.state.position.index === 0))) notices.push(emptyNotice(tool, args));
  let nextCursor: string | undefined;
  let total: number | undefined;
  if (page) {
    const pagination = tool.pagination!;
    const received = { length, size: page.state.size, body: response.body, header: response.header };
    const { next, problem } = continuation(pagination, page.state.position, page.request, received, kept.length,
      (url) => engine.requests.nextPageUrl(definition, account, url));
    notices.push(problem);
    if (next) nextCursor = engine.cursors.encode({ ...page.state, position: next }, { scope: call.cursorScope, tool: tool.name });
    total = totalCount(pagination, response.body);
  }
  return listOutcome(response.status, kept, { nextCursor, total, notices, rateLimit });
}

export function listOutcome(status: number, records: unknown[], more: {
  nextCursor?: string | undefined; total?: number | undefined; notices: (string | undefined)[]; rateLimit: RateLimitHeaders; scan?: { scanned: number; complete: boolean };
}): CallOutcome {
  const notice = more.notices.filter(Boolean).join(' ');
  return {
    ok: true,
    status,
    shape: 'list',
    result: records,
    result_count: records.length,
    ...(more.nextCursor !== undefined ? { next_cursor: more.nextCursor } : {}),
    ...(more.total !== undefined ? { total_count: more.total } : {}),
    ...(more.scan ? { scanned_count: more.scan.scanned, scan_complete: more.scan.complete } : {}),
    ...(notice ? { notice } : {}),
    rateLimit: more.rateLimit,
  };
}

/** Why an upstream answer is not a result: an error status, a redirect, a body that is not JSON, an error in a 2xx body. */
export function answerError(definition: Definition, response: UpstreamResponse, rateLimit: RateLimitHeaders): CallError | undefined {
  if (response.status >= 300) return upstreamError(definition, response, response.status, rateLimit);
  if (typeof response.body === 'string') {
    // Every definition answers JSON: a text body (an HTML login page, a proxy's error page) is not a result.
    const type = response.header('content-type')?.split(';')[0]?.trim() || 'no content type';
    return { kind: 'upstream', message: `${definition.label} answered ${response.status} with ${type} instead of JSON`, status: 502, is_remote: true, upstream_status: response.status };
  }
  const errorStatus = errorInBody(definition.errors, response.body);
  return errorStatus === undefined ? undefined : upstreamError(definition, response, errorStatus, rateLimit);
}

/**
 * The records of a list answer in `window` (the others are only counted: `length` is how many the page holds), or
 * why the body is not the list the definition promised.
 */
export function listRecords(definition: Definition, tool: Tool, response: UpstreamResponse, resultBudgetBytes: number | undefined, window: RecordWindow):
  { records: unknown[]; length: number; notice?: string } | { error: CallError } {
  const mapped = responseKind(tool.response).records(tool.response, response.body, { resultBudgetBytes }, window);
  if (!Array.isArray(mapped.value)) {
    return { error: { kind: 'upstream', message: `${definition.label} answered without a list of records where one was expected`, status: 502, is_remote: true, upstream_status: response.status } };
  }
  return { records: mapped.value, length: mapped.length ?? mapped.value.length, ...(mapped.notice ? { notice: mapped.notice } : {}) };
}

/** An unpaginated list answers at most this many records (before the size budget): more is an upstream gone wrong. */
const maxRecordsUnpaged = 10_000;

/** The records of a list answer a call uses: the page it asked for (an upstream may send more), or an unpaginated list's first 10,000. */
export function recordWindow(page: PageInProgress | undefined): RecordWindow {
  const skip = page?.request.skip ?? 0;
  return { start: skip, end: skip + (page ? page.state.size : maxRecordsUnpaged) };
}

/** What an empty first page may mean, when the definition says records are left out by default. */
function emptyNotice(tool: Tool, args: Record<string, unknown>): string | undefined {
  const notice = tool.definition.method.empty_notice;
  if (!notice || (notice.unless_argument !== undefined && args[notice.unless_argument] !== undefined)) return undefined;
  return notice.text;
}

/** An upstream refusal of the request names the tools that list valid values of the id arguments it was given. */
export function withValueHints(error: CallError, tool: Tool, args: Record<string, unknown>): CallError {
  if (!error.is_remote || ![400, 404, 409, 422].includes(error.status)) return error;
  const hints = Object.entries(tool.hints)
    .filter(([argument, hint]) => hint.valuesFrom !== undefined && args[argument] !== undefined)
    .map(([argument, hint]) => `If ${argument} is the problem: ${hint.valuesFrom} lists its valid values.`);
  return hints.length > 0 ? { ...error, hints } : error;
}

function budgetNotice(kept: number, available: number, canResume: boolean): string {
  return `Returned ${kept} of the ${available} records on this page to stay within the response size budget. ` +
    (canResume ? 'Call again with next_cursor to continue, or pass a smaller limit.' : 'Narrow the request with filters to see the rest.');
}

/** Keeps whole records while their JSON fits the budget; always at least one. Measures no further than the budget. */
export function recordsWithinBudget(records: unknown[], budgetBytes: number | undefined): unknown[] {
  if (budgetBytes === undefined) return records;
  let used = 2;
  let count = 0;
  for (const record of records) {
    used += jsonBytesWithin(record, budgetBytes) + 1;
    if (used > budgetBytes && count > 0) break;
    count++;
  }
  return records.slice(0, count);
}

/** An upstream answer that is an error: a redirect (never followed), a 4xx/5xx, or a 2xx whose body says so. */
function upstreamError(definition: Definition, response: UpstreamResponse, status: number, rateLimit: RateLimitHeaders): CallError {
  if (status < 400) {
    return {
      kind: 'upstream',
      message: `${definition.label} answered ${status} with a redirect${response.header('location') ? ` to ${response.header('location')}` : ''}; redirects are not followed.`,
      status: 502, is_remote: true, upstream_status: status,
    };
  }
  const said = upstreamMessage(definition.errors, response.body);
  const detail = said ?? (typeof response.body === 'string' ? response.body.slice(0, 500) : `HTTP ${response.status}`);
  const retryAfter = rateLimit['retry-after'];
  const answered = response.status === status ? `answered ${status}` : `reported an error in its ${response.status} answer`;
  return {
    kind: 'upstream',
    message: `${definition.label} ${answered}: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}`,
    status,
    is_remote: true,
    upstream_status: response.status,
    ...(said !== undefined ? { upstream_message: said } : {}),
    upstream_body: response.body,
    ...(status === 429 && retryAfter !== undefined ? { retry_after_seconds: Number(retryAfter) } : {}),
  };
}
