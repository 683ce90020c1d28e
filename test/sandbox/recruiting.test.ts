// The kit's neutral recruiting organization: deterministic, with the planted person where asked, and applications
// whose stage visits stay inside their job's pipeline in time order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecruitingOrg, type OrgSpec } from '../../src/sandbox/shared/recruiting.ts';

const spec: OrgSpec = {
  company: { name: 'Toy Co', domain: 'toy.example' },
  stagesFor: (department) => (department === 'Engineering' ? ['New', 'Screen', 'Tech', 'Offer', 'Hired'] : ['New', 'Screen', 'Offer', 'Hired']),
  members: 6,
  people: 40,
  planted: { member: { firstName: 'Ada', lastName: 'Admin' }, person: { firstName: 'Pat', lastName: 'Planted', email: 'pat@example.com', phone: '+1', place: { city: 'Paris', country: 'France' } }, jobTitle: 'Toy Engineer', department: 'Engineering', stage: 'Tech' },
  disqualificationReasons: ['No'],
};

test('the same seed makes the same organization; another seed another one', () => {
  assert.deepEqual(createRecruitingOrg(7, spec), createRecruitingOrg(7, spec));
  assert.notDeepEqual(createRecruitingOrg(7, spec).applications, createRecruitingOrg(8, spec).applications);
});

test('the planted person has one application to the planted job, in the planted stage, with two comments', () => {
  const org = createRecruitingOrg(1, spec);
  const application = org.applications[org.planted.application]!;
  assert.deepEqual([org.people[application.person]!.email, org.jobs[application.job]!.title], ['pat@example.com', 'Toy Engineer']);
  assert.equal(org.jobs[application.job]!.stages[application.visits.at(-1)!.stage], 'Tech');
  assert.equal(org.applications.filter((candidate) => candidate.person === org.planted.person).length, 1);
  assert.deepEqual(org.planted.comments.map((index) => org.comments[index]!.application), [application.index, application.index]);
  assert.equal(org.members[0]!.role, 'admin');
  assert.throws(() => createRecruitingOrg(1, { ...spec, planted: { ...spec.planted, stage: 'Hired' } }), /must be inside/);
});

test('every application walks its own pipeline forward in time; drafts get none; hired ones are not disqualified', () => {
  const org = createRecruitingOrg(3, spec);
  for (const application of org.applications) {
    const job = org.jobs[application.job]!;
    assert.notEqual(job.status, 'draft');
    assert.deepEqual(application.visits.map((visit) => visit.stage), application.visits.map((_, index) => index));
    assert.ok(application.visits.at(-1)!.stage < job.stages.length);
    for (let index = 1; index < application.visits.length; index++) assert.ok(application.visits[index]!.at >= application.visits[index - 1]!.at);
    if (application.visits.at(-1)!.stage === job.stages.length - 1) assert.equal(application.disqualified, null);
  }
});
