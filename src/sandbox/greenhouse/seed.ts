import { COMPANIES, JOB_TEMPLATES, MIXED_FEEDBACK, POSITIVE_FEEDBACK, RECRUITER_NOTES } from '../shared/fixtures.ts';
import { createPeopleGenerator, emailLocalPart, type Person } from '../shared/people.ts';
import { addDays, createRandom, earliest, randomMoment, SEED_EPOCH } from '../shared/random.ts';
import {
  ACTING_USER_ID, createTables, RECOMMENDATIONS,
  type ApplicationRow, type ApplicationStatus, type CandidateRow, type GreenhousePlanted, type GreenhouseTables, type JobInterviewStageRow, type JobRow, type UserRow,
} from './state.ts';

const COMPANY = { name: 'Fernleaf Health', domain: 'fernleaf-health.com' };
const GENERIC_CANDIDATES = 250;

/** Greenhouse's default interview plan, and the take-home step engineering jobs add. */
const DEFAULT_STAGES = ['Application Review', 'Preliminary Phone Screen', 'Phone Interview', 'Face to Face', 'Reference Check', 'Offer'];
const ENGINEERING_STAGES = ['Application Review', 'Preliminary Phone Screen', 'Take Home Test', 'Phone Interview', 'Face to Face', 'Reference Check', 'Offer'];
const TAGS = ['Referral', 'Strong Technical', 'Relocation', 'Visa Sponsorship', 'Silver Medalist', 'Returning Candidate'];
const SENIORITY = ['', 'Senior ', 'Lead ', 'Junior '];

const STATUS_WEIGHTS: Record<'open' | 'closed', readonly (readonly [ApplicationStatus, number])[]> = {
  open: [['active', 62], ['rejected', 33], ['hired', 5]],
  closed: [['active', 4], ['rejected', 76], ['hired', 20]],
};

/**
 * The seeded tables of a Greenhouse organization: users, jobs with their stages, candidates, applications with their
 * stage history, scorecards and notes. Same seed, same data.
 */
export function createGreenhouseData(seed: number): GreenhouseTables & { organization: typeof COMPANY; planted: GreenhousePlanted } {
  const random = createRandom(seed);
  const tables = createTables();
  const people = createPeopleGenerator(random, ['Jordan Avery', 'Elena Marchetti']);
  const daysAgo = (days: number) => addDays(SEED_EPOCH, -days);
  const iso = (date: Date) => date.toISOString();

  // Users: the acting user of the sandbox accounts, the credential's service user, colleagues, one deactivated.
  const addUser = (firstName: string, lastName: string, deactivated = false, id?: number): UserRow => {
    const created = daysAgo(random.int(200, 900));
    return tables.users.insert({
      first_name: firstName, last_name: lastName, primary_email: `${emailLocalPart(firstName, lastName)}@${COMPANY.domain}`,
      employee_id: `FH-${random.int(1000, 9999)}`, deactivated, created_at: iso(created), updated_at: iso(addDays(created, random.int(0, 150))),
    }, id);
  };
  const acting = addUser('Jordan', 'Avery', false, ACTING_USER_ID);
  const service = addUser('Harvest', 'Integration');
  const colleagues = Array.from({ length: 10 }, () => {
    const person = people.next();
    return addUser(person.firstName, person.lastName);
  });
  const formerColleague = people.next();
  const deactivated = addUser(formerColleague.firstName, formerColleague.lastName, true);
  const recruiters = [acting, ...colleagues.slice(0, 2)];
  const interviewers = colleagues.slice(2);

  // Jobs and their stages.
  let requisition = 2400;
  const stagesOf = new Map<number, JobInterviewStageRow[]>();
  const addJob = (name: string, department: string, status: JobRow['status'], confidential = false): JobRow => {
    const created = daysAgo(random.int(40, 420));
    const opened = status === 'draft' ? null : addDays(created, random.int(1, 12));
    const closed = status === 'closed' ? addDays(opened ?? created, random.int(45, 150)) : null;
    const job = tables.jobs.insert({
      name, requisition_id: status === 'draft' ? null : `REQ-${(requisition += 1)}`, status, confidential,
      opened_at: opened && iso(opened), closed_at: closed && iso(earliest(closed, daysAgo(1))),
      created_at: iso(created), updated_at: iso(earliest(addDays(closed ?? opened ?? created, random.int(0, 20)), SEED_EPOCH)),
    });
    const names = ['Engineering', 'Data'].includes(department) ? ENGINEERING_STAGES : DEFAULT_STAGES;
    stagesOf.set(job.id, names.map((stageName, index) => tables.jobInterviewStages.insert({
      job_id: job.id, name: stageName, active: true, sort_order: index, created_at: job.created_at, updated_at: job.created_at,
    })));
    return job;
  };
  const backend = addJob('Senior Backend Engineer', 'Engineering', 'open');
  const statuses = random.covering([['open', 18], ['closed', 6], ['draft', 3]] as const, JOB_TEMPLATES.length);
  const jobs = JOB_TEMPLATES.map((template, index) => addJob(template.title, template.department, statuses[index] ?? 'open',
    template.title === 'Head of People' || template.title === 'Chief Financial Officer'));
  const stage = (job: JobRow, name: string) => stagesOf.get(job.id)!.find((row) => row.name === name)!;

  // Candidates.
  const addCandidate = (person: Person, tags: string[], createdDaysAgo?: number): CandidateRow => {
    const created = createdDaysAgo === undefined ? randomMoment(random, daysAgo(400), daysAgo(3)) : daysAgo(createdDaysAgo);
    return tables.candidates.insert({
      first_name: person.firstName,
      last_name: person.lastName,
      company: random.pick(COMPANIES),
      title: `${random.pick(SENIORITY)}${random.pick(JOB_TEMPLATES).title}`,
      is_private: random.chance(0.03),
      can_email: random.chance(0.95),
      email_addresses: [{ value: person.email, type: 'personal' }, ...(random.chance(0.2) ? [{ value: `${emailLocalPart(person.firstName, person.lastName)}@work.example`, type: 'work' as const }] : [])],
      phone_numbers: random.chance(0.85) ? [{ value: person.phone, type: 'mobile' }] : [],
      tags,
      last_activity_at: iso(created),
      created_at: iso(created),
      updated_at: iso(created),
    });
  };

  // Applications with the stage visits that led to the current stage.
  const addApplication = (candidate: CandidateRow, job: JobRow, status: ApplicationStatus, current: JobInterviewStageRow, createdDaysAgo?: number): ApplicationRow => {
    const from = new Date(Math.max(Date.parse(candidate.created_at), Date.parse(job.opened_at ?? job.created_at)));
    const until = job.closed_at ? new Date(Math.max(Date.parse(job.closed_at), from.getTime())) : daysAgo(2);
    const applied = createdDaysAgo === undefined ? randomMoment(random, from, earliest(addDays(from, 90), until)) : new Date(Math.max(daysAgo(createdDaysAgo).getTime(), from.getTime()));
    const updated = randomMoment(random, applied, earliest(addDays(applied, 50), SEED_EPOCH));
    const path = stagesOf.get(job.id)!.filter((row) => row.sort_order <= current.sort_order);
    const step = (updated.getTime() - applied.getTime()) / Math.max(1, path.length);
    const application = tables.applications.insert({
      candidate_id: candidate.id, job_id: job.id, job_interview_stage_id: current.id, status, prospect: false,
      source_id: random.pick([101, 102, 103, 104, 105]), referrer_id: random.chance(0.1) ? random.pick(colleagues).id : null,
      applied_at: iso(applied), current_stage_at: iso(new Date(applied.getTime() + step * (path.length - 1))), last_activity_at: iso(updated),
      created_at: iso(applied), updated_at: iso(updated),
    });
    path.forEach((row, index) => {
      const entered = iso(new Date(applied.getTime() + step * index));
      tables.applicationStages.insert({ application_id: application.id, job_interview_stage_id: row.id, entered_at: entered, current: index === path.length - 1, created_at: entered, updated_at: entered });
    });
    if (Date.parse(candidate.last_activity_at) < updated.getTime()) tables.candidates.update(candidate, { last_activity_at: iso(updated), updated_at: iso(updated) });
    return application;
  };

  const elena = addCandidate({ firstName: 'Elena', lastName: 'Marchetti', email: 'elena.marchetti@fastmail.com', phone: '+44 7700 900233', place: { city: 'London', country: 'United Kingdom' } }, ['Strong Technical'], 40);
  tables.candidates.update(elena, { company: 'Monzo', title: 'Backend Engineer' });
  const elenaApplication = addApplication(elena, backend, 'active', stage(backend, 'Phone Interview'), 24);
  const generic = Array.from({ length: GENERIC_CANDIDATES }, () => addCandidate(people.next(), random.sample(TAGS, random.weighted([[0, 6], [1, 3], [2, 1]] as const))));
  const listed = [backend, ...jobs].filter((job) => job.status !== 'draft');
  for (const candidate of generic) {
    for (const job of random.sample(listed, random.weighted([[1, 7], [2, 2], [0, 1]] as const))) {
      const status = random.weighted(STATUS_WEIGHTS[job.status === 'closed' ? 'closed' : 'open']);
      const stages = stagesOf.get(job.id)!;
      const current = status === 'hired' ? stages.at(-1)! : random.pick(status === 'rejected' ? stages.slice(0, -1) : stages);
      addApplication(candidate, job, status, current);
    }
  }
  const rejected = tables.applications.find((row) => row.status === 'rejected')!;

  // Scorecards on applications past the phone screen, and notes.
  const addScorecard = (application: ApplicationRow, interviewer: UserRow, recommendation: (typeof RECOMMENDATIONS)[number], at: Date, complete = true) =>
    tables.scorecards.insert({
      application_id: application.id, interviewer_id: interviewer.id, submitter_id: complete ? interviewer.id : null, interviewed_at: iso(at),
      submitted_at: complete ? iso(addDays(at, 0.5)) : null, status: complete ? 'complete' : 'draft', overall_recommendation: complete ? recommendation : null,
      created_at: iso(at), updated_at: iso(addDays(at, 0.5)),
    });
  const elenaScorecards = [
    addScorecard(elenaApplication, interviewers[0]!, 'strong_yes', daysAgo(12)),
    addScorecard(elenaApplication, interviewers[1]!, 'yes', daysAgo(11)),
  ];
  for (const application of tables.applications.all()) {
    const visits = tables.applicationStages.where((row) => row.application_id === application.id).length;
    if (application.id === elenaApplication.id || visits < 3) continue;
    for (const interviewer of random.sample(interviewers, random.int(1, 2))) {
      const recommendation = application.status === 'rejected' ? random.pick(['definitely_not', 'no'] as const) : random.pick(['yes', 'strong_yes', 'no_decision'] as const);
      addScorecard(application, interviewer, recommendation, randomMoment(random, new Date(application.applied_at), new Date(application.updated_at)), random.chance(0.92));
    }
  }
  const addNote = (candidate: CandidateRow, application: ApplicationRow | null, author: UserRow, body: string, at: Date) =>
    tables.notes.insert({
      application_id: application?.id ?? null, candidate_id: candidate.id, user_id: author.id, body, visibility: 'public', note_type: 'NOTE',
      created_at: iso(at), updated_at: iso(at),
    });
  const elenaNotes = [
    addNote(elena, elenaApplication, recruiters[1]!, 'Preliminary screen done: based in London, notice period four weeks, excited about the payments platform.', daysAgo(19)),
    addNote(elena, elenaApplication, interviewers[0]!, 'Phone interview went well; strong on Postgres internals and incident handling.', daysAgo(11)),
  ];
  for (const candidate of generic) {
    const applications = tables.applications.where((row) => row.candidate_id === candidate.id);
    for (let count = random.weighted([[0, 4], [1, 4], [2, 2]] as const); count > 0; count--) {
      const application = applications.length > 0 && random.chance(0.8) ? random.pick(applications) : null;
      addNote(candidate, application, random.pick(colleagues), random.pick([...RECRUITER_NOTES, ...MIXED_FEEDBACK, ...POSITIVE_FEEDBACK]), randomMoment(random, new Date(candidate.created_at), SEED_EPOCH));
    }
  }

  return {
    organization: COMPANY,
    ...tables,
    planted: {
      actingUserId: acting.id,
      serviceUserId: service.id,
      deactivatedUserId: deactivated.id,
      elena: {
        candidateId: elena.id,
        email: elena.email_addresses[0]!.value,
        applicationId: elenaApplication.id,
        jobId: backend.id,
        currentStageId: elenaApplication.job_interview_stage_id,
        nextStageId: stage(backend, 'Face to Face').id,
        noteIds: elenaNotes.map((note) => note.id),
        scorecardIds: elenaScorecards.map((scorecard) => scorecard.id),
      },
      foreignStageId: stage(jobs.find((job) => job.status === 'open')!, 'Phone Interview').id,
      rejectedApplicationId: rejected.id,
    },
  };
}
