// The seeded Teamtailor company: the shared recruiting organization as Teamtailor records. A person is one candidate
// with a job application per job; each job has its own stages; colleagues' comments are notes on the candidate.
import { linkedInUrl } from '../shared/people.ts';
import { createRecruitingOrg, type OrgMember } from '../shared/recruiting.ts';
import { CANDIDATE_SUMMARIES } from '../shared/fixtures.ts';
import { createTables, type JobRow, type StageRow, type TeamtailorState, type UserRow } from './state.ts';

const COMPANY = { name: 'Nordvik Robotics', domain: 'nordvik-robotics.se' };
const PIPELINE = ['Inbox', 'Screening', 'Interview', 'Offer', 'Hired'];
const TECHNICAL = ['Inbox', 'Screening', 'Technical Interview', 'Final Interview', 'Offer', 'Hired'];
const ROLES: Record<OrgMember['role'], UserRow['role']> = { admin: 'admin', recruiter: 'recruiter', hiring_manager: 'hiring_manager', interviewer: 'user' };
const STATUSES = { open: 'open', closed: 'archived', draft: 'draft' } as const;

export function createTeamtailorState(seed: number): TeamtailorState {
  const org = createRecruitingOrg(seed, {
    company: COMPANY,
    stagesFor: (department) => (department === 'Engineering' || department === 'Data' ? TECHNICAL : PIPELINE),
    members: 10,
    people: 240,
    planted: {
      member: { firstName: 'Ingrid', lastName: 'Sørensen' },
      person: { firstName: 'Lukas', lastName: 'Brandt', email: 'lukas.brandt@posteo.de', phone: '+49 151 2345 6789', place: { city: 'Berlin', country: 'Germany' } },
      jobTitle: 'Senior Backend Engineer', department: 'Engineering', stage: 'Screening',
    },
    disqualificationReasons: ['Rejected'],
  });
  const tables = createTables();
  const iso = (date: Date) => date.toISOString();
  const stamps = (date: Date) => ({ createdAt: iso(date), updatedAt: iso(date) });

  const users = org.members.map((member) => tables.users.insert({
    name: `${member.firstName} ${member.lastName}`, email: member.email, title: member.role === 'admin' ? 'Talent Acquisition Lead' : member.role.replace('_', ' '), role: ROLES[member.role], ...stamps(member.createdAt),
  }));
  const stagesOf = new Map<number, StageRow[]>();
  const jobs = org.jobs.map((job): JobRow => {
    const row = tables.jobs.insert({ title: job.title, status: STATUSES[job.status], remote: job.remote, ...stamps(job.createdAt) });
    stagesOf.set(row.id, job.stages.map((name, index) => tables.stages.insert({
      jobId: row.id, name, rowOrder: index, stageType: index === 0 ? 'inbox' : index === job.stages.length - 1 ? 'hired' : 'in_process', ...stamps(job.createdAt),
    })));
    return row;
  });
  const candidates = org.people.map((person) => tables.candidates.insert({
    firstName: person.firstName, lastName: person.lastName, email: person.email, phone: person.phone, linkedinUrl: linkedInUrl(person.firstName, person.lastName),
    pitch: CANDIDATE_SUMMARIES[person.index % CANDIDATE_SUMMARIES.length]!, sourced: false, tags: person.tags, ...stamps(person.createdAt),
  }));
  const applications = org.applications.map((application) => {
    const current = application.visits.at(-1)!;
    const candidate = candidates[application.person]!;
    if (application.sourced) tables.candidates.update(candidate, { sourced: true });
    return tables.jobApplications.insert({
      candidateId: candidate.id, jobId: jobs[application.job]!.id, stageId: stagesOf.get(jobs[application.job]!.id)![current.stage]!.id,
      changedStageAt: iso(current.at), rejectedAt: application.disqualified && iso(application.disqualified.at), sourced: application.sourced,
      createdAt: iso(application.visits[0]!.at), updatedAt: iso(application.updatedAt),
    });
  });
  const notes = [...org.comments.entries()].sort(([, a], [, b]) => a.at.getTime() - b.at.getTime()).map(([index, comment]) => [index, tables.notes.insert({
    candidateId: applications[comment.application]!.candidateId, userId: users[comment.member]!.id, note: comment.body, ...stamps(comment.at),
  })] as const);
  const noteOf = new Map(notes);

  const lukas = applications[org.planted.application]!;
  const pipeline = stagesOf.get(lukas.jobId)!;
  const otherJob = jobs.find((job) => job.id !== lukas.jobId && job.status === 'open')!;
  return {
    ...tables,
    company: { name: COMPANY.name },
    planted: {
      userId: users[0]!.id,
      lukas: {
        candidateId: lukas.candidateId, email: candidates[org.planted.person]!.email, applicationId: lukas.id, jobId: lukas.jobId, stageId: lukas.stageId,
        nextStageId: pipeline[pipeline.findIndex((stage) => stage.id === lukas.stageId) + 1]!.id,
        noteIds: org.planted.comments.map((index) => noteOf.get(index)!.id),
      },
      foreignStageId: stagesOf.get(otherJob.id)![1]!.id,
    },
  };
}
