import type { RouteTable, SandboxRequest } from '../shared/api.ts';
import { checkFields } from '../shared/fields.ts';
import { isPlainObject, raise } from '../shared/http.ts';
import { invalid, listPage, notFound, timestampParam } from './http.ts';
import { JOB_STATES, MEMBER_ROLES, type CandidateRow, type JobRow, type WorkableState } from './state.ts';

/** The fields of a candidate in lists; GET /candidates/:id adds the rest. */
function candidateSummary(state: WorkableState, row: CandidateRow) {
  const { tags: _tags, disqualified_at: _at, ...summary } = row;
  return { ...summary, account: state.account, profile_url: `https://${state.account.subdomain}.workable.com/backend/candidates/${row.id}` };
}

/** A job's collaborators: the admins, and the members who worked on its candidates. */
function hiringTeam(state: WorkableState, job: JobRow): Set<string> {
  const candidates = new Set(state.candidates.where((row) => row.job.shortcode === job.shortcode).map((row) => row.id));
  const workers = state.activities.where((entry) => candidates.has(entry.candidate_id) && entry.member !== null).map((entry) => entry.member!.id);
  return new Set([...state.members.where((row) => row.role === 'admin').map((row) => row.id), ...workers]);
}

const jobRecord = ({ stages: _stages, ...job }: JobRow) => job;

/** Workable's SPI v3 routes, relative to https://{subdomain}.workable.com/spi/v3. */
export function workableRoutes(state: WorkableState): RouteTable {
  const candidate = (request: SandboxRequest) => state.candidates.get(request.param('id')) ?? raise(notFound());
  const member = (values: Record<string, unknown>) => {
    if (values.member_id === undefined || values.member_id === null || values.member_id === '') throw invalid('member_id', "can't be blank");
    return state.members.get(String(values.member_id)) ?? raise(invalid('member_id', 'is not a member of this account'));
  };
  const since = (request: SandboxRequest, name: string, value: (row: CandidateRow) => string) => {
    const time = timestampParam(request, name);
    return (row: CandidateRow) => time === undefined || Date.parse(value(row)) > time;
  };

  return {
    'GET /candidates': (request) => {
      const email = request.query('email')?.toLowerCase();
      const shortcode = request.query('shortcode');
      const stage = request.query('stage');
      const tests = [since(request, 'created_after', (row) => row.created_at), since(request, 'updated_after', (row) => row.updated_at)];
      const rows = state.candidates.all().filter((row) => (email === undefined || row.email.toLowerCase() === email)
        && (shortcode === undefined || row.job.shortcode === shortcode)
        && (stage === undefined || state.jobs.find((job) => job.shortcode === row.job.shortcode)?.stages.find((entry) => entry.name === row.stage)?.slug === stage)
        && tests.every((test) => test(row)));
      return listPage(request, 'candidates', rows, (row) => candidateSummary(state, row));
    },

    'GET /candidates/:id': (request) => {
      const row = candidate(request);
      return { body: { candidate: { ...candidateSummary(state, row), tags: row.tags, disqualified_at: row.disqualified_at } } };
    },

    'GET /candidates/:id/activities': (request) => {
      const row = candidate(request);
      const activities = state.activities.where((entry) => entry.candidate_id === row.id);
      return listPage(request, 'activities', activities, ({ id: _id, candidate_id: _candidate, policy: _policy, ...entry }) => entry);
    },

    // Moves within the candidate's job; a disqualified candidate must be reverted first.
    'POST /candidates/:id/move': async (request) => {
      const row = candidate(request);
      const values = await request.object();
      const mover = member(values);
      const job = state.jobs.find((entry) => entry.shortcode === row.job.shortcode)!;
      if (typeof values.target_stage !== 'string' || values.target_stage === '') throw invalid('target_stage', "can't be blank");
      const target = job.stages.find((stage) => stage.slug === values.target_stage)
        ?? raise(invalid('target_stage', `is not a stage of job ${job.shortcode} (${job.stages.map((stage) => stage.slug).join(', ')})`));
      if (row.disqualified) throw invalid('candidate', 'is disqualified; revert the disqualification before moving it');
      if (target.name === row.stage) throw invalid('target_stage', `is the stage the candidate is in already (${target.slug})`);
      const time = new Date().toISOString();
      state.candidates.update(row, { stage: target.name, stage_kind: target.kind, updated_at: time, hired_at: target.kind === 'hired' ? time : row.hired_at });
      state.activities.insert({ candidate_id: row.id, action: 'moved', stage_name: target.name, created_at: time, member: { id: mover.id, name: mover.name }, body: null });
      return { status: 202 };
    },

    'POST /candidates/:id/comments': async (request) => {
      const row = candidate(request);
      const values = await request.object();
      const author = member(values);
      const comment = values.comment;
      if (!isPlainObject(comment)) throw invalid('comment', "can't be blank");
      const { values: checked, issue } = checkFields(comment, { body: { kind: 'string', required: true }, policy: { kind: 'string_list' } }, 'create');
      if (issue) throw invalid(`comment_${issue.field}`, issue.problem === 'blank' ? "can't be blank" : 'is invalid');
      const policy = checked.policy as string[] | undefined;
      const unknownRole = policy?.find((role) => !(MEMBER_ROLES as readonly string[]).includes(role));
      if (unknownRole !== undefined) throw invalid('comment_policy', `has an unknown role ${unknownRole} (${MEMBER_ROLES.join(', ')})`);
      const time = new Date().toISOString();
      state.activities.insert({
        candidate_id: row.id, action: 'comment', stage_name: null, created_at: time, member: { id: author.id, name: author.name }, body: checked.body as string,
        ...(policy ? { policy } : {}),
      });
      state.candidates.update(row, { updated_at: time });
      return { status: 201 };
    },

    'GET /jobs': (request) => {
      const wanted = request.query('state');
      if (wanted !== undefined && !(JOB_STATES as readonly string[]).includes(wanted)) throw invalid('state', `must be one of ${JOB_STATES.join(', ')}`);
      const created = timestampParam(request, 'created_after');
      const updated = timestampParam(request, 'updated_after');
      const rows = state.jobs.all().filter((job) => (wanted === undefined || job.state === wanted)
        && (created === undefined || Date.parse(job.created_at) > created) && (updated === undefined || Date.parse(job.updated_at) > updated));
      return listPage(request, 'jobs', rows, jobRecord);
    },

    'GET /jobs/:shortcode': (request) => ({ body: jobRecord(state.jobs.find((job) => job.shortcode === request.param('shortcode')) ?? raise(notFound())) }),

    'GET /jobs/:shortcode/stages': (request) => ({ body: { stages: (state.jobs.find((job) => job.shortcode === request.param('shortcode')) ?? raise(notFound())).stages } }),

    'GET /stages': () => ({ body: { stages: state.stages } }),

    'GET /members': (request) => {
      const role = request.query('role');
      if (role !== undefined && !(MEMBER_ROLES as readonly string[]).includes(role)) throw invalid('role', `must be one of ${MEMBER_ROLES.join(', ')}`);
      const shortcode = request.query('shortcode');
      const team = shortcode === undefined ? undefined : hiringTeam(state, state.jobs.find((job) => job.shortcode === shortcode) ?? raise(notFound()));
      return listPage(request, 'members', state.members.all().filter((row) => (role === undefined || row.role === role) && (team === undefined || team.has(row.id))), (row) => row);
    },
  };
}
