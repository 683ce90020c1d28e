// A recruiting organization in neutral terms: team members, jobs with their pipelines, people, their applications
// (which stage each reached, and how) and the comments colleagues left. A sandbox maps it to its API's records (a
// per-job candidate record, a JSON:API job application…), so its seed is a mapping rather than another generator.
// Same seed, same organization.
import { COMPANIES, JOB_TEMPLATES, MIXED_FEEDBACK, POSITIVE_FEEDBACK, RECRUITER_NOTES, type Place } from './fixtures.ts';
import { createPeopleGenerator, emailLocalPart, type Person } from './people.ts';
import { addDays, createRandom, earliest, randomMoment, SEED_EPOCH, type Random } from './random.ts';

export type MemberRole = 'admin' | 'recruiter' | 'hiring_manager' | 'interviewer';
export type JobStatus = 'open' | 'closed' | 'draft';

export interface OrgMember {
  index: number;
  firstName: string;
  lastName: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
}

export interface OrgJob {
  index: number;
  title: string;
  department: string;
  status: JobStatus;
  place: Place;
  remote: boolean;
  createdAt: Date;
  /** Stage names in pipeline order: the first is where new applications land, the last means hired. */
  stages: readonly string[];
}

export interface OrgPerson extends Person {
  index: number;
  company: string;
  title: string;
  createdAt: Date;
  tags: string[];
}

/** One visit of an application to a stage, with the member who moved it there (none for the first). */
export interface OrgStageVisit {
  stage: number;
  at: Date;
  by: number | null;
}

export interface OrgApplication {
  index: number;
  person: number;
  job: number;
  /** Added by a recruiter rather than applied through the careers page. */
  sourced: boolean;
  /** The stages it went through, the current one last. */
  visits: OrgStageVisit[];
  disqualified: { at: Date; by: number; reason: string } | null;
  updatedAt: Date;
}

export interface OrgComment {
  application: number;
  member: number;
  body: string;
  at: Date;
}

export interface RecruitingOrg {
  company: { name: string; domain: string };
  members: OrgMember[];
  jobs: OrgJob[];
  people: OrgPerson[];
  applications: OrgApplication[];
  comments: OrgComment[];
  /** The planted person's application (the last visit is the planted stage) and its comments. */
  planted: { person: number; application: number; job: number; comments: number[] };
}

export interface OrgSpec {
  company: { name: string; domain: string };
  /** The pipeline of a job of this department. */
  stagesFor(department: string): readonly string[];
  /** Members other than the planted one (who is the first, an admin). */
  members: number;
  people: number;
  /** A person with one application to `jobTitle` (an open job of `department`), now in `stage`, with two comments. */
  planted: { member: { firstName: string; lastName: string }; person: Person; jobTitle: string; department: string; stage: string };
  /** Reasons a disqualification gives. */
  disqualificationReasons: readonly string[];
}

const SENIORITY = ['', 'Senior ', 'Lead ', 'Junior '];
const TAGS = ['referral', 'strong-technical', 'relocation', 'visa-sponsorship', 'silver-medalist', 'returning'];

export function createRecruitingOrg(seed: number, spec: OrgSpec): RecruitingOrg {
  const random = createRandom(seed);
  const daysAgo = (days: number) => addDays(SEED_EPOCH, -days);
  const people = createPeopleGenerator(random, [`${spec.planted.member.firstName} ${spec.planted.member.lastName}`, `${spec.planted.person.firstName} ${spec.planted.person.lastName}`]);

  const roles = random.covering<MemberRole>([['recruiter', 2], ['hiring_manager', 3], ['interviewer', 4]], spec.members);
  const member = (firstName: string, lastName: string, role: MemberRole, index: number): OrgMember =>
    ({ index, firstName, lastName, email: `${emailLocalPart(firstName, lastName)}@${spec.company.domain}`, role, createdAt: daysAgo(random.int(300, 1200)) });
  const members = [member(spec.planted.member.firstName, spec.planted.member.lastName, 'admin', 0), ...roles.map((role, offset) => {
    const person = people.next();
    return member(person.firstName, person.lastName, role, offset + 1);
  })];

  const job = (title: string, department: string, status: JobStatus, index: number): OrgJob =>
    ({ index, title, department, status, place: people.next().place, remote: random.chance(0.2), createdAt: daysAgo(random.int(30, 400)), stages: spec.stagesFor(department) });
  const statuses = random.covering<JobStatus>([['open', 6], ['closed', 2], ['draft', 1]], JOB_TEMPLATES.length);
  const jobs = [
    job(spec.planted.jobTitle, spec.planted.department, 'open', 0),
    ...JOB_TEMPLATES.map((template, offset) => job(template.title, template.department, statuses[offset]!, offset + 1)),
  ];

  const person = (base: Person, index: number): OrgPerson => ({
    ...base, index, company: random.pick(COMPANIES), title: `${random.pick(SENIORITY)}${random.pick(JOB_TEMPLATES).title}`.trim(),
    createdAt: randomMoment(random, daysAgo(420), daysAgo(5)), tags: random.sample(TAGS, random.weighted([[0, 5], [1, 3], [2, 1]] as const)),
  });
  const everyone = [person(spec.planted.person, 0), ...Array.from({ length: spec.people }, (_, offset) => person(people.next(), offset + 1))];

  const applications: OrgApplication[] = [];
  const comments: OrgComment[] = [];
  const apply = (who: OrgPerson, to: OrgJob, reached: number, disqualify: boolean, appliedAt: Date): OrgApplication => {
    const until = earliest(addDays(appliedAt, random.int(3, 60)), daysAgo(1));
    const step = (until.getTime() - appliedAt.getTime()) / (reached + 1);
    const movers = members.filter((candidate) => candidate.role !== 'interviewer');
    const visits = Array.from({ length: reached + 1 }, (_, stage) => ({ stage, at: new Date(appliedAt.getTime() + step * stage), by: stage === 0 ? null : random.pick(movers).index }));
    const application: OrgApplication = {
      index: applications.length, person: who.index, job: to.index, sourced: random.chance(0.15), visits,
      disqualified: disqualify ? { at: until, by: random.pick(movers).index, reason: random.pick(spec.disqualificationReasons) } : null,
      updatedAt: until,
    };
    applications.push(application);
    return application;
  };
  const comment = (application: OrgApplication, by: number, body: string, at: Date) => comments.push({ application: application.index, member: by, body, at }) - 1;

  const plantedJob = jobs[0]!;
  const plantedStage = plantedJob.stages.indexOf(spec.planted.stage);
  if (plantedStage < 1 || plantedStage >= plantedJob.stages.length - 1) throw new Error(`the planted stage ${spec.planted.stage} must be inside ${plantedJob.title}'s pipeline`);
  const plantedApplication = apply(everyone[0]!, plantedJob, plantedStage, false, daysAgo(21));
  const plantedComments = [
    comment(plantedApplication, 1, 'Screen call done: notice period one month, keen on the platform team.', daysAgo(16)),
    comment(plantedApplication, 2, 'Phone screen went well: strong on Postgres internals and incident handling.', daysAgo(9)),
  ];

  const listed = jobs.filter((candidate) => candidate.status !== 'draft');
  for (const who of everyone.slice(1)) {
    for (const to of random.sample(listed, random.weighted([[1, 7], [2, 2], [0, 1]] as const))) {
      const last = to.stages.length - 1;
      const hired = random.chance(to.status === 'closed' ? 0.2 : 0.05);
      const reached = hired ? last : random.weighted(to.stages.slice(0, last).map((_, stage) => [stage, last - stage] as const));
      const disqualify = !hired && random.chance(to.status === 'closed' ? 0.8 : 0.3);
      const from = new Date(Math.max(who.createdAt.getTime(), to.createdAt.getTime()));
      const application = apply(who, to, reached, disqualify, randomMoment(random, from, earliest(addDays(from, 60), daysAgo(2))));
      for (let count = random.weighted([[0, 4], [1, 4], [2, 2]] as const); count > 0; count--) {
        comment(application, random.pick(members).index, pickComment(random), randomMoment(random, application.visits[0]!.at, application.updatedAt));
      }
    }
  }

  return {
    company: spec.company, members, jobs, people: everyone, applications, comments,
    planted: { person: 0, application: plantedApplication.index, job: 0, comments: plantedComments },
  };
}

function pickComment(random: Random): string {
  return random.pick([...RECRUITER_NOTES, ...MIXED_FEEDBACK, ...POSITIVE_FEEDBACK]);
}

