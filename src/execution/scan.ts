// Switchboard-side filters: for a filter the API lacks (a candidate by name), the engine reads the upstream list
// page by page, within a bound of records per call, and keeps the records that match. The result says how many
// records it scanned and whether it reached the end; next_cursor continues the scan where it stopped, exactly
// after the last record it looked at, so nothing is skipped or repeated.
import type { Tool } from '../tools/types.ts';
import { readPath } from './paths.ts';
import { answerError, listOutcome, listRecords, recordsWithinBudget, withValueHints } from './answer.ts';
import { selectFields } from './fields.ts';
import { fetchPage, type EngineParts, type StartedCall } from './execute.ts';
import { continuation, pageRequest, totalCount, type PageRequest, type Position } from './pagination/index.ts';
import { normalizeRateLimit } from './rate-limit.ts';
import type { CallOutcome, RateLimitHeaders, ToolCall } from './types.ts';

export async function scanList(engine: EngineParts, call: ToolCall, started: Required<StartedCall>): Promise<CallOutcome> {
  const { integration: { definition }, tool, account } = call;
  const pagination = tool.pagination!;
  const { state } = started.page;
  const limit = state.limit ?? state.size;
  const maxRecords = tool.definition.method.switchboard_filter_scan.max_records;
  /** Each match with the position right after it and the records scanned up to it. */
  const matches: { record: unknown; after: Position; scanned: number }[] = [];
  let position = state.position;
  let scanned = 0;
  let complete = false;
  let total: number | undefined;
  let rateLimit: RateLimitHeaders = {};
  let status = 200;
  const notices: (string | undefined)[] = [];

  for (;;) {
    const request = pageRequest(pagination, position, state.size);
    const window = { start: request.skip, end: request.skip + maxRecords - scanned };
    const fetched = await fetchPage(engine, call, started.args, request, window);
    if ('outcome' in fetched) return fetched.outcome;
    const { response } = fetched;
    rateLimit = normalizeRateLimit(definition.rate_limit, response.header, response.status);
    const error = answerError(definition, response, rateLimit);
    if (error) return { ok: false, error: withValueHints(error, tool, started.args), rateLimit };
    const mapped = listRecords(definition, tool, response, call.resultBudgetBytes, window);
    if ('error' in mapped) return { ok: false, error: mapped.error, rateLimit };
    status = response.status;
    notices.push(mapped.notice);
    total ??= totalCount(pagination, response.body);

    const { records, length } = mapped;
    let at = request.skip;
    for (; at < length && matches.length < limit && scanned < maxRecords; at++) {
      scanned++;
      const record = records[at - request.skip];
      if (matchesFilters(tool, record, started.filters)) matches.push({ record, after: within(position, request, at + 1), scanned });
    }
    if (at < length) {
      position = within(position, request, at);
      break;
    }
    const received = { length, size: state.size, body: response.body, header: response.header };
    const { next, problem } = continuation(pagination, position, request, received, at - request.skip, (url) => engine.requests.nextPageUrl(definition, account, url));
    notices.push(problem);
    if (!next) {
      complete = problem === undefined;
      break;
    }
    position = next;
    if (matches.length >= limit || scanned >= maxRecords) break;
  }

  const fields = started.args.fields as string[] | undefined;
  const kept = recordsWithinBudget(matches.map((match) => (fields ? selectFields(match.record, fields) : match.record)), call.resultBudgetBytes);
  const cut = kept.length < matches.length;
  // Cut by the size budget, the scan resumes after the last match returned: that is as far as this call scanned.
  const lastKept = matches[kept.length - 1];
  if (cut) scanned = lastKept!.scanned;
  const resumeAt = cut ? lastKept!.after : complete ? undefined : position;
  const filterNames = Object.keys(started.filters).join(', ');
  notices.unshift(resumeAt
    ? `Switchboard applied ${filterNames} itself and scanned ${scanned} records${total !== undefined ? ` of ${total}` : ''} so far${cut ? ', returning the matches that fit the size budget' : ''}; more may match: call again with next_cursor to scan further.`
    : `Switchboard applied ${filterNames} itself and scanned the list to its end (${scanned} records${'index' in state.position && state.position.index === 0 ? '' : ' after where the previous call stopped'}).`);
  const nextCursor = resumeAt && engine.cursors.encode({ ...state, position: resumeAt }, { scope: call.cursorScope, tool: tool.name });
  // The upstream's total counts the records scanned, not the matches: it is in the notice, not in total_count.
  return listOutcome(status, kept, { nextCursor, notices, rateLimit, scan: { scanned, complete: resumeAt === undefined } });
}

/** The position after the first `count` records of the page that `request` asked for. */
function within(position: Position, request: PageRequest, count: number): Position {
  return 'index' in position ? { index: position.index - request.skip + count } : { token: position.token, skip: count };
}

/** Every filter set must match: contains finds each word of the value in one field, ignoring case. */
function matchesFilters(tool: Tool, record: unknown, filters: Record<string, string>): boolean {
  return Object.entries(filters).every(([name, value]) => {
    const filter = tool.switchboardFilters[name]!;
    const texts = filter.fields.map((field) => readPath(record, field)).filter((found) => typeof found === 'string' || typeof found === 'number').map(String);
    switch (filter.match) {
      case 'equals': return texts.includes(value);
      case 'equals_ignore_case': return texts.some((text) => text.toLowerCase() === value.toLowerCase());
      case 'contains': {
        const lowered = texts.map((text) => text.toLowerCase());
        return value.toLowerCase().split(/\s+/).filter(Boolean).every((word) => lowered.some((text) => text.includes(word)));
      }
    }
  });
}
