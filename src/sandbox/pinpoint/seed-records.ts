import { MIXED_FEEDBACK, NEGATIVE_FEEDBACK, POSITIVE_FEEDBACK } from '../shared/fixtures.ts';
import { emailLocalPart } from '../shared/people.ts';
import { addDays } from '../shared/random.ts';
import type { Random } from '../shared/random.ts';
import { pinpointTime } from './state.ts';
import type {
  ApplicationRow, CustomFieldRow, InterviewRow, JobRow, OnboardingAnswerRow, QuestionRow, QuestionType, StageType, UserRow, createEmptyTables,
} from './state.ts';

type Tables = ReturnType<typeof createEmptyTables>;

interface QuestionPlan {
  title: string;
  question_type: QuestionType;
  required: boolean;
  options?: string[];
  /** Only on jobs of this department. */
  department?: string;
}

const APPLICATION_FORM: readonly QuestionPlan[] = [
  { title: 'Do you have the right to work in the UK?', question_type: 'boolean', required: true },
  { title: 'What is your notice period?', question_type: 'short_text', required: true },
  { title: 'When could you start?', question_type: 'date', required: false },
  { title: 'Which areas would you like to grow in?', question_type: 'multiple_choice', required: false, options: ['Leadership', 'Mentoring', 'Architecture', 'Customer contact', 'Data'] },
  { title: 'Why do you want to join Brightwave?', question_type: 'long_text', required: false },
  { title: 'Link to your GitHub profile or portfolio', question_type: 'url', required: false, department: 'Engineering' },
];

const NOTICE_PERIODS = ['Available immediately', 'Two weeks', 'One month', 'Two months', 'Three months'];
const MOTIVATIONS = [
  'I have used Brightwave at my current company and would love to help build it.',
  'The team is working on exactly the kind of problems I want to spend the next few years on.',
  'I am looking for a smaller company where I can own more of the product.',
  'A friend on the team recommended the culture and the way you run projects.',
];
const CRITERIA = ['Role knowledge', 'Communication', 'Problem solving'];
const SCORECARD_QUESTION = 'What should the next interviewer dig into?';
const FOLLOW_UPS = ['Depth of hands-on experience with our stack.', 'Examples of leading without authority.', 'Salary expectations and notice period.', 'How they handle ambiguous requirements.'];

/** Interviews are held in the job's interview stages: the application's own one, else the last it went through. */
export function interviewStageOf(tables: Tables, application: ApplicationRow): number | null {
  const current = tables.stages.get(application.stage_id);
  if (current?.basic_type === 'interview') return current.id;
  return tables.stages.where((stage) => stage.job_id === application.job_id && stage.basic_type === 'interview').at(-1)?.id ?? null;
}

/** One part per interview for a single interviewer, else a competency part and a technical part sharing the hour. */
export function addInterviewParts(tables: Tables, interview: InterviewRow, interviewers: UserRow[]): void {
  const parts = interviewers.length === 1
    ? [{ name: 'Interview', users: interviewers }]
    : [{ name: 'Competency interview', users: interviewers.slice(0, 1) }, { name: 'Technical deep dive', users: interviewers.slice(1) }];
  const start = new Date(interview.start_at);
  const length = (new Date(interview.end_at).getTime() - start.getTime()) / parts.length / 86_400_000;
  parts.forEach((part, index) => {
    tables.interviewParts.insert({
      interview_id: interview.id,
      name: part.name,
      start_at: pinpointTime(addDays(start, index * length)),
      end_at: pinpointTime(addDays(start, (index + 1) * length)),
      interviewing_user_ids: part.users.map((user) => user.id),
      created_at: interview.created_at,
      updated_at: interview.updated_at,
    });
  });
}

/** Application form questions and answers, scorecards from finished interviews, offers, onboarding answers. */
export function seedApplicationRecords(tables: Tables, random: Random, options: { offerApprovalField: CustomFieldRow | undefined }): void {
  for (const job of tables.jobs.all()) addQuestions(tables, job);
  for (const application of tables.applications.all()) addAnswers(tables, random, application);
  for (const interview of tables.interviews.where((row) => row.status === 'completed')) addScorecards(tables, random, interview);
  for (const application of tables.applications.all()) addOffer(tables, random, application, options.offerApprovalField);
  for (const onboarding of tables.onboardingApplications.where((row) => row.status !== 'uninvited')) {
    const at = onboarding.updated_at;
    const answer = (title: string, question_type: QuestionType, value: Partial<Pick<OnboardingAnswerRow, 'text_answer' | 'date_answer' | 'boolean_answer'>>) =>
      tables.onboardingAnswers.insert({
        onboarding_application_id: onboarding.id, title, question_type, text_answer: null, date_answer: null, boolean_answer: null, ...value, created_at: at, updated_at: at,
      });
    answer('Emergency contact', 'short_text', { text_answer: `${random.pick(['Alex', 'Sam', 'Jo', 'Chris'])} (${random.pick(['partner', 'parent', 'sibling'])})` });
    answer('Have you sent your bank details to payroll?', 'boolean', { boolean_answer: onboarding.status === 'completed' });
    if (onboarding.start_at) answer('Confirmed first day', 'date', { date_answer: onboarding.start_at.slice(0, 10) });
  }
}

function addQuestions(tables: Tables, job: JobRow): void {
  const department = tables.departments.get(job.department_id ?? 0)?.name;
  for (const plan of APPLICATION_FORM.filter((question) => question.department === undefined || question.department === department)) {
    tables.questions.insert({
      job_id: job.id,
      title: plan.title,
      additional_information: plan.required ? 'Required' : null,
      question_type: plan.question_type,
      required: plan.required,
      multiple_choice_options: plan.options ?? [],
      created_at: job.created_at,
      updated_at: job.created_at,
    });
  }
}

function addAnswers(tables: Tables, random: Random, application: ApplicationRow): void {
  for (const question of tables.questions.where((row) => row.job_id === application.job_id)) {
    if (!question.required && random.chance(0.2)) continue;
    tables.answers.insert({
      application_id: application.id,
      question_id: question.id,
      title: question.title,
      additional_information: question.additional_information,
      question_type: question.question_type,
      text_answer: null,
      boolean_answer: null,
      date_answer: null,
      url_answer: null,
      multiple_choice_answer: [],
      document_answer: null,
      ...answerValue(random, question, application),
      created_at: application.created_at,
      updated_at: application.created_at,
    });
  }
}

function answerValue(random: Random, question: QuestionRow, application: ApplicationRow) {
  switch (question.question_type) {
    case 'boolean':
      return { boolean_answer: random.chance(0.9) };
    case 'short_text':
      return { text_answer: random.pick(NOTICE_PERIODS) };
    case 'long_text':
      return { text_answer: random.pick(MOTIVATIONS) };
    case 'date':
      return { date_answer: pinpointTime(addDays(new Date(application.created_at), random.int(30, 90))).slice(0, 10) };
    case 'multiple_choice':
      return { multiple_choice_answer: random.sample(question.multiple_choice_options, random.int(1, 2)) };
    case 'url':
      return { url_answer: `https://github.com/${emailLocalPart(application.first_name, application.last_name).replace('.', '')}` };
    case 'document':
      return {};
  }
}

/** Each interviewer rates the criteria (1–4), leaves a note and answers the scorecard question; the stage reached colours the verdict. */
function addScorecards(tables: Tables, random: Random, interview: InterviewRow): void {
  const application = tables.applications.get(interview.interviewable_id);
  if (!application) return;
  const outcome: StageType = tables.stages.get(application.stage_id)?.basic_type ?? 'interview';
  const [low, high, notes] = outcome === 'rejected' ? [1, 2, [...NEGATIVE_FEEDBACK, ...MIXED_FEEDBACK]] : outcome === 'interview' ? [2, 4, [...POSITIVE_FEEDBACK, ...MIXED_FEEDBACK]] : [3, 4, [...POSITIVE_FEEDBACK]];
  const at = interview.end_at;
  const interviewers = tables.interviewParts.where((part) => part.interview_id === interview.id).flatMap((part) => part.interviewing_user_ids);
  for (const user_id of interviewers) {
    const by = { application_id: application.id, user_id, created_at: at, updated_at: at };
    for (const criterion of CRITERIA) tables.scorecardRatings.insert({ ...by, criterion, rating: random.int(low, high) });
    tables.scorecardNotes.insert({ ...by, body_text: random.pick(notes) });
    tables.scorecardAnswers.insert({ ...by, question: SCORECARD_QUESTION, text_answer: random.pick(FOLLOW_UPS) });
  }
}

/** Applications at offer get a pending offer; hired ones the offer they accepted (with its approval code). */
function addOffer(tables: Tables, random: Random, application: ApplicationRow, approvalField: CustomFieldRow | undefined): void {
  const stageType = tables.stages.get(application.stage_id)?.basic_type;
  const job = tables.jobs.get(application.job_id);
  if ((stageType !== 'offer' && stageType !== 'hired') || !job) return;
  const sentAt = addDays(new Date(application.hired_at ?? application.updated_at), -random.int(3, 10));
  const minimum = job.compensation_minimum ?? 40_000;
  const offer = tables.offers.insert({
    application_id: application.id,
    stage_id: tables.stages.find((stage) => stage.job_id === job.id && stage.basic_type === 'offer')?.id ?? application.stage_id,
    creator_id: job.recruitment_manager_user_id ?? job.hiring_user_id ?? 0,
    manager_id: job.hiring_user_id ?? 0,
    job_title: job.title,
    salary_amount: minimum + random.int(0, Math.max(0, ((job.compensation_maximum ?? minimum) - minimum) / 1000)) * 1000,
    salary_currency: job.compensation_currency,
    salary_period: job.compensation_frequency,
    paid_days_off: '25 days plus bank holidays',
    work_address: tables.locations.get(job.location_id ?? 0)?.name ?? 'Remote',
    start_on: application.start_on ?? pinpointTime(addDays(sentAt, 45)).slice(0, 10),
    signature_type: 'electronic',
    status: 'open',
    result: stageType === 'hired' ? 'accepted' : 'pending',
    result_at: application.hired_at,
    sent_at: pinpointTime(sentAt),
    expires_at: pinpointTime(addDays(sentAt, 7)),
    comment: null,
    created_at: pinpointTime(addDays(sentAt, -1)),
    updated_at: application.updated_at,
  });
  if (approvalField && offer.result === 'accepted') {
    tables.customAttributes.insert({
      custom_field_id: approvalField.id, custom_attributable_type: 'Offer', custom_attributable_id: offer.id, value: `APR-${offer.id}`,
      created_at: offer.created_at, updated_at: offer.created_at,
    });
  }
}
