import {
  JOB_TEMPLATES, MIXED_FEEDBACK, NEGATIVE_FEEDBACK, POSITIVE_FEEDBACK, RECRUITER_NOTES,
} from '../shared/fixtures.ts';
import { contactColumns, createPeopleGenerator, emailLocalPart, linkedInUrl } from '../shared/people.ts';
import type { Person } from '../shared/people.ts';
import { addDays, createRandom, earliest, randomMoment, SEED_EPOCH } from '../shared/random.ts';
import { toSafeHtml } from './html.ts';
import { applicationConfirmation } from './messages.ts';
import { createEmptyTables, statusForStage } from './state.ts';
import type {
  CandidateRow, HiringStageRow, JobApplicationRow, JobRow, OrganizationUserRow, PolymerState, ReviewRating, ReviewRow, StageType,
} from './state.ts';

const COMPANY_DOMAIN = 'lumen-analytics.com';
const GENERIC_CANDIDATES = 272;

type Pipeline = readonly (readonly [string, StageType])[];

const STANDARD_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['Screening', 'review'], ['Interview', 'interview'], ['Final Interview', 'interview'],
  ['Offer', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];
const ENGINEERING_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['Recruiter Screen', 'review'], ['Technical Interview', 'interview'], ['Onsite Interview', 'interview'],
  ['Offer', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];
const JOB_102_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['Recruiter Screen', 'review'], ['Technical Interview', 'interview'], ['Executive Interview', 'interview'],
  ['Offer Pending', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];

const STAGE_WEIGHTS: Record<JobRow['status'], readonly (readonly [StageType, number])[]> = {
  published: [['applied', 30], ['review', 20], ['interview', 20], ['offer', 5], ['hired', 3], ['rejected', 22]],
  archived: [['applied', 2], ['review', 3], ['interview', 5], ['offer', 2], ['hired', 15], ['rejected', 73]],
  draft: [],
};

const RATINGS_BY_OUTCOME: Record<'good' | 'mixed' | 'poor', readonly ReviewRating[]> = {
  good: ['strong_yes', 'strong_yes', 'weak_yes'],
  mixed: ['weak_yes', 'weak_no', 'no_rating', 'strong_yes'],
  poor: ['weak_no', 'strong_no', 'strong_no'],
};

export function createPolymerState(seed: number): PolymerState {
  const random = createRandom(seed);
  const tables = createEmptyTables();
  const people = createPeopleGenerator(random, ['Jane Smith', 'Priya Raman', 'Alex Morgan']);
  const daysAgo = (days: number) => addDays(SEED_EPOCH, -days);
  const iso = (date: Date) => date.toISOString();
  const founded = iso(daysAgo(1100));

  // Organization users; the API key belongs to Alex Morgan.
  const addUser = (person: Pick<Person, 'firstName' | 'lastName'>, role: OrganizationUserRow['role'], deactivatedDaysAgo?: number) =>
    tables.organizationUsers.insert({
      first_name: person.firstName,
      last_name: person.lastName,
      email: `${emailLocalPart(person.firstName, person.lastName)}@${COMPANY_DOMAIN}`,
      role,
      deactivated_at: deactivatedDaysAgo === undefined ? null : iso(daysAgo(deactivatedDaysAgo)),
      created_at: founded,
    });
  const owner = addUser({ firstName: 'Alex', lastName: 'Morgan' }, 'admin');
  const colleagues = (['recruiter', 'recruiter', 'hiring_manager', 'hiring_manager', 'hiring_manager', 'interviewer', 'interviewer', 'interviewer', 'interviewer', 'interviewer', 'recruiter', 'hiring_manager'] as const)
    .map((role) => addUser(people.next(), role));
  for (const days of [40, 120, 300]) addUser(people.next(), random.pick(['recruiter', 'interviewer'] as const), days);
  const managers = colleagues.filter((user) => user.role === 'hiring_manager');

  // Jobs with their hiring stages, in pipeline order.
  const stagesOfJob = new Map<number, HiringStageRow[]>();
  const addJob = (title: string, department: string, status: JobRow['status'], pipeline: Pipeline, id?: number): JobRow => {
    const createdAt = daysAgo(random.int(25, 330));
    const workplace = random.weighted([['hybrid', 5], ['on_site', 3], ['remote', 2]] as const);
    const job = tables.jobs.insert(
      {
        title,
        status,
        is_public: status === 'published' && random.chance(0.85),
        department,
        location: workplace === 'remote' ? 'Remote' : random.pick(['London', 'London', 'Manchester', 'Amsterdam', 'New York']),
        workplace_type: workplace,
        employment_type: random.weighted([['full_time', 8], ['part_time', 1], ['contract', 1]] as const),
        description: `<p>Lumen Analytics is hiring a ${title} to join the ${department} team.</p>`,
        hiring_manager_id: random.pick(managers).id,
        published_at: status === 'draft' ? null : iso(addDays(createdAt, random.int(1, 5))),
        created_at: iso(createdAt),
        updated_at: iso(addDays(createdAt, random.int(5, 20))),
      },
      id,
    );
    stagesOfJob.set(job.id, pipeline.map(([name, stageType], index) =>
      tables.hiringStages.insert({ job_id: job.id, name, position: index + 1, stage_type: stageType })));
    return job;
  };
  const job102 = addJob('Senior Backend Engineer', 'Engineering', 'published', JOB_102_PIPELINE, 102);
  const frontendDeveloper = addJob('Frontend Developer', 'Engineering', 'published', ENGINEERING_PIPELINE);
  const dataEngineer = addJob('Data Engineer', 'Data', 'published', ENGINEERING_PIPELINE);
  const templates = JOB_TEMPLATES.slice(0, 26);
  const statuses = random.covering([['published', 13], ['draft', 3], ['archived', 4]] as const, templates.length);
  const genericJobs = templates.map((template, index) =>
    addJob(
      template.title,
      template.department,
      statuses[index] ?? 'published',
      template.department === 'Engineering' ? ENGINEERING_PIPELINE : STANDARD_PIPELINE,
    ));
  const stagesOf = (jobId: number) => stagesOfJob.get(jobId) ?? [];
  const stageNamed = (jobId: number, name: string): HiringStageRow => {
    const stage = stagesOf(jobId).find((row) => row.name === name);
    if (!stage) throw new Error(`job ${jobId} has no stage ${name}`);
    return stage;
  };

  // Candidates.
  const addCandidate = (person: Person, id?: number): CandidateRow => {
    const createdAt = randomMoment(random, daysAgo(420), daysAgo(4));
    return tables.candidates.insert(
      {
        ...contactColumns(person),
        location: `${person.place.city}, ${person.place.country}`,
        linkedin_url: random.chance(0.6) ? linkedInUrl(person.firstName, person.lastName) : null,
        created_at: iso(createdAt),
        updated_at: iso(addDays(createdAt, random.int(0, 15))),
      },
      id,
    );
  };
  const jane = addCandidate({ firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@gmail.com', phone: '+44 7700 900321', place: { city: 'Bristol', country: 'United Kingdom' } });
  const priya = addCandidate({ firstName: 'Priya', lastName: 'Raman', email: 'priya.raman@outlook.com', phone: '+44 7700 900654', place: { city: 'London', country: 'United Kingdom' } }, 98765);
  const generic = Array.from({ length: GENERIC_CANDIDATES }, () => addCandidate(people.next()));
  const unused = [...generic];
  const takeCandidate = () => unused.splice(random.int(0, unused.length - 1), 1)[0] ?? random.pick(generic);

  // Applications, with the stage history that led them to their current stage.
  const addApplication = (candidate: CandidateRow, job: JobRow, stage: HiringStageRow, options: { id?: number; daysAgo?: number; withdrawn?: boolean } = {}): JobApplicationRow => {
    const opened = new Date(job.published_at ?? job.created_at);
    const createdAt = options.daysAgo === undefined ? randomMoment(random, opened, earliest(addDays(opened, 150), daysAgo(2))) : daysAgo(options.daysAgo);
    const updatedAt = randomMoment(random, createdAt, earliest(addDays(createdAt, 40), SEED_EPOCH));
    const status = options.withdrawn ? 'archived' : statusForStage(stage);
    const application = tables.jobApplications.insert(
      {
        job_id: job.id,
        candidate_id: candidate.id,
        hiring_stage_id: stage.id,
        status,
        source: random.weighted([['applied', 7], ['imported', 1], ['sourced', 1], ['referred', 1]] as const),
        archived_at: status === 'archived' ? iso(updatedAt) : null,
        created_at: iso(createdAt),
        updated_at: iso(updatedAt),
      },
      options.id,
    );
    recordHistory(application, stage, createdAt, updatedAt);
    tables.messages.insert({ job_application_id: application.id, ...applicationConfirmation(job.title, candidate.first_name), created_at: iso(createdAt) });
    if (random.chance(0.2)) {
      tables.messages.insert({
        job_application_id: application.id,
        direction: 'inbound',
        subject: `Re: Thanks for applying to ${job.title}`,
        body: `<p>Thank you! Happy to share more details about my experience if useful.</p><p>Best, ${candidate.first_name}</p>`,
        created_at: iso(randomMoment(random, createdAt, updatedAt)),
      });
    }
    return application;
  };
  const recordHistory = (application: JobApplicationRow, current: HiringStageRow, from: Date, to: Date) => {
    const pipeline = stagesOf(application.job_id);
    const path = current.stage_type === 'rejected'
      ? [...pipeline.slice(0, random.int(1, Math.max(1, pipeline.length - 3))), current]
      : pipeline.filter((stage) => stage.position <= current.position);
    const step = (to.getTime() - from.getTime()) / Math.max(1, path.length - 1);
    path.forEach((stage, index) => {
      tables.hiringStageEvents.insert({
        job_application_id: application.id,
        from_hiring_stage_id: path[index - 1]?.id ?? null,
        to_hiring_stage_id: stage.id,
        moved_by_id: index === 0 ? null : random.pick(colleagues).id,
        created_at: iso(new Date(from.getTime() + step * index)),
      });
    });
  };

  const janeApplication = addApplication(jane, frontendDeveloper, stageNamed(frontendDeveloper.id, 'Technical Interview'), { daysAgo: 18 });
  const application44321 = addApplication(takeCandidate(), job102, stageNamed(job102.id, 'Executive Interview'), { id: 44321, daysAgo: 26 });
  const application55432 = addApplication(takeCandidate(), dataEngineer, stageNamed(dataEngineer.id, 'Technical Interview'), { id: 55432, daysAgo: 15 });
  const priyaJobs = genericJobs.filter((job) => job.status === 'published' && job.department === 'Data');
  const priyaActive = [
    addApplication(priya, dataEngineer, stageNamed(dataEngineer.id, 'Recruiter Screen'), { daysAgo: 9 }),
    addApplication(priya, priyaJobs[0] ?? frontendDeveloper, stagesOf((priyaJobs[0] ?? frontendDeveloper).id)[2] ?? stageNamed(frontendDeveloper.id, 'Applied'), { daysAgo: 20 }),
  ];
  addApplication(priya, job102, stageNamed(job102.id, 'Recruiter Screen'), { daysAgo: 60, withdrawn: true });

  const applied = new Set(tables.jobApplications.all().map((application) => `${application.candidate_id}:${application.job_id}`));
  const openJobs = [job102, frontendDeveloper, dataEngineer, ...genericJobs].filter((job) => job.status !== 'draft');
  for (const candidate of unused) {
    for (const job of random.sample(openJobs, random.weighted([[0, 1], [1, 7], [2, 2]] as const))) {
      if (applied.has(`${candidate.id}:${job.id}`)) continue;
      applied.add(`${candidate.id}:${job.id}`);
      const stageType = random.weighted(STAGE_WEIGHTS[job.status]);
      const stage = random.pick(stagesOf(job.id).filter((row) => row.stage_type === stageType));
      addApplication(candidate, job, stage, { withdrawn: stageType !== 'hired' && stageType !== 'rejected' && random.chance(0.05) });
    }
  }

  // Reviews and comments from colleagues (never from the key owner, except where noted).
  const addReview = (applicationId: number, rating: ReviewRating, body: string, author: OrganizationUserRow, at: Date): ReviewRow => {
    const time = iso(at);
    return tables.reviews.insert({ job_application_id: applicationId, author_id: author.id, rating, body: toSafeHtml(body), created_at: time, updated_at: time });
  };
  const addComment = (applicationId: number, body: string, author: OrganizationUserRow, at: Date) => {
    const time = iso(at);
    return tables.comments.insert({ job_application_id: applicationId, author_id: author.id, body: toSafeHtml(body), created_at: time, updated_at: time });
  };
  const [engineerA, engineerB, engineerC] = [colleagues[5] ?? owner, colleagues[6] ?? owner, colleagues[2] ?? owner];
  const janeReviews = [
    addReview(janeApplication.id, 'strong_yes', 'Excellent React fundamentals. Built the component exercise with clean state management and good accessibility instincts.', engineerA, daysAgo(12)),
    addReview(janeApplication.id, 'weak_yes', 'Solid CSS and testing knowledge. Less experience with performance profiling; would pair well with a senior.', engineerB, daysAgo(10)),
    addReview(janeApplication.id, 'weak_no', 'Struggled to explain trade-offs between server and client rendering. Communication otherwise clear.', engineerC, daysAgo(8)),
  ];
  const reviews44321 = [
    addReview(application44321.id, 'strong_yes', 'Technical interview: designed a sharded job queue with sensible back-pressure and idempotency keys. Very strong on PostgreSQL internals.', engineerA, daysAgo(19)),
    addReview(application44321.id, 'weak_yes', 'Good systems knowledge. Red flag: was dismissive when asked about on-call and incident reviews; worth probing in the executive round.', engineerB, daysAgo(17)),
    addReview(application44321.id, 'strong_yes', 'Pair programming: wrote well-tested Go, refactored under time pressure without breaking the suite.', engineerC, daysAgo(15)),
  ];
  const comment44321 = addComment(application44321.id, 'Executive interview booked with the CTO for next Tuesday. Candidate has a competing offer, decision needed within two weeks.', colleagues[0] ?? owner, daysAgo(5));
  addReview(application55432.id, 'weak_yes', 'Recruiter screen went well; strong SQL, some gaps in streaming systems.', colleagues[0] ?? owner, daysAgo(12));
  const latest55432 = addReview(application55432.id, 'strong_yes', 'Technical interview: built a reliable incremental pipeline in dbt and Airflow, excellent data-modelling judgement. Strong hire.', engineerA, daysAgo(3));

  const planted = new Set([janeApplication.id, application44321.id, application55432.id]);
  const stageOf = (application: JobApplicationRow) => tables.hiringStages.get(application.hiring_stage_id);
  for (const application of tables.jobApplications.all()) {
    const stage = stageOf(application);
    if (!stage || planted.has(application.id)) continue;
    const from = new Date(application.created_at);
    const to = new Date(application.updated_at);
    if (['interview', 'offer', 'hired', 'rejected'].includes(stage.stage_type) && random.chance(0.8)) {
      const outcome = stage.stage_type === 'rejected' ? 'poor' : stage.stage_type === 'interview' ? 'mixed' : 'good';
      const pool = outcome === 'poor' ? NEGATIVE_FEEDBACK : outcome === 'mixed' ? MIXED_FEEDBACK : POSITIVE_FEEDBACK;
      for (const author of random.sample(colleagues, random.int(1, 3))) {
        addReview(application.id, random.pick(RATINGS_BY_OUTCOME[outcome]), random.pick(pool), author, randomMoment(random, from, to));
      }
    }
    if (random.chance(0.35)) {
      const author = random.chance(0.1) ? owner : random.pick(colleagues);
      addComment(application.id, random.pick(RECRUITER_NOTES), author, randomMoment(random, from, to));
    }
  }

  return {
    organization: { id: 1, name: 'Lumen Analytics', slug: 'lumen-analytics', website: `https://${COMPANY_DOMAIN}`, created_at: founded },
    ...tables,
    planted: {
      apiKeyOwnerUserId: owner.id,
      janeSmith: {
        candidateId: jane.id,
        frontendDeveloperJobId: frontendDeveloper.id,
        jobApplicationId: janeApplication.id,
        reviewIds: janeReviews.map((review) => review.id),
      },
      job102: {
        jobId: job102.id,
        executiveInterviewStageId: stageNamed(job102.id, 'Executive Interview').id,
        offerPendingStageId: stageNamed(job102.id, 'Offer Pending').id,
      },
      jobApplication44321: {
        jobApplicationId: application44321.id,
        jobId: job102.id,
        reviewIds: reviews44321.map((review) => review.id),
        commentIdByAnotherUser: comment44321.id,
      },
      jobApplication55432: {
        jobApplicationId: application55432.id,
        jobId: dataEngineer.id,
        currentHiringStageId: application55432.hiring_stage_id,
        nextHiringStageId: stageNamed(dataEngineer.id, 'Onsite Interview').id,
        latestReviewId: latest55432.id,
      },
      candidate98765: { candidateId: priya.id, activeJobApplicationIds: priyaActive.map((application) => application.id) },
    },
  };
}
