import {
  COMPANIES, DEPARTMENTS, JOB_TEMPLATES, MIXED_FEEDBACK, NEGATIVE_FEEDBACK, POSITIVE_FEEDBACK, RECRUITER_NOTES, SCHOOLS,
} from '../shared/fixtures.ts';
import { createPeopleGenerator, emailLocalPart, linkedInUrl, type Person } from '../shared/people.ts';
import { addDays, createRandom, earliest, randomMoment, SEED_EPOCH } from '../shared/random.ts';
import {
  createTables, statusForStage,
  type ApplicationRow, type AshbyState, type CandidateRow, type FeedbackFormRow, type InterviewStageRow, type InterviewStageType, type JobRow, type UserRow,
} from './state.ts';

const COMPANY = { name: 'Northwind Robotics', domain: 'northwind-robotics.com' };
const GENERIC_CANDIDATES = 250;

/** Interview plans: their stages in order (title, type) and the interviews held in each. */
const PLANS: Record<'engineering' | 'business' | 'leadership', { title: string; stages: [string, InterviewStageType, string[]][] }> = {
  engineering: {
    title: 'Engineering Interview Plan',
    stages: [
      ['New Lead', 'Lead', []], ['Application Review', 'PreInterviewScreen', []], ['Recruiter Screen', 'Active', ['Recruiter Call']],
      ['Technical Interview', 'Active', ['Coding Exercise', 'System Design']], ['Onsite', 'Active', ['Architecture Deep Dive', 'Team Fit']],
      ['Offer', 'Offer', []], ['Hired', 'Hired', []], ['Archived', 'Archived', []],
    ],
  },
  business: {
    title: 'Business Interview Plan',
    stages: [
      ['New Lead', 'Lead', []], ['Application Review', 'PreInterviewScreen', []], ['Recruiter Screen', 'Active', ['Recruiter Call']],
      ['Hiring Manager Interview', 'Active', ['Hiring Manager Conversation']], ['Case Study', 'Active', ['Case Presentation']],
      ['Offer', 'Offer', []], ['Hired', 'Hired', []], ['Archived', 'Archived', []],
    ],
  },
  leadership: {
    title: 'Leadership Interview Plan',
    stages: [
      ['New Lead', 'Lead', []], ['Recruiter Screen', 'Active', ['Recruiter Call']], ['Executive Interviews', 'Active', ['CEO Conversation', 'Peer Panel']],
      ['References', 'Active', []], ['Offer', 'Offer', []], ['Hired', 'Hired', []], ['Archived', 'Archived', []],
    ],
  },
};

const STAGE_WEIGHTS: Record<'Open' | 'Closed' | 'Archived', readonly (readonly [InterviewStageType, number])[]> = {
  Open: [['Lead', 8], ['PreInterviewScreen', 15], ['Active', 40], ['Offer', 4], ['Hired', 3], ['Archived', 30]],
  Closed: [['Active', 5], ['Offer', 2], ['Hired', 18], ['Archived', 75]],
  Archived: [['Hired', 10], ['Archived', 90]],
};

const TIMEZONES: Record<string, string> = {
  'United Kingdom': 'Europe/London', Ireland: 'Europe/Dublin', Germany: 'Europe/Berlin', Netherlands: 'Europe/Amsterdam',
  Portugal: 'Europe/Lisbon', France: 'Europe/Paris', 'United States': 'America/New_York', Canada: 'America/Toronto', Jersey: 'Europe/Jersey',
};
const TAGS = ['Referral', 'Strong Technical', 'Relocation', 'Visa Required', 'Silver Medalist', 'Diversity Sourcing'] as const;
const SENIORITY = ['', 'Senior ', 'Lead ', 'Junior '];

export function createAshbyState(seed: number): AshbyState {
  const random = createRandom(seed);
  const tables = createTables(() => random.uuid());
  const people = createPeopleGenerator(random, ['Avery Quinn', 'Maya Lindqvist']);
  const daysAgo = (days: number) => addDays(SEED_EPOCH, -days);
  const iso = (date: Date) => date.toISOString();

  // Users; the API keys belong to Avery Quinn.
  const addUser = (firstName: string, lastName: string, globalRole: UserRow['globalRole'], isEnabled = true) =>
    tables.users.insert({ firstName, lastName, email: `${emailLocalPart(firstName, lastName)}@${COMPANY.domain}`, globalRole, isEnabled, updatedAt: iso(daysAgo(random.int(5, 400))) });
  const owner = addUser('Avery', 'Quinn', 'Organization Admin');
  const colleagues = (['Elevated Access', 'Elevated Access', 'Limited Access', 'Limited Access', 'Limited Access', 'Limited Access', 'Elevated Access', 'Limited Access', 'Limited Access', 'Limited Access', 'External Recruiter'] as const)
    .map((role) => {
      const person = people.next();
      return addUser(person.firstName, person.lastName, role);
    });
  for (const role of ['Limited Access', 'Elevated Access'] as const) {
    const person = people.next();
    addUser(person.firstName, person.lastName, role, false);
  }
  const recruiters = colleagues.slice(0, 2);
  const managers = colleagues.slice(2, 7);

  // Organization: departments, locations, sources, archive reasons, feedback forms.
  const departmentIds = new Map<string, string>(DEPARTMENTS.map((name) => [name, tables.departments.insert({ name, isArchived: false }).id]));
  const locations = ([['London', 'United Kingdom', false], ['Berlin', 'Germany', false], ['New York', 'United States', false], ['Remote (Europe)', 'Netherlands', true], ['Toronto', 'Canada', false]] as const)
    .map(([name, country, isRemote]) => tables.locations.insert({ name, city: isRemote ? '' : name, country, isRemote, isArchived: false }));
  const sourceTypes = new Map(['Inbound', 'Outbound', 'Referral', 'Agency'].map((title) => [title, { id: random.uuid(), title, isArchived: false }]));
  const sources = ([['Careers Page', 'Inbound'], ['LinkedIn Job Post', 'Inbound'], ['LinkedIn Sourcing', 'Outbound'], ['Employee Referral', 'Referral'], ['Talent Partners Ltd', 'Agency']] as const)
    .map(([title, type]) => tables.sources.insert({ title, isArchived: false, sourceType: sourceTypes.get(type)! }));
  const reasons = ([
    ['Skills mismatch', 'RejectedByOrg'], ['Not enough experience', 'RejectedByOrg'], ['Failed technical interview', 'RejectedByOrg'], ['Position filled', 'RejectedByOrg'],
    ['Accepted another offer', 'RejectedByCandidate'], ['Compensation expectations', 'RejectedByCandidate'], ['Withdrew application', 'RejectedByCandidate'], ['Duplicate application', 'Other'],
  ] as const).map(([text, reasonType]) => tables.archiveReasons.insert({ text, reasonType, isArchived: false }));
  tables.archiveReasons.insert({ text: 'Headcount frozen (legacy)', reasonType: 'Other', isArchived: true });
  const tags = new Map(TAGS.map((title) => [title, tables.tags.insert({ title, isArchived: false }).id]));
  tables.tags.insert({ title: 'Event 2024', isArchived: true });
  const field = (path: string, title: string, type: FeedbackFormRow['fields'][number]['type'], isRequired: boolean, selectableValues?: string[]) =>
    ({ id: random.uuid(), path, title, type, isRequired, ...(selectableValues ? { selectableValues } : {}) });
  const forms = {
    scorecard: tables.feedbackForms.insert({
      title: 'Interview Scorecard',
      fields: [
        field('overall_recommendation', 'Overall recommendation', 'Score', true),
        field('strengths', 'Strengths', 'RichText', true),
        field('concerns', 'Concerns', 'RichText', false),
      ],
    }),
    screen: tables.feedbackForms.insert({
      title: 'Recruiter Screen',
      fields: [
        field('interest_level', 'Interest level', 'ValueSelect', true, ['High', 'Medium', 'Low']),
        field('salary_in_band', 'Salary expectations within band', 'Boolean', true),
        field('notes', 'Notes', 'RichText', false),
      ],
    }),
  };

  // Interview plans with their stages and interviews; one archived plan nobody uses.
  const stagesOf = new Map<string, InterviewStageRow[]>();
  const addPlan = (title: string, stages: [string, InterviewStageType, string[]][], isArchived = false) => {
    const plan = tables.interviewPlans.insert({ title, isArchived });
    stagesOf.set(plan.id, stages.map(([stageTitle, type, interviews], index) => {
      const stage = tables.interviewStages.insert({ interviewPlanId: plan.id, title: stageTitle, type, orderInInterviewPlan: index });
      for (const interview of interviews) tables.interviews.insert({ activityId: random.uuid(), interviewStageId: stage.id, title: interview, durationMinutes: random.pick([30, 45, 60]) });
      return stage;
    }));
    return plan;
  };
  const plans = {
    engineering: addPlan(PLANS.engineering.title, PLANS.engineering.stages),
    business: addPlan(PLANS.business.title, PLANS.business.stages),
    leadership: addPlan(PLANS.leadership.title, PLANS.leadership.stages),
  };
  addPlan('Sales Interview Plan (2024)', PLANS.business.stages, true);
  const stage = (planId: string, title: string) => stagesOf.get(planId)!.find((row) => row.title === title)!;

  // Jobs.
  let requisition = 100;
  const addJob = (title: string, department: string, status: JobRow['status'], planId: string, confidential = false): JobRow => {
    const createdAt = daysAgo(random.int(30, 360));
    const openedAt = status === 'Draft' ? null : addDays(createdAt, random.int(1, 10));
    const closedAt = status === 'Closed' || status === 'Archived' ? addDays(openedAt ?? createdAt, random.int(40, 120)) : null;
    return tables.jobs.insert({
      title,
      confidential,
      status,
      employmentType: random.weighted([['FullTime', 9], ['PartTime', 1], ['Contract', 1]] as const),
      departmentId: departmentIds.get(department) ?? departmentIds.get('Operations')!,
      locationId: random.pick(locations).id,
      defaultInterviewPlanId: planId,
      customRequisitionId: `REQ-${(requisition += 1)}`,
      hiringTeam: [{ userId: random.pick(managers).id, role: 'Hiring Manager' }, { userId: random.pick(recruiters).id, role: 'Recruiter' }],
      createdAt: iso(createdAt),
      updatedAt: iso(earliest(addDays(closedAt ?? openedAt ?? createdAt, random.int(0, 20)), SEED_EPOCH)),
      openedAt: openedAt && iso(openedAt),
      closedAt: closedAt && iso(closedAt),
    });
  };
  const planFor = (title: string, department: string) =>
    /^(Head|Chief|VP)\b/.test(title) ? plans.leadership.id : ['Engineering', 'Data'].includes(department) ? plans.engineering.id : plans.business.id;
  const backend = addJob('Senior Backend Engineer', 'Engineering', 'Open', plans.engineering.id);
  const vp = addJob('VP of Engineering', 'Engineering', 'Open', plans.leadership.id, true);
  const statuses = random.covering([['Open', 16], ['Closed', 5], ['Archived', 3], ['Draft', 3]] as const, JOB_TEMPLATES.length);
  const jobs = JOB_TEMPLATES.map((template, index) => addJob(
    template.title, template.department, statuses[index] ?? 'Open', planFor(template.title, template.department),
    template.title === 'Head of People' || template.title === 'Chief Financial Officer',
  ));

  // Candidates.
  const addCandidate = (person: Person, tagTitles: readonly (typeof TAGS)[number][] = [], createdDaysAgo?: number): CandidateRow => {
    const createdAt = createdDaysAgo === undefined ? randomMoment(random, daysAgo(420), daysAgo(3)) : daysAgo(createdDaysAgo);
    return tables.candidates.insert({
      name: `${person.firstName} ${person.lastName}`,
      email: person.email,
      phone: random.chance(0.85) ? person.phone : null,
      linkedInUrl: random.chance(0.7) ? linkedInUrl(person.firstName, person.lastName) : null,
      position: `${random.pick(SENIORITY)}${random.pick(JOB_TEMPLATES).title}`,
      company: random.pick(COMPANIES),
      school: random.chance(0.8) ? random.pick(SCHOOLS) : null,
      tagIds: tagTitles.map((title) => tags.get(title)!),
      sourceId: random.pick(sources).id,
      creditedToUserId: random.chance(0.6) ? random.pick(recruiters).id : null,
      timezone: TIMEZONES[person.place.country] ?? null,
      createdAt: iso(createdAt),
      updatedAt: iso(addDays(createdAt, random.int(0, 3))),
    });
  };

  // Applications, with the stage visits that led to the current stage.
  const addApplication = (candidate: CandidateRow, job: JobRow, current: InterviewStageRow, createdDaysAgo?: number): ApplicationRow => {
    // Never before the candidate existed or the job opened, and while the job was open.
    const from = new Date(Math.max(Date.parse(candidate.createdAt), Date.parse(job.openedAt ?? job.createdAt)));
    const createdAt = createdDaysAgo === undefined
      ? randomMoment(random, from, earliest(addDays(from, 120), job.closedAt ? new Date(Math.max(Date.parse(job.closedAt), from.getTime())) : daysAgo(2)))
      : new Date(Math.max(daysAgo(createdDaysAgo).getTime(), from.getTime()));
    const updatedAt = randomMoment(random, createdAt, earliest(addDays(createdAt, 45), SEED_EPOCH));
    const plan = stagesOf.get(job.defaultInterviewPlanId)!;
    const path = current.type === 'Archived'
      ? [...plan.slice(0, random.int(1, plan.length - 3)), current]
      : plan.filter((row) => row.orderInInterviewPlan <= current.orderInInterviewPlan && row.type !== 'Archived' && (row.type !== 'Lead' || current.type === 'Lead'));
    const step = (updatedAt.getTime() - createdAt.getTime()) / Math.max(1, path.length - 1);
    const history = path.map((row, index) => ({
      id: random.uuid(),
      stageId: row.id,
      enteredStageAt: iso(new Date(createdAt.getTime() + step * index)),
      leftStageAt: index === path.length - 1 ? null : iso(new Date(createdAt.getTime() + step * (index + 1))),
    }));
    const status = statusForStage(current.type);
    return tables.applications.insert({
      candidateId: candidate.id,
      jobId: job.id,
      interviewPlanId: job.defaultInterviewPlanId,
      currentInterviewStageId: current.id,
      status,
      sourceId: candidate.sourceId,
      archiveReasonId: status === 'Archived' ? random.pick(reasons).id : null,
      archivedAt: status === 'Archived' ? iso(updatedAt) : null,
      creditedToUserId: candidate.creditedToUserId,
      history,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    });
  };

  const maya = addCandidate({ firstName: 'Maya', lastName: 'Lindqvist', email: 'maya.lindqvist@proton.me', phone: '+44 7700 900417', place: { city: 'London', country: 'United Kingdom' } }, ['Strong Technical'], 35);
  const mayaApplication = addApplication(maya, backend, stage(plans.engineering.id, 'Technical Interview'), 21);
  const generic = Array.from({ length: GENERIC_CANDIDATES }, () => addCandidate(people.next(), random.sample(TAGS, random.weighted([[0, 6], [1, 3], [2, 1]] as const))));
  const confidentialOnly = generic.slice(0, 3);
  const vpApplications = confidentialOnly.map((candidate, index) =>
    addApplication(candidate, vp, stage(plans.leadership.id, ['Recruiter Screen', 'Executive Interviews', 'References'][index]!), 30 - index * 7));
  const openJobs = [backend, ...jobs].filter((job) => job.status !== 'Draft');
  for (const candidate of generic.slice(3)) {
    const applied = random.sample(openJobs, random.weighted([[0, 1], [1, 7], [2, 2]] as const));
    for (const job of applied) {
      const plan = stagesOf.get(job.defaultInterviewPlanId)!;
      const type = random.weighted(STAGE_WEIGHTS[job.status as keyof typeof STAGE_WEIGHTS].filter(([stageType]) => plan.some((row) => row.type === stageType)));
      addApplication(candidate, job, random.pick(plan.filter((row) => row.type === type)));
    }
  }
  vpApplications.push(addApplication(generic[3]!, vp, stage(plans.leadership.id, 'New Lead'), 4));

  // Notes on candidates, and feedback on applications past the recruiter screen.
  const addNote = (candidateId: string, content: string, authorId: string, at: Date) =>
    tables.notes.insert({ candidateId, authorId, content, createdAt: iso(at) });
  const mayaNotes = [
    addNote(maya.id, 'Recruiter screen: relocating from Stockholm in January, notice period one month. Very interested in the platform team.', recruiters[0]!.id, daysAgo(18)),
    addNote(maya.id, 'Technical interview booked for <b>Thursday</b> with the payments pod.', recruiters[1]!.id, daysAgo(9)),
  ];
  for (const candidate of generic) {
    const created = new Date(candidate.createdAt);
    for (let count = random.weighted([[0, 4], [1, 4], [2, 2]] as const); count > 0; count--) {
      addNote(candidate.id, random.pick([...RECRUITER_NOTES, ...MIXED_FEEDBACK]), random.pick(colleagues).id, randomMoment(random, created, SEED_EPOCH));
    }
  }
  const addFeedback = (application: ApplicationRow, at: Date, outcome: 'good' | 'mixed' | 'poor', author: UserRow) => {
    const visit = application.history.find((row) => tables.interviews.find((interview) => interview.interviewStageId === row.stageId));
    const interview = visit && tables.interviews.find((row) => row.interviewStageId === visit.stageId);
    const pool = outcome === 'good' ? POSITIVE_FEEDBACK : outcome === 'mixed' ? MIXED_FEEDBACK : NEGATIVE_FEEDBACK;
    const score = outcome === 'good' ? random.int(3, 4) : outcome === 'mixed' ? random.int(2, 3) : random.int(1, 2);
    tables.feedback.insert({
      applicationId: application.id,
      formId: forms.scorecard.id,
      submittedByUserId: author.id,
      interviewId: interview?.id ?? null,
      applicationHistoryId: visit?.id ?? null,
      submittedValues: scorecard(forms.scorecard, score, random.pick(pool), outcome === 'good' ? null : random.pick(MIXED_FEEDBACK)),
      submittedAt: iso(at),
    });
  };
  addFeedback(mayaApplication, daysAgo(14), 'good', managers[0]!);
  addFeedback(mayaApplication, daysAgo(13), 'mixed', managers[1]!);
  for (const application of tables.applications.all()) {
    if (application.id === mayaApplication.id || application.history.length < 4) continue;
    const outcome = application.status === 'Archived' ? 'poor' : application.status === 'Active' ? 'mixed' : 'good';
    const from = new Date(application.createdAt);
    for (const author of random.sample(managers, random.int(1, 2))) addFeedback(application, randomMoment(random, from, new Date(application.updatedAt)), outcome, author);
  }

  const mayaPlan = stagesOf.get(plans.engineering.id)!;
  return {
    organization: COMPANY,
    ...tables,
    planted: {
      apiKeyUserId: owner.id,
      maya: {
        candidateId: maya.id,
        email: maya.email!,
        applicationId: mayaApplication.id,
        jobId: backend.id,
        interviewPlanId: plans.engineering.id,
        currentStageId: mayaApplication.currentInterviewStageId,
        nextStageId: stage(plans.engineering.id, 'Onsite').id,
        noteIds: mayaNotes.map((note) => note.id),
      },
      confidential: {
        jobId: vp.id,
        applicationIds: vpApplications.map((application) => application.id),
        candidateIds: tables.candidates.where((candidate) => {
          const applications = tables.applications.where((application) => application.candidateId === candidate.id);
          return applications.length > 0 && applications.every((application) => tables.jobs.get(application.jobId)!.confidential);
        }).map((candidate) => candidate.id),
      },
      foreignStageId: stage(plans.business.id, 'Case Study').id,
      archivedStageId: mayaPlan.find((row) => row.type === 'Archived')!.id,
      archiveReasonId: reasons[0]!.id,
    },
  };
}

/** Submitted values of the scorecard form: a 1–4 score and rich-text answers. */
function scorecard(form: FeedbackFormRow, score: number, strengths: string, concerns: string | null): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (field.type === 'Score') values[field.path] = { score };
    else if (field.path === 'strengths') values[field.path] = { type: 'PlainText', value: strengths };
    else if (concerns !== null) values[field.path] = { type: 'PlainText', value: concerns };
  }
  return values;
}
