// The seeded Workable account: the shared recruiting organization as Workable records. Each application becomes a
// candidate record on its job; its timeline (activities) holds the stage moves, the comments and a disqualification.
import { createRandom } from '../shared/random.ts';
import { createRecruitingOrg, type OrgJob, type OrgMember, type RecruitingOrg } from '../shared/recruiting.ts';
import { createTables, hexIds, type JobRow, type MemberRow, type StageRow, type WorkableState } from './state.ts';

const ACCOUNT = { subdomain: 'larkspur-labs', name: 'Larkspur Labs' };
const PIPELINE = ['Applied', 'Phone Screen', 'Interview', 'Offer', 'Hired'];
const ASSESSED = ['Applied', 'Phone Screen', 'Assessment', 'Interview', 'Offer', 'Hired'];
const SOURCES = ['linkedin.com', 'indeed.com', 'larkspur-labs.workable.com', 'glassdoor.com', null];

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const KINDS: Record<string, string> = { Sourced: 'sourced', Applied: 'applied', 'Phone Screen': 'phone-screen', Interview: 'interview', Offer: 'offer', Hired: 'hired' };

/** A pipeline as Workable lists it: Sourced first, then the stages candidates move through. */
export function stageRows(names: readonly string[]): StageRow[] {
  return ['Sourced', ...names].map((name, position) => ({ slug: slug(name), name, kind: KINDS[name] ?? 'assessment', position }));
}

const ROLES: Record<OrgMember['role'], MemberRow['role']> = { admin: 'admin', recruiter: 'recruiter', hiring_manager: 'simple', interviewer: 'reviewer' };
const STATES: Record<OrgJob['status'], JobRow['state']> = { open: 'published', closed: 'closed', draft: 'draft' };

export function createWorkableState(seed: number): WorkableState {
  const org = createRecruitingOrg(seed, {
    company: { name: ACCOUNT.name, domain: 'larkspurlabs.io' },
    stagesFor: (department) => (department === 'Engineering' || department === 'Data' ? ASSESSED : PIPELINE),
    members: 12,
    people: 230,
    planted: {
      member: { firstName: 'Dana', lastName: 'Whitfield' },
      person: { firstName: 'Amara', lastName: 'Okafor', email: 'amara.okafor@fastmail.com', phone: '+44 7700 900418', place: { city: 'London', country: 'United Kingdom' } },
      jobTitle: 'Senior Backend Engineer', department: 'Engineering', stage: 'Phone Screen',
    },
    disqualificationReasons: ['Not enough experience', 'Salary expectations too high', 'Withdrew', 'Position filled', 'Did not pass the assessment'],
  });
  const random = createRandom(seed + 1);
  const tables = createTables(hexIds(0x3a0f1c2, () => random.int(1, 4096)));
  const iso = (date: Date) => date.toISOString();
  const host = `https://${ACCOUNT.subdomain}.workable.com`;

  const members = org.members.map((member) => tables.members.insert({
    name: `${member.firstName} ${member.lastName}`, headline: member.role === 'admin' ? 'Head of Talent' : member.role.replace('_', ' '), email: member.email, role: ROLES[member.role],
  }));
  const jobs = [...org.jobs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).reduce((rows, job) => {
    const shortcode = `${slug(ACCOUNT.name).replace(/-/g, '').slice(0, 5).toUpperCase()}${String(job.index + 1).padStart(3, '0')}`;
    rows[job.index] = tables.jobs.insert({
      title: job.title, full_title: `${job.title} - ${job.department.slice(0, 3).toUpperCase()}/${job.index + 1}`, shortcode, code: `${job.department.slice(0, 3).toUpperCase()}/${job.index + 1}`,
      state: STATES[job.status], department: job.department, url: `${host}/jobs/${job.index + 1000}`, application_url: `${host}/jobs/${job.index + 1000}/candidates/new`,
      shortlink: `${host}/j/${shortcode}`, location: { location_str: `${job.place.city}, ${job.place.country}`, country: job.place.country, city: job.place.city, telecommuting: job.remote },
      created_at: iso(job.createdAt), updated_at: iso(job.createdAt), stages: stageRows(job.stages),
    });
    return rows;
  }, [] as JobRow[]);

  const candidateIds = seedCandidates(org, tables, jobs, members);
  const amara = candidateIds[org.planted.application]!;
  const plantedJob = jobs[org.planted.job]!;
  return {
    ...tables,
    account: ACCOUNT,
    stages: stageRows(PIPELINE),
    planted: {
      memberId: members[0]!.id,
      amara: {
        candidateId: amara, email: org.people[org.planted.person]!.email, shortcode: plantedJob.shortcode, stage: 'Phone Screen', nextStageSlug: 'assessment',
        commentBodies: org.planted.comments.map((index) => org.comments[index]!.body),
      },
      disqualifiedCandidateId: tables.candidates.find((candidate) => candidate.disqualified)!.id,
    },
  };
}

/** Candidate records in the order they were created (so ids grow with time), then their timelines; ids by application. */
function seedCandidates(org: RecruitingOrg, tables: Pick<WorkableState, 'candidates' | 'activities'>, jobs: JobRow[], members: MemberRow[]): string[] {
  const iso = (date: Date) => date.toISOString();
  const ids: string[] = [];
  const byTime = [...org.applications].sort((a, b) => a.visits[0]!.at.getTime() - b.visits[0]!.at.getTime());
  for (const application of byTime) {
    const person = org.people[application.person]!;
    const job = jobs[application.job]!;
    const stageNames = org.jobs[application.job]!.stages;
    const current = application.visits.at(-1)!;
    const stage = job.stages.find((row) => row.name === stageNames[current.stage])!;
    const candidate = tables.candidates.insert({
      name: `${person.firstName} ${person.lastName}`, firstname: person.firstName, lastname: person.lastName, headline: `${person.title} at ${person.company}`,
      job: { shortcode: job.shortcode, title: job.title }, stage: stage.name, stage_kind: stage.kind,
      disqualified: application.disqualified !== null, disqualified_at: application.disqualified && iso(application.disqualified.at),
      disqualification_reason: application.disqualified?.reason ?? null, sourced: application.sourced, email: person.email, phone: person.phone,
      address: `${person.place.city}, ${person.place.country}`, domain: application.sourced ? null : SOURCES[application.index % SOURCES.length]!,
      tags: person.tags, created_at: iso(application.visits[0]!.at), updated_at: iso(application.updatedAt),
      hired_at: stage.kind === 'hired' ? iso(current.at) : null,
    });
    ids[application.index] = candidate.id;
  }
  const memberRef = (index: number | null) => (index === null ? null : { id: members[index]!.id, name: members[index]!.name });
  const timeline = org.applications.flatMap((application) => {
    const candidateId = ids[application.index]!;
    const stageNames = org.jobs[application.job]!.stages;
    const entries = application.visits.map((visit, position) => ({
      candidate_id: candidateId, action: position === 0 ? (application.sourced ? 'sourced' : 'applied') : 'moved', stage_name: stageNames[visit.stage]!,
      created_at: iso(visit.at), member: memberRef(visit.by), body: null,
    }));
    const comments = org.comments.filter((comment) => comment.application === application.index).map((comment) => ({
      candidate_id: candidateId, action: 'comment', stage_name: null, created_at: iso(comment.at), member: memberRef(comment.member), body: comment.body,
    }));
    const disqualified = application.disqualified
      ? [{ candidate_id: candidateId, action: 'disqualified', stage_name: null, created_at: iso(application.disqualified.at), member: memberRef(application.disqualified.by), body: application.disqualified.reason }]
      : [];
    return [...entries, ...comments, ...disqualified];
  });
  for (const entry of timeline.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))) tables.activities.insert(entry);
  return ids;
}
