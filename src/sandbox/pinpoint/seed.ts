import {
  CANDIDATE_SUMMARIES, JOB_TEMPLATES, MIXED_FEEDBACK, NEGATIVE_FEEDBACK, PLACES, POSITIVE_FEEDBACK, RECRUITER_NOTES,
} from '../shared/fixtures.ts';
import type { JobTemplate } from '../shared/fixtures.ts';
import { createPeopleGenerator, emailLocalPart } from '../shared/people.ts';
import type { Person } from '../shared/people.ts';
import { addDays, createRandom, earliest, randomMoment } from '../shared/random.ts';
import { seedCompany } from './seed-company.ts';
import { addInterviewParts, interviewStageOf, seedApplicationRecords } from './seed-records.ts';
import { seedRequisitionForms } from './seed-requisitions.ts';
import { addPipeline, createEmptyTables, pinpointTime } from './state.ts';
import type {
  ApplicationRow, CandidateRow, ContactDetails, CustomFieldRow, CustomFieldType, CustomValue, JobRow, PinpointPlanted, PinpointState, Pipeline,
  StageType, UserRow,
} from './state.ts';

/** Seeded data is dated relative to this moment, so the same seed always gives the same records. */
export const PINPOINT_SEED_ANCHOR = new Date('2026-11-01T09:00:00Z');

const GENERIC_CANDIDATES = 276;

const STANDARD_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['Review', 'review'], ['Interview', 'interview'], ['Offer', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];
const ENGINEERING_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['CV Review', 'review'], ['Phone Screen', 'review'], ['Technical Interview', 'interview'],
  ['Final Interview', 'interview'], ['Offer', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];
const EXECUTIVE_PIPELINE: Pipeline = [
  ['Applied', 'applied'], ['Search Committee Review', 'review'], ['First Interview', 'interview'], ['Board Panel', 'interview'],
  ['Offer', 'offer'], ['Hired', 'hired'], ['Rejected', 'rejected'],
];

/** How candidates found the company: channel and its human-readable source. */
const CHANNELS = [
  { channel: 'careers_site', channel_source: 'Careers site' },
  { channel: 'careers_site', channel_source: 'Careers site' },
  { channel: 'job_board', channel_source: 'LinkedIn Jobs' },
  { channel: 'referral', channel_source: 'Employee referral' },
  { channel: 'manual', channel_source: 'Added manually' },
] as const;

const CONFIDENTIAL_TITLES = new Set(['Chief Financial Officer', 'Head of People']);
const INTERNAL_TITLES = new Set(['Talent Partner', 'Office Manager', 'Business Operations Analyst']);

const OPEN_JOB_STAGES: readonly (readonly [StageType, number])[] = [
  ['applied', 30], ['review', 22], ['interview', 18], ['offer', 5], ['hired', 3], ['rejected', 22],
];
const FINISHED_JOB_STAGES: readonly (readonly [StageType, number])[] = [
  ['applied', 2], ['review', 3], ['interview', 5], ['offer', 3], ['hired', 15], ['rejected', 72],
];

interface JobPlan {
  title: string;
  department: string;
  status: string;
  visibility: string;
  pipeline: Pipeline;
  id?: number;
}

export function createPinpointState(seed: number): PinpointState {
  const random = createRandom(seed);
  const tables = createEmptyTables();
  const people = createPeopleGenerator(random, ['Sarah Jenkins', 'Marcus Reid']);
  const daysAgo = (days: number) => addDays(PINPOINT_SEED_ANCHOR, -days);
  const time = (date: Date) => pinpointTime(date);

  // People who work at the company and how it is organised.
  const created = time(daysAgo(900));
  const company = seedCompany(tables, random, people, created);
  const { systemUser, staff, departmentIds, divisions, locations, workflows } = company;

  // Jobs, each with its own stages.
  const stagesOfJob = new Map<number, ReturnType<typeof addPipeline>>();
  const addJob = (plan: JobPlan): JobRow => {
    const openedAt = daysAgo(random.int(20, 320));
    const engineering = plan.pipeline === ENGINEERING_PIPELINE;
    const executive = plan.pipeline === EXECUTIVE_PIPELINE;
    const minimum = executive ? random.int(15, 22) * 10_000 : random.int(3, 9) * 10_000;
    const jobCreated = time(addDays(openedAt, -random.int(2, 10)));
    const workplace = random.weighted([['hybrid', 5], ['onsite', 3], ['remote', 2]] as const);
    const job = tables.jobs.insert(
      {
        title: plan.title,
        description: `<div>Join the ${plan.department} team at Brightwave as our next ${plan.title}.</div>`,
        ...jobSections(plan.title, plan.department),
        status: plan.status,
        visibility: plan.visibility,
        employment_type: random.weighted([['full_time', 8], ['part_time', 1], ['fixed_term_contract', 1]] as const),
        workplace_type: workplace,
        compensation_minimum: minimum,
        compensation_maximum: minimum + random.int(1, 4) * 5_000,
        compensation_currency: 'GBP',
        compensation_frequency: 'year',
        compensation_visible: plan.visibility === 'external' && random.chance(0.7),
        reporting_to: executive ? 'CEO' : `Head of ${plan.department}`,
        opened_at: plan.status === 'draft' ? null : time(openedAt),
        deadline_at: plan.status === 'open' ? time(addDays(PINPOINT_SEED_ANCHOR, random.int(14, 60))) : null,
        structure_link_id: null,
        department_id: departmentIds.get(plan.department) ?? null,
        division_id: random.pick(divisions).id,
        location_id: workplace === 'remote' ? (locations.at(-1)?.id ?? null) : random.pick(locations.slice(0, -1)).id,
        structure_custom_group_one_id: null,
        requisition_id: null,
        hiring_user_id: random.pick(staff).id,
        recruitment_manager_user_id: null,
        selected_hiring_workflow_id: (executive ? workflows[2] : engineering ? workflows[1] : workflows[0])?.id ?? null,
        created_at: jobCreated,
        updated_at: time(addDays(openedAt, random.int(0, 15))),
      },
      plan.id,
    );
    const recruiter = company.talentTeam[job.id % company.talentTeam.length];
    tables.jobs.update(job, { ...company.fileJob(job, plan.department), recruitment_manager_user_id: recruiter?.id ?? null });
    stagesOfJob.set(job.id, addPipeline(tables, job.id, plan.pipeline, jobCreated));
    return job;
  };
  const pipelineFor = (template: JobTemplate): Pipeline =>
    template.department === 'Engineering' ? ENGINEERING_PIPELINE : template.title.startsWith('Chief') || template.title.startsWith('Head of') ? EXECUTIVE_PIPELINE : STANDARD_PIPELINE;

  const productManager = addJob({ title: 'Product Manager', department: 'Product', status: 'open', visibility: 'external', pipeline: STANDARD_PIPELINE });
  const seniorBackend = addJob({ id: 1234, title: 'Senior Backend Developer', department: 'Engineering', status: 'open', visibility: 'external', pipeline: ENGINEERING_PIPELINE });
  const juniorAnalyst = addJob({ id: 8899, title: 'Junior Analyst', department: 'Data', status: 'open', visibility: 'external', pipeline: STANDARD_PIPELINE });
  const vpEngineering = addJob({ title: 'VP of Engineering', department: 'Engineering', status: 'open', visibility: 'confidential', pipeline: EXECUTIVE_PIPELINE });
  const statuses = random.covering([['open', 12], ['closed', 3], ['draft', 2], ['archived', 3]] as const, JOB_TEMPLATES.length);
  const genericJobs = JOB_TEMPLATES.map((template, index) =>
    addJob({
      title: template.title,
      department: template.department,
      status: statuses[index] ?? 'open',
      visibility: CONFIDENTIAL_TITLES.has(template.title) ? 'confidential' : INTERNAL_TITLES.has(template.title) || random.chance(0.1) ? 'internal' : 'external',
      pipeline: pipelineFor(template),
    }),
  );

  // Candidates.
  const addCandidate = (person: Person, extra: Partial<CandidateRow> = {}, id?: number): CandidateRow => {
    const createdAt = randomMoment(random, daysAgo(400), daysAgo(3));
    return tables.candidates.insert(
      {
        first_name: person.firstName,
        last_name: person.lastName,
        email: person.email,
        phone: person.phone,
        phone_iso2: person.phone.startsWith('+44') ? 'GB' : null,
        summary: random.pick(CANDIDATE_SUMMARIES),
        locale: 'en',
        date_of_birth: null,
        linkedin_url: random.chance(0.6) ? `https://www.linkedin.com/in/${emailLocalPart(person.firstName, person.lastName).replace('.', '-')}` : null,
        address1: null,
        address2: null,
        town: person.place.city,
        country: person.place.country,
        postcode: null,
        ...random.pick(CHANNELS),
        created_at: time(createdAt),
        updated_at: time(addDays(createdAt, random.int(0, 20))),
        ...extra,
      },
      id,
    );
  };
  const sarah = addCandidate({
    firstName: 'Sarah', lastName: 'Jenkins', email: 'sarah.jenkins@gmail.com', phone: '+44 7700 900123', place: { city: 'London', country: 'United Kingdom' },
  }, { summary: 'Product manager with six years in B2B SaaS; led the launch of a self-serve billing product used by 4,000 companies.' });
  const marcus = addCandidate(
    { firstName: 'Marcus', lastName: 'Reid', email: 'marcus.reid@proton.me', phone: '+44 7700 900456', place: { city: 'Manchester', country: 'United Kingdom' } },
    {
      summary: 'Backend engineer (Ruby, Go, PostgreSQL) with eight years building payment and ledger systems.',
      address1: 'Flat 4',
      address2: '14 Canal Street',
      postcode: 'M1 3HW',
      date_of_birth: '1990-03-14',
      linkedin_url: 'https://www.linkedin.com/in/marcus-reid',
    },
    98765,
  );
  const generic = Array.from({ length: GENERIC_CANDIDATES }, () => addCandidate(people.next()));
  const unusedCandidates = [...generic];
  const takeCandidate = (): CandidateRow => unusedCandidates.splice(random.int(0, unusedCandidates.length - 1), 1)[0] ?? random.pick(generic);

  // Applications.
  const appliedPairs = new Set<string>();
  const addApplication = (candidate: CandidateRow, job: JobRow, stageType: StageType, options: { id?: number; daysAgo?: number } = {}): ApplicationRow => {
    appliedPairs.add(`${candidate.id}:${job.id}`);
    const stages = (stagesOfJob.get(job.id) ?? []).filter((stage) => stage.basic_type === stageType);
    const stage = random.pick(stages);
    const opened = job.opened_at ? new Date(job.opened_at) : daysAgo(30);
    const createdAt = options.daysAgo === undefined ? randomMoment(random, opened, earliest(addDays(opened, 150), daysAgo(1))) : daysAgo(options.daysAgo);
    const updatedAt = randomMoment(random, createdAt, earliest(addDays(createdAt, 45), PINPOINT_SEED_ANCHOR));
    return tables.applications.insert(
      {
        candidate_id: candidate.id,
        job_id: job.id,
        stage_id: stage.id,
        ...contactOf(candidate),
        internal_candidate: random.chance(0.08),
        hired_at: stageType === 'hired' ? time(updatedAt) : null,
        rejected_at: stageType === 'rejected' ? time(updatedAt) : null,
        start_on: stageType === 'hired' ? time(addDays(updatedAt, 30)).slice(0, 10) : null,
        tags: random.chance(0.15) ? [{ tag: random.pick(['strong-referral', 'relocation', 'silver-medallist', 'visa-required']), context: 'application' }] : [],
        cv_filename: random.chance(0.85) ? `${emailLocalPart(candidate.first_name, candidate.last_name).replace('.', '_')}_cv.pdf` : null,
        created_at: time(createdAt),
        updated_at: time(updatedAt),
      },
      options.id,
    );
  };

  const sarahApplication = addApplication(sarah, productManager, 'interview', { daysAgo: 21 });
  for (const stageType of ['applied', 'review', 'review', 'offer', 'rejected'] as const) addApplication(takeCandidate(), productManager, stageType);
  const application5566 = addApplication(marcus, seniorBackend, 'interview', { id: 5566, daysAgo: 16 });
  const earlierJob = genericJobs.find((job) => job.department_id === seniorBackend.department_id && job.status !== 'draft') ?? productManager;
  const marcusEarlier = addApplication(marcus, earlierJob, 'rejected');
  const seniorBackendApplications = [
    application5566,
    ...(['applied', 'applied', 'review', 'review', 'interview', 'interview', 'offer', 'rejected', 'rejected'] as const).map((stageType) =>
      addApplication(takeCandidate(), seniorBackend, stageType),
    ),
  ];
  const juniorActive = (['applied', 'applied', 'review', 'review', 'interview', 'offer'] as const).map((stageType) => addApplication(takeCandidate(), juniorAnalyst, stageType));
  const juniorHired = addApplication(takeCandidate(), juniorAnalyst, 'hired');
  addApplication(takeCandidate(), juniorAnalyst, 'rejected');
  const vpApplications = (['review', 'interview', 'interview', 'offer'] as const).map((stageType) => addApplication(takeCandidate(), vpEngineering, stageType));

  const jobsTakingApplications = genericJobs.filter((job) => job.status !== 'draft');
  for (const candidate of unusedCandidates) {
    const count = random.weighted([[0, 1], [1, 7], [2, 2]] as const);
    for (const job of random.sample(jobsTakingApplications, count)) {
      if (appliedPairs.has(`${candidate.id}:${job.id}`)) continue;
      addApplication(candidate, job, random.weighted(job.status === 'open' ? OPEN_JOB_STAGES : FINISHED_JOB_STAGES));
    }
  }

  // Comments from colleagues, on applications and on candidates.
  const stageTypeOf = (application: ApplicationRow) => tables.stages.get(application.stage_id)?.basic_type ?? 'applied';
  const addComment = (commentable: { type: 'Application' | 'JobSeeker'; id: number }, body: string, user: UserRow, at: Date, isPrivate = false) =>
    tables.comments.insert({
      body_text: body,
      commentable_type: commentable.type,
      commentable_id: commentable.id,
      private_comment: isPrivate,
      user_id: user.id,
      created_at: time(at),
      updated_at: time(at),
    });
  const [interviewerA, interviewerB] = [staff[1] ?? systemUser, staff[2] ?? systemUser];
  const sarahComments = [
    addComment({ type: 'Application', id: sarahApplication.id }, 'Phone screen: articulate and structured. Clear examples of prioritising a roadmap with limited engineering capacity.', interviewerA, daysAgo(17)),
    addComment({ type: 'Application', id: sarahApplication.id }, 'Case study interview: strong on discovery and metrics; a little light on pricing strategy. Recommend moving to the final round.', interviewerB, daysAgo(10)),
    addComment({ type: 'Application', id: sarahApplication.id }, 'References requested from her last two managers. She prefers a hybrid setup, two office days work for her.', interviewerA, daysAgo(6), true),
  ];
  for (const application of tables.applications.all()) {
    const stageType = stageTypeOf(application);
    if (application.id === sarahApplication.id || stageType === 'applied' || !random.chance(0.5)) continue;
    const pool = stageType === 'rejected' ? [...NEGATIVE_FEEDBACK, ...MIXED_FEEDBACK] : stageType === 'review' ? RECRUITER_NOTES : [...POSITIVE_FEEDBACK, ...MIXED_FEEDBACK];
    for (let index = random.int(1, 3); index > 0; index -= 1) {
      const at = randomMoment(random, new Date(application.created_at), new Date(application.updated_at));
      addComment({ type: 'Application', id: application.id }, random.pick(pool), random.pick(staff), at, random.chance(0.25));
    }
  }
  for (const candidate of random.sample(generic, 40)) {
    addComment({ type: 'JobSeeker', id: candidate.id }, random.pick(RECRUITER_NOTES), random.pick(staff), randomMoment(random, new Date(candidate.created_at), PINPOINT_SEED_ANCHOR));
  }

  // Custom fields and their values.
  const addField = (name: string, field_type: CustomFieldType, resource_type: CustomFieldRow['resource_type'], options: string[] = []) =>
    tables.customFields.insert({
      name, field_type, resource_type, options, description: null, position: tables.customFields.size + 1, required: false, sample_value: null,
      created_at: created, updated_at: created,
    });
  const candidateFields: Record<CustomFieldType, CustomFieldRow> = {
    varchar: addField('Preferred timezone', 'varchar', 'candidate'),
    text: addField('Relocation notes', 'text', 'candidate'),
    integer: addField('Notice period (weeks)', 'integer', 'candidate'),
    decimal: addField('Salary expectation (£k)', 'decimal', 'candidate'),
    boolean: addField('Open to relocation', 'boolean', 'candidate'),
    date: addField('Earliest start date', 'date', 'candidate'),
    single_select: addField('Source detail', 'single_select', 'candidate', ['Referral', 'LinkedIn', 'Job board', 'Careers site', 'Agency', 'Event']),
    multi_select: addField('Languages', 'multi_select', 'candidate', ['English', 'French', 'German', 'Spanish', 'Portuguese', 'Mandarin', 'Arabic', 'Hindi']),
  };
  const referrerField = addField('Referrer name', 'varchar', 'application');
  const costCentreField = addField('Cost centre', 'varchar', 'job');
  const budgetField = addField('Budget approved', 'boolean', 'job');
  const offerFields = [addField('Offer approval code', 'varchar', 'offer'), addField('Signing bonus (£)', 'decimal', 'offer')];
  const randomValue = (field: CustomFieldRow): CustomValue => {
    switch (field.field_type) {
      case 'varchar':
        return random.pick(['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Europe/Lisbon']);
      case 'text':
        return random.pick(['Happy to move within the UK.', 'Would need visa sponsorship to relocate.', 'Not looking to relocate for two years.']);
      case 'integer':
        return random.pick([1, 2, 4, 4, 8, 12]);
      case 'decimal':
        return random.int(35, 140) + random.pick([0, 0.5]);
      case 'boolean':
        return random.chance(0.5);
      case 'date':
        return time(addDays(PINPOINT_SEED_ANCHOR, random.int(14, 120))).slice(0, 10);
      case 'single_select':
        return random.pick(field.options);
      case 'multi_select':
        return ['English', ...random.sample(field.options.slice(1), random.int(0, 2))];
      case 'users':
        throw new Error('the seed stores no values of users fields');
    }
  };
  const setValue = (field: CustomFieldRow, type: 'JobSeeker' | 'Application' | 'Job', id: number, value: CustomValue, at: string) =>
    tables.customAttributes.insert({ custom_field_id: field.id, custom_attributable_type: type, custom_attributable_id: id, value, created_at: at, updated_at: at });
  for (const candidate of generic) {
    if (!random.chance(0.55)) continue;
    for (const field of random.sample(Object.values(candidateFields), random.int(1, 3))) {
      setValue(field, 'JobSeeker', candidate.id, randomValue(field), candidate.updated_at);
    }
  }
  setValue(candidateFields.integer, 'JobSeeker', marcus.id, 4, marcus.updated_at);
  setValue(candidateFields.multi_select, 'JobSeeker', marcus.id, ['English', 'Portuguese'], marcus.updated_at);
  setValue(candidateFields.varchar, 'JobSeeker', sarah.id, 'Europe/London', sarah.updated_at);
  for (const job of tables.jobs.all()) {
    const department = tables.departments.get(job.department_id ?? 0)?.name ?? 'General';
    setValue(costCentreField, 'Job', job.id, `CC-${department.slice(0, 3).toUpperCase()}-${String(job.id % 100).padStart(2, '0')}`, job.created_at);
    setValue(budgetField, 'Job', job.id, job.status !== 'draft', job.created_at);
  }
  for (const application of tables.applications.where((row) => row.channel === 'referral')) {
    const referrer = random.pick(staff);
    setValue(referrerField, 'Application', application.id, `${referrer.first_name} ${referrer.last_name}`, application.created_at);
  }

  // Interviews for applications that reached the interview stage or beyond; some still to come.
  for (const application of tables.applications.all()) {
    const stageType = stageTypeOf(application);
    if (!['interview', 'offer', 'hired'].includes(stageType)) continue;
    const start =
      application.id === sarahApplication.id
        ? addDays(PINPOINT_SEED_ANCHOR, 1)
        : stageType === 'interview' && random.chance(0.4)
          ? randomMoment(random, PINPOINT_SEED_ANCHOR, addDays(PINPOINT_SEED_ANCHOR, 14))
          : randomMoment(random, new Date(application.created_at), new Date(application.updated_at));
    const video = random.chance(0.6);
    const interview = tables.interviews.insert({
      title: `Interview: ${application.first_name} ${application.last_name}`,
      interviewable_type: 'Application',
      interviewable_id: application.id,
      stage_id: interviewStageOf(tables, application),
      status: start > PINPOINT_SEED_ANCHOR ? 'scheduled' : 'completed',
      start_at: time(start),
      end_at: time(addDays(start, 1 / 24)),
      location: video ? 'Video call' : (tables.locations.get(tables.jobs.get(application.job_id)?.location_id ?? 0)?.name ?? 'London HQ'),
      meeting_url: video ? `https://meet.example.com/${application.id}` : null,
      created_at: application.created_at,
      updated_at: application.updated_at,
    });
    addInterviewParts(tables, interview, random.sample(staff, random.int(1, 3)));
  }

  // Requisitions behind about half of the jobs, plus a few still waiting for approval.
  for (const job of tables.jobs.where(() => random.chance(0.5))) {
    const requisition = tables.requisitions.insert({
      name: job.title,
      identifier: `REQ-${String(tables.requisitions.size + 1).padStart(3, '0')}`,
      status: job.status === 'draft' ? 'pending_approval' : 'approved',
      headcount: random.weighted([[1, 8], [2, 2]] as const),
      job_id: job.id,
      creator_id: random.pick(staff).id,
      requisition_template_id: random.pick(company.requisitionTemplates).id,
      created_at: job.created_at,
      updated_at: job.created_at,
    });
    tables.jobs.update(job, { requisition_id: requisition.identifier });
  }
  for (const template of random.sample(JOB_TEMPLATES, 3)) {
    const at = time(daysAgo(random.int(1, 20)));
    tables.requisitions.insert({
      name: `${template.title} (${random.pick(PLACES).city})`,
      identifier: `REQ-${String(tables.requisitions.size + 1).padStart(3, '0')}`,
      status: random.pick(['pending_approval', 'archived']),
      headcount: 1,
      job_id: null,
      creator_id: random.pick(staff).id,
      requisition_template_id: random.pick(company.requisitionTemplates).id,
      created_at: at,
      updated_at: at,
    });
  }

  // Onboarding for everyone hired.
  for (const application of tables.applications.where((row) => row.hired_at !== null)) {
    const hiredAt = new Date(application.hired_at ?? application.updated_at);
    const age = (PINPOINT_SEED_ANCHOR.getTime() - hiredAt.getTime()) / 86_400_000;
    tables.onboardingApplications.insert({
      application_id: application.id,
      status: age > 30 ? 'completed' : age > 7 ? 'invited' : 'uninvited',
      start_at: application.start_on === null ? null : `${application.start_on}T09:00:00+00:00`,
      completed_at: age > 30 ? time(addDays(hiredAt, 30)) : null,
      created_at: time(hiredAt),
      updated_at: time(hiredAt),
    });
  }

  // Records the seed above does not draw from `random`, so adding them left the data above unchanged.
  const extraRandom = createRandom(seed + 0x5eed);
  const newHeadcount = seedRequisitionForms(tables, extraRandom, company.requisitionTemplates, budgetField);
  seedApplicationRecords(tables, extraRandom, { offerApprovalField: offerFields[0] });

  const ids = (rows: { id: number }[]) => rows.map((row) => String(row.id));
  const planted: PinpointPlanted = {
    systemUserId: String(systemUser.id),
    sarahJenkins: {
      candidateId: String(sarah.id),
      productManagerJobId: String(productManager.id),
      applicationId: String(sarahApplication.id),
      commentIds: ids(sarahComments),
    },
    seniorBackendDeveloper: { jobId: String(seniorBackend.id), applicationIds: ids(seniorBackendApplications) },
    juniorAnalyst: { jobId: String(juniorAnalyst.id), activeApplicationIds: ids(juniorActive), hiredApplicationId: String(juniorHired.id) },
    candidate98765: { candidateId: String(marcus.id), applicationIds: ids([application5566, marcusEarlier]) },
    application5566: { applicationId: String(application5566.id), jobId: String(seniorBackend.id), candidateId: String(marcus.id) },
    vpOfEngineering: { jobId: String(vpEngineering.id), applicationIds: ids(vpApplications) },
    candidateCustomFieldIds: Object.fromEntries(Object.entries(candidateFields).map(([type, field]) => [type, String(field.id)])) as Record<CustomFieldType, string>,
    jobCustomFieldId: String(costCentreField.id),
    requisitionTemplateId: String(newHeadcount.id),
  };
  return { ...tables, planted };
}

/** The HTML sections of a job advert below its description. */
function jobSections(title: string, department: string): Pick<JobRow, 'key_responsibilities' | 'skills_knowledge_expertise' | 'benefits'> {
  return {
    key_responsibilities: `<ul><li>Own the day-to-day work of a ${title} in the ${department} team</li><li>Plan and review work with your manager every quarter</li></ul>`,
    skills_knowledge_expertise: `<ul><li>Experience as a ${title} or in a similar role</li><li>Clear written and spoken communication</li></ul>`,
    benefits: '<ul><li>25 days holiday plus bank holidays</li><li>Private healthcare</li><li>Hybrid working and a home-office budget</li></ul>',
  };
}

/** The contact details an application copies from its candidate. */
function contactOf(candidate: CandidateRow): ContactDetails {
  const { id: _id, created_at: _created, updated_at: _updated, ...contact } = candidate;
  return contact;
}
