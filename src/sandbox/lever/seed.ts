import { COMPANIES, JOB_TEMPLATES, MIXED_FEEDBACK, NEGATIVE_FEEDBACK, POSITIVE_FEEDBACK, RECRUITER_NOTES, SCHOOLS } from '../shared/fixtures.ts';
import { createPeopleGenerator, emailLocalPart, linkedInUrl, type Person } from '../shared/people.ts';
import { addDays, createRandom, earliest, randomMoment, SEED_EPOCH } from '../shared/random.ts';
import {
  createTables,
  type ApplicationRow, type FeedbackRow, type LeverPlanted, type LeverTables, type NoteRow, type OpportunityRow, type PostingRow, type StageRow, type UserRow,
} from './state.ts';

const ACCOUNT = { name: 'Northwind Robotics', domain: 'northwind-robotics.com', site: 'northwind' };
const GENERIC_CONTACTS = 230;

/** The account's pipeline, in order: lead stages, then applicant and interview stages (Lever's defaults, as named in its docs). */
const PIPELINE = ['New lead', 'Reached out', 'Responded', 'New applicant', 'Recruiter screen', 'Phone interview', 'On-site interview', 'Reference check', 'Offer'];
const ARCHIVE_REASONS = [
  ['Underqualified', 'active', 'non-hired'], ['Culture fit', 'active', 'non-hired'], ['Timing', 'active', 'non-hired'], ['Withdrew', 'active', 'non-hired'],
  ['Offer declined', 'active', 'non-hired'], ['Hired', 'active', 'hired'], ['Position filled', 'inactive', 'non-hired'],
] as const;
const TAGS = ['Full-time', 'Remote', 'Relocation', 'Visa sponsorship', 'Silver medalist', 'Boomerang'];
const SOURCES = ['LinkedIn', 'Posting', 'Referral', 'Email Applicant', 'AngelList', 'GitHub', 'Agency'];

/**
 * The seeded tables of a Lever account: users, the pipeline and archive reasons, postings, contacts with their
 * opportunities (each with at most one application), notes and feedback. Same seed, same data.
 */
export function createLeverData(seed: number): LeverTables & { planted: LeverPlanted } {
  const random = createRandom(seed);
  const tables = createTables(() => random.uuid());
  const people = createPeopleGenerator(random, ['Amara Okafor']);
  const at = (date: Date) => date.getTime();
  const daysAgo = (days: number) => addDays(SEED_EPOCH, -days);

  const addUser = (name: string, accessRole: UserRow['accessRole'], jobTitle: string | null, deactivated = false): UserRow => {
    const [first, ...rest] = name.split(' ');
    const email = `${emailLocalPart(first!, rest.join(' '))}@${ACCOUNT.domain}`;
    const created = daysAgo(random.int(200, 900));
    return tables.users.insert({
      name, username: email.split('@')[0]!, email, accessRole, jobTitle, createdAt: at(created), deactivatedAt: deactivated ? at(addDays(created, random.int(60, 180))) : null,
    });
  };
  const admin = addUser('Priya Natarajan', 'super admin', 'Head of Talent');
  const colleagues = Array.from({ length: 10 }, (_, index) => {
    const person = people.next();
    return addUser(`${person.firstName} ${person.lastName}`, index < 3 ? 'team member' : 'interviewer', index < 3 ? 'Recruiter' : 'Engineer');
  });
  const former = people.next();
  const deactivated = addUser(`${former.firstName} ${former.lastName}`, 'team member', 'Recruiter', true);
  const recruiters = [admin, ...colleagues.slice(0, 3)];
  const interviewers = colleagues.slice(3);

  const stages = PIPELINE.map((text) => tables.stages.insert({ text }));
  const stage = (text: string) => stages.find((row) => row.text === text)!;
  const reasons = ARCHIVE_REASONS.map(([text, status, type]) => tables.archiveReasons.insert({ text, status, type }));
  const nonHired = reasons.filter((reason) => reason.type === 'non-hired' && reason.status === 'active');
  const hired = reasons.find((reason) => reason.type === 'hired')!;

  const addPosting = (title: string, department: string, state: PostingRow['state'], confidential = false): PostingRow => {
    const created = daysAgo(random.int(30, 400));
    const place = random.pick(['London', 'Berlin', 'New York', 'Remote']);
    const owner = random.pick(recruiters);
    const posting = tables.postings.insert({
      text: title, state, confidentiality: confidential ? 'confidential' : 'non-confidential',
      categories: { team: department, department, location: place, commitment: random.chance(0.9) ? 'Full-time' : 'Contract', level: null, allLocations: [place] },
      tags: random.sample(TAGS, random.int(0, 2)), distributionChannels: state === 'internal' ? ['internal'] : ['internal', 'public'],
      workplaceType: place === 'Remote' ? 'remote' : random.pick(['onsite', 'hybrid'] as const),
      user: owner.id, owner: owner.id, hiringManager: random.pick(interviewers).id, followers: [owner.id],
      content: {
        description: `As ${title} at ${ACCOUNT.name} you will work with the ${department} team.`,
        descriptionHtml: `<div>As <b>${title}</b> at ${ACCOUNT.name} you will work with the ${department} team.</div>`,
        lists: [{ text: 'What you bring', content: '<li>Ownership</li><li>Curiosity</li>' }],
        closing: `${ACCOUNT.name} is an equal opportunity employer.`, closingHtml: `<div>${ACCOUNT.name} is an equal opportunity employer.</div>`,
      },
      country: place === 'New York' ? 'US' : place === 'Berlin' ? 'DE' : 'GB', requisitionCodes: state === 'draft' ? [] : [`NW-${random.int(100, 999)}`],
      createdAt: at(created), updatedAt: at(addDays(created, random.int(0, 20))),
      urls: { list: '', show: '', apply: '' },
    });
    const show = `https://jobs.lever.co/${ACCOUNT.site}/${posting.id}`;
    return tables.postings.update(posting, { urls: { list: `https://jobs.lever.co/${ACCOUNT.site}`, show, apply: `${show}/apply` } });
  };
  const backend = addPosting('Senior Backend Engineer', 'Engineering', 'published');
  const states = random.covering([['published', 16], ['internal', 3], ['closed', 5], ['draft', 2]] as const, JOB_TEMPLATES.length);
  const postings = [backend, ...JOB_TEMPLATES.map((template, index) => addPosting(template.title, template.department, states[index] ?? 'published', template.title === 'Chief Financial Officer'))];
  const open = postings.filter((posting) => posting.state !== 'draft');

  // A candidacy: the opportunity, its application to a posting (leads sourced without one have none), and the stage changes that led to its stage.
  const addOpportunity = (contact: { id: string; person: Person; headline: string }, posting: PostingRow | null, current: StageRow, options: { archived?: string; createdDaysAgo?: number; origin?: OpportunityRow['origin'] } = {}) => {
    const created = options.createdDaysAgo === undefined ? randomMoment(random, daysAgo(380), daysAgo(2)) : daysAgo(options.createdDaysAgo);
    const origin = options.origin ?? (posting ? random.weighted([['applied', 6], ['referred', 2], ['agency', 1], ['sourced', 2]] as const) : 'sourced');
    const first = origin === 'sourced' ? stage('New lead') : stage('New applicant');
    const path = stages.slice(stages.indexOf(first), Math.max(stages.indexOf(first), stages.indexOf(current)) + 1);
    const owner = posting ? tables.users.get(posting.owner)! : random.pick(recruiters);
    const step = random.int(1, 6);
    const changes = path.map((row, index) => ({ toStageId: row.id, toStageIndex: stages.indexOf(row), userId: index === 0 ? null : owner.id, updatedAt: at(earliest(addDays(created, index * step), SEED_EPOCH)) }));
    const last = changes.at(-1)!.updatedAt;
    const archivedAt = options.archived ? at(earliest(addDays(new Date(last), random.int(1, 10)), SEED_EPOCH)) : null;
    const { person } = contact;
    const opportunity = tables.opportunities.insert({
      name: `${person.firstName} ${person.lastName}`, headline: contact.headline, contact: contact.id, emails: [person.email],
      phones: [{ type: 'mobile', value: person.phone }], location: person.place.city, links: [linkedInUrl(person.firstName, person.lastName)],
      confidentiality: posting?.confidentiality ?? 'non-confidential', stage: (path.at(-1) ?? first).id, stageChanges: changes,
      archived: options.archived && archivedAt ? { archivedAt, reason: options.archived } : null,
      tags: random.sample(TAGS, random.int(0, 2)), sources: [origin === 'referred' ? 'Referral' : origin === 'applied' ? 'Posting' : random.pick(SOURCES)],
      origin, sourcedBy: origin === 'sourced' ? owner.id : null, owner: owner.id, followers: [owner.id],
      applications: [], createdAt: at(created), updatedAt: archivedAt ?? last, lastInteractionAt: archivedAt ?? last, lastAdvancedAt: last,
      snoozedUntil: null, isAnonymized: false, dataProtection: null, urls: { list: 'https://hire.lever.co/candidates', show: '' },
    });
    tables.opportunities.update(opportunity, { urls: { list: 'https://hire.lever.co/candidates', show: `https://hire.lever.co/candidates/${opportunity.id}` } });
    if (posting) {
      const application: ApplicationRow = tables.applications.insert({
        opportunityId: opportunity.id, candidateId: opportunity.id, type: origin === 'referred' ? 'referral' : origin === 'applied' ? 'posting' : 'user',
        posting: posting.id, postingOwner: posting.owner, postingHiringManager: posting.hiringManager,
        user: origin === 'referred' ? random.pick(colleagues).id : origin === 'applied' ? null : owner.id,
        name: opportunity.name, email: person.email, phone: { type: null, value: person.phone }, company: contact.headline.split(', ')[0] ?? null,
        links: opportunity.links, comments: origin === 'applied' && random.chance(0.3) ? 'I would love to join the team.' : null, customQuestions: [],
        archived: opportunity.archived, requisitionForHire: null, createdAt: at(created),
      });
      tables.opportunities.update(opportunity, { applications: [application.id] });
    }
    return opportunity;
  };

  const headline = () => [...random.sample<string>(COMPANIES, random.int(1, 3)), ...(random.chance(0.4) ? [random.pick(SCHOOLS)] : [])].join(', ');
  const amaraPerson: Person = { firstName: 'Amara', lastName: 'Okafor', email: 'amara.okafor@hey.com', phone: '+44 7700 900412', place: { city: 'London', country: 'United Kingdom' } };
  const amaraContact = { id: random.uuid(), person: amaraPerson, headline: 'Monzo, Thought Machine, University of Manchester' };
  const earlier = open.find((posting) => posting.state === 'closed')!;
  const amaraArchived = addOpportunity(amaraContact, earlier, stage('Recruiter screen'), { archived: random.pick(nonHired).id, createdDaysAgo: 300, origin: 'applied' });
  const amara = addOpportunity(amaraContact, backend, stage('Phone interview'), { createdDaysAgo: 30, origin: 'applied' });

  for (let index = 0; index < GENERIC_CONTACTS; index++) {
    const contact = { id: random.uuid(), person: people.next(), headline: headline() };
    for (let count = random.weighted([[1, 85], [2, 15]] as const); count > 0; count--) {
      const posting = random.chance(0.9) ? random.pick(open) : null;
      const outcome = random.weighted([['active', 55], ['rejected', 38], ['hired', 7]] as const);
      const current = outcome === 'hired' ? stage('Offer') : posting ? random.pick(stages.slice(3)) : random.pick(stages.slice(0, 3));
      addOpportunity(contact, posting, current, { archived: outcome === 'active' ? undefined : outcome === 'hired' ? hired.id : random.pick(nonHired).id });
    }
  }

  const addNote = (opportunity: OpportunityRow, author: UserRow, value: string, time: Date, score: number | null = null): NoteRow =>
    tables.notes.insert({
      opportunityId: opportunity.id, text: 'Note', user: author.id, secret: false, createdAt: at(time), completedAt: at(time), deletedAt: null,
      fields: [{ type: 'note', text: 'Comment', value, createdAt: at(time), user: author.id, score, stage: opportunity.stage }],
    });
  const addFeedback = (opportunity: OpportunityRow, author: UserRow, rating: string, comment: string, time: Date): FeedbackRow =>
    tables.feedback.insert({
      opportunityId: opportunity.id, type: 'interview', text: 'Phone interview', instructions: 'Probe depth of experience and motivation.',
      baseTemplateId: FEEDBACK_TEMPLATE_ID, user: author.id, panel: random.uuid(), interview: random.uuid(),
      createdAt: at(time), updatedAt: at(time), completedAt: at(addDays(time, 0.1)), deletedAt: null,
      fields: [
        { id: 'a3c10c42-6b8f-4f0e-9d8a-1b6f0c7e9a01', type: 'score', text: 'Rating', description: '', required: true, value: rating, options: RATINGS.map((text) => ({ text })) },
        { id: 'b8f2e6d1-2c4a-4b7e-8f1d-3a9c5e7b2d02', type: 'textarea', text: 'Notes / Comments', description: '', required: true, value: comment },
      ],
    });
  const amaraNotes = [
    addNote(amara, recruiters[1]!, 'Recruiter screen done: notice period four weeks, keen on the payments platform.', daysAgo(20), 3),
    addNote(amara, interviewers[0]!, 'Booked the phone interview with the platform team.', daysAgo(14)),
  ];
  const amaraFeedback = [
    addFeedback(amara, interviewers[0]!, RATINGS[0]!, POSITIVE_FEEDBACK[1], daysAgo(10)),
    addFeedback(amara, interviewers[1]!, RATINGS[1]!, MIXED_FEEDBACK[3], daysAgo(9)),
  ];
  for (const opportunity of tables.opportunities.all()) {
    if (opportunity.contact === amaraContact.id) continue;
    const from = new Date(opportunity.createdAt);
    for (let count = random.weighted([[0, 4], [1, 4], [2, 2]] as const); count > 0; count--) {
      addNote(opportunity, random.pick(recruiters), random.pick(RECRUITER_NOTES), randomMoment(random, from, new Date(opportunity.updatedAt)));
    }
    if (stages.findIndex((row) => row.id === opportunity.stage) < stages.indexOf(stage('Phone interview'))) continue;
    for (const interviewer of random.sample(interviewers, random.int(1, 2))) {
      const positive = opportunity.archived?.reason !== undefined && opportunity.archived.reason !== hired.id ? false : random.chance(0.7);
      addFeedback(opportunity, interviewer, positive ? random.pick(RATINGS.slice(0, 2)) : random.pick(RATINGS.slice(2)),
        random.pick(positive ? POSITIVE_FEEDBACK : [...MIXED_FEEDBACK, ...NEGATIVE_FEEDBACK]), randomMoment(random, from, new Date(opportunity.updatedAt)));
    }
  }

  return {
    ...tables,
    planted: {
      adminUserId: admin.id,
      deactivatedUserId: deactivated.id,
      amara: {
        email: amaraPerson.email,
        contactId: amaraContact.id,
        opportunityId: amara.id,
        applicationId: amara.applications[0]!,
        postingId: backend.id,
        currentStageId: stage('Phone interview').id,
        nextStageId: stage('On-site interview').id,
        noteIds: amaraNotes.map((note) => note.id),
        feedbackIds: amaraFeedback.map((form) => form.id),
        archivedOpportunityId: amaraArchived.id,
      },
    },
  };
}

const FEEDBACK_TEMPLATE_ID = 'c2d4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
const RATINGS = ['4 - Strong Hire', '3 - Hire', '2 - No Hire', '1 - Strong No Hire'];
