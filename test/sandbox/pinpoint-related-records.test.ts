import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startPinpointSandbox } from '../../src/sandbox/index.ts';
import type { ResourceObject } from '../../src/sandbox/pinpoint/document.ts';
import { pinpointClient } from './client.ts';
import type { ManyDocument, OneDocument, PinpointErrors } from './client.ts';

const related = (document: { included?: ResourceObject[] }, type: string) => (document.included ?? []).filter((record) => record.type === type);

describe('Pinpoint sandbox: related records behind the includes', async () => {
  const sandbox = await startPinpointSandbox();
  const api = pinpointClient(sandbox);
  after(() => sandbox.close());

  test('a hired application has form answers, an accepted offer, scorecards and an average rating', async () => {
    const id = sandbox.state.planted.juniorAnalyst.hiredApplicationId;
    const include = 'answers,offers,scorecard_ratings,scorecard_notes,scorecard_answers';
    const reply = await api<OneDocument>('GET', `/applications/${id}?include=${include}&extra_fields[applications]=average_rating,tags`);
    assert.equal(reply.status, 200);
    const answers = related(reply.body, 'answers');
    assert.ok(answers.length >= 2 && answers.every((answer) => typeof answer.attributes.title === 'string' && typeof answer.attributes.question_type === 'string'));
    const [offer, ...otherOffers] = related(reply.body, 'offers');
    assert.equal(otherOffers.length, 0);
    assert.equal(offer?.attributes.result, 'accepted');
    assert.equal(offer?.attributes.job_title, 'Junior Analyst');
    const ratings = related(reply.body, 'scorecard_ratings').map((rating) => Number(rating.attributes.rating));
    assert.ok(ratings.length >= 3 && ratings.every((rating) => rating >= 1 && rating <= 4));
    assert.ok(related(reply.body, 'scorecard_notes').length > 0 && related(reply.body, 'scorecard_answers').length > 0);
    const average = reply.body.data.attributes.average_rating;
    assert.equal(average, Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 10) / 10);
    assert.ok(Array.isArray(reply.body.data.attributes.tags));
  });

  test('interviews name their stage and their parts with the interviewing users', async () => {
    const { applicationId } = sandbox.state.planted.sarahJenkins;
    const reply = await api<ManyDocument>('GET', `/interviews?filter[interviewable_id]=${applicationId}&include=stage,interview_parts.interviewing_users`);
    const [interview] = reply.body.data;
    assert.equal(interview?.attributes.status, 'scheduled');
    assert.deepEqual(related(reply.body, 'stages').map((stage) => stage.attributes.basic_type), ['interview']);
    const parts = related(reply.body, 'interview_parts');
    assert.ok(parts.length >= 1 && parts.every((part) => typeof part.attributes.name === 'string'));
    assert.ok(related(reply.body, 'users').every((user) => typeof user.attributes.first_name === 'string'));
    assert.ok(related(reply.body, 'users').length >= 1);
  });

  test('jobs carry advert sections, a free-text requisition reference, screening questions and their place in the structure', async () => {
    const jobId = sandbox.state.planted.seniorBackendDeveloper.jobId;
    const reply = await api<OneDocument>('GET', `/jobs/${jobId}?include=questions,recruitment_manager_user,structure_custom_group_one`);
    const { attributes } = reply.body.data;
    assert.match(String(attributes.key_responsibilities), /<li>/);
    assert.ok(attributes.requisition_id === null || /^REQ-\d{3}$/.test(String(attributes.requisition_id)));
    assert.ok(related(reply.body, 'questions').some((question) => question.attributes.question_type === 'url'));
    assert.deepEqual(related(reply.body, 'structure_custom_group_ones').map((group) => [group.attributes.title, group.attributes.name]), [['Sub Department', 'Platform']]);
    assert.equal(related(reply.body, 'users').length, 1);
  });

  test('a job filed under a structure link takes its department, division, location and sub-department', async () => {
    const link = sandbox.state.structureLinks.find((row) => row.structure_custom_group_one_id !== null);
    assert.ok(link);
    const created = await api<OneDocument>('POST', '/jobs', {
      data: { type: 'jobs', attributes: { title: 'Platform Engineer', structure_link_id: String(link.id), requisition_id: 'PLAT-7', benefits: '<p>Pension</p>' } },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.data.attributes.department_id, String(link.department_id));
    assert.equal(created.body.data.attributes.structure_custom_group_one_id, String(link.structure_custom_group_one_id));
    assert.equal(created.body.data.attributes.requisition_id, 'PLAT-7');
    const badCurrency = await api<PinpointErrors>('PUT', `/jobs/${created.body.data.id}`, {
      data: { type: 'jobs', id: created.body.data.id, attributes: { compensation_currency: 'pounds' } },
    });
    assert.equal(badCurrency.status, 422);
    assert.match(badCurrency.body.errors[0]?.detail ?? '', /ISO 4217/);
  });

  test('requisitions are created with their template answered in requisition_details, then archived', async () => {
    const templateId = sandbox.state.planted.requisitionTemplateId;
    const template = await api<OneDocument>('GET', `/requisition_templates/${templateId}?include=requisition_template_fields.template_custom_field`);
    const fields = related(template.body, 'requisition_template_fields');
    const fieldId = (label: string) => fields.find((field) => field.attributes.label === label)?.id ?? '';
    assert.equal(related(template.body, 'custom_fields').length, 1, 'one field answers a job custom field');
    const detail = (label: string, attributes: Record<string, unknown>, tempId: string) => ({
      type: 'requisition_details', 'temp-id': tempId, attributes,
      relationships: { requisition_template_field: { data: { type: 'requisition_template_fields', id: fieldId(label) } } },
    });
    const post = (included: ReturnType<typeof detail>[]) =>
      api<OneDocument & PinpointErrors>('POST', '/requisitions?include=requisition_details', {
        data: {
          type: 'requisitions',
          attributes: { name: 'Data Engineer' },
          relationships: {
            requisition_template: { data: { type: 'requisition_templates', id: templateId } },
            requisition_details: { data: included.map((record) => ({ type: record.type, 'temp-id': record['temp-id'], method: 'create' })) },
          },
        },
        included,
      });

    const missing = await post([detail('Title', { varchar_value: 'Data Engineer' }, 't1')]);
    assert.equal(missing.status, 422);
    assert.match(missing.body.errors[0]?.detail ?? '', /"Headcount" can't be blank/);
    const wrongKey = await post([detail('Title', { varchar_value: 'x' }, 't1'), detail('Headcount', { varchar_value: '2' }, 't2'), detail('Contract Type', { single_select_value: 'full_time' }, 't3')]);
    assert.match(wrongKey.body.errors[0]?.detail ?? '', /send integer_value/);
    const created = await post([
      detail('Title', { varchar_value: 'Data Engineer' }, 't1'),
      detail('Headcount', { integer_value: 2 }, 't2'),
      detail('Contract Type', { single_select_value: 'permanent_full_time' }, 't3'),
    ]);
    assert.equal(created.status, 201);
    assert.equal(created.body.data.attributes.status, 'pending_approval');
    assert.equal(created.body.data.attributes.headcount, 2);
    const details = related(created.body, 'requisition_details');
    assert.deepEqual(details.map((row) => [row.attributes.label, row.attributes.integer_value]), [['Title', null], ['Headcount', 2], ['Contract Type', null]]);

    const archived = await api<OneDocument>('PUT', `/requisitions/${created.body.data.id}`, { data: { type: 'requisitions', id: created.body.data.id, attributes: { archive: true } } });
    assert.equal(archived.body.data.attributes.status, 'archived');
    const renamed = await api<PinpointErrors>('PUT', `/requisitions/${created.body.data.id}`, { data: { type: 'requisitions', id: created.body.data.id, attributes: { name: 'x' } } });
    assert.equal(renamed.status, 400);
  });

  test('onboarding starts at a time, in one of the documented statuses, with the new starter\'s answers', async () => {
    const reply = await api<ManyDocument>('GET', '/onboarding_applications?include=onboarding_answers&sort=-start_at');
    assert.ok(reply.body.data.length > 0);
    assert.ok(reply.body.data.every((row) => ['uninvited', 'invited', 'completed', 'archived'].includes(String(row.attributes.status))));
    assert.ok(reply.body.data.every((row) => row.attributes.start_at === null || /T09:00:00\+00:00$/.test(String(row.attributes.start_at))));
    assert.ok(related(reply.body, 'onboarding_answers').length > 0);
  });

  test('locations have a full address; users can be told apart by employee', async () => {
    const locations = await api<ManyDocument>('GET', '/locations');
    const london = locations.body.data.find((location) => location.attributes.name === 'London HQ');
    assert.deepEqual(
      [london?.attributes.street_address, london?.attributes.postal_code, london?.attributes.country_code],
      ['1 Finsbury Avenue', 'EC2M 2PP', 'GB'],
    );
    const outsiders = await api<ManyDocument>('GET', '/users?filter[employee]=false');
    assert.deepEqual(outsiders.body.data.map((user) => user.attributes.last_name), ['Whitfield']);
  });
});
