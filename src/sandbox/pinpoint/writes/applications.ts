import { checkFields } from '../../shared/fields.ts';
import type { FieldSpecs } from '../../shared/fields.ts';
import { isPlainObject, raise } from '../../shared/http.ts';
import { badRequest, fieldIssueProblem, invalid, recordNotFound } from '../errors.ts';
import { relatedId } from '../request-document.ts';
import type { WriteDocument } from '../request-document.ts';
import { pinpointTime } from '../state.ts';
import type { ApplicationRow, JobRow, PinpointState, StageRow, TagWithContext } from '../state.ts';
import { CONTACT_FIELDS, contactDetails } from './contact-details.ts';
import type { RecordWriter } from './record-writer.ts';

const EDITABLE_FIELDS: FieldSpecs = {
  ...CONTACT_FIELDS,
  internal_candidate: { kind: 'boolean' },
  start_on: { kind: 'date' },
};

const CREATE_FIELDS: FieldSpecs = {
  ...EDITABLE_FIELDS,
  summary: { kind: 'string' },
  skip_notifications_on_create: { kind: 'boolean' },
  cv_base64_filename: { kind: 'string' },
  cv_base64_data: { kind: 'string' },
};

/** What an application keeps from the moment it is created. */
const FIXED_AFTER_CREATE = ['summary', 'cv_base64_filename', 'cv_base64_data', 'answers', 'skip_notifications_on_create'];

/** POST and PUT /applications. */
export function applicationWriter(state: PinpointState): Pick<Required<RecordWriter>, 'create' | 'update'> {
  const stageFor = (document: WriteDocument, job: JobRow): StageRow | null => {
    const stageId = relatedId(document, 'stage', ['stages']);
    if (stageId === null) return null;
    const stage = state.stages.get(stageId);
    if (!stage || stage.job_id !== job.id) throw invalid(`stage ${stageId} must belong to the application's job (${job.id})`);
    return stage;
  };

  return {
    create(document) {
      const values = readFields(document.attributes, CREATE_FIELDS, 'create');
      const jobId = relatedId(document, 'job', ['jobs']) ?? raise(invalid("job can't be blank"));
      const job = state.jobs.get(jobId) ?? raise(invalid(`job ${jobId} does not exist`));
      const stage = stageFor(document, job) ?? firstStage(state, job.id);
      if (values.cv_base64_data && !values.cv_base64_filename) throw invalid("cv_base64_filename can't be blank when cv_base64_data is sent");
      const now = pinpointTime(new Date());
      const optional = <T>(name: string, fallback: T): T => (values[name] as T | null | undefined) ?? fallback;
      const contact = contactDetails(values, { channel: 'api', channel_source: 'Added via API' });
      const candidate =
        state.candidates.find((row) => row.email.toLowerCase() === contact.email.toLowerCase()) ??
        state.candidates.insert({ ...contact, created_at: now, updated_at: now });
      return state.applications.insert({
        ...contact,
        candidate_id: candidate.id,
        job_id: job.id,
        stage_id: stage.id,
        internal_candidate: optional('internal_candidate', false),
        start_on: optional<string | null>('start_on', null),
        tags: [],
        cv_filename: optional<string | null>('cv_base64_filename', null),
        ...stageTimestamps(stage, now),
        created_at: now,
        updated_at: now,
      });
    },

    update(id, document) {
      const application = state.applications.get(id) ?? raise(recordNotFound());
      const job = state.jobs.get(application.job_id) ?? raise(recordNotFound());
      const fixed = FIXED_AFTER_CREATE.find((name) => name in document.attributes);
      if (fixed) throw invalid(`${fixed} cannot be changed after the application is created`);
      const newJobId = relatedId(document, 'job', ['jobs']);
      if (newJobId !== null && newJobId !== job.id) throw invalid('job cannot be changed after the application is created');
      const { add_tags_with_context: added, remove_tag_with_context: removed, ...attributes } = document.attributes;
      const values = readFields(attributes, EDITABLE_FIELDS, 'update');
      const tags = changeTags(application.tags, added, removed);
      const stage = stageFor(document, job);
      const now = pinpointTime(new Date());
      state.applications.update(application, {
        ...(values as Partial<ApplicationRow>),
        tags,
        ...(stage && stage.id !== application.stage_id ? { stage_id: stage.id, ...stageTimestamps(stage, now) } : {}),
        updated_at: now,
      });
      return { row: application, sideposted: [] };
    },
  };
}

/** The job's "applied" stage (or its first stage). */
function firstStage(state: PinpointState, jobId: number): StageRow {
  const stages = state.stages.where((stage) => stage.job_id === jobId).sort((a, b) => a.position - b.position);
  return stages.find((stage) => stage.basic_type === 'applied') ?? stages[0] ?? raise(invalid(`job ${jobId} has no stages`));
}

function stageTimestamps(stage: StageRow, now: string): Pick<ApplicationRow, 'hired_at' | 'rejected_at'> {
  return { hired_at: stage.basic_type === 'hired' ? now : null, rejected_at: stage.basic_type === 'rejected' ? now : null };
}

function readFields(input: Record<string, unknown>, specs: FieldSpecs, mode: 'create' | 'update'): Record<string, unknown> {
  const { values, unknown, issue } = checkFields(input, specs, mode);
  if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of applications`);
  if (issue) throw fieldIssueProblem(issue);
  return values;
}

/** add_tags_with_context: [{tag, context}], remove_tag_with_context: {tag, context} */
function changeTags(current: TagWithContext[], added: unknown, removed: unknown): TagWithContext[] {
  let tags = [...current];
  if (added !== undefined) {
    if (!Array.isArray(added) || !added.every(isTag)) throw invalid('add_tags_with_context must be a list of {"tag", "context"} objects');
    for (const tag of added) if (!tags.some((existing) => sameTag(existing, tag))) tags.push({ tag: tag.tag, context: tag.context });
  }
  if (removed !== undefined) {
    if (!isTag(removed)) throw invalid('remove_tag_with_context must be a {"tag", "context"} object');
    tags = tags.filter((existing) => !sameTag(existing, removed));
  }
  return tags;
}

function isTag(value: unknown): value is TagWithContext {
  return isPlainObject(value) && typeof value.tag === 'string' && value.tag !== '' && typeof value.context === 'string';
}

function sameTag(a: TagWithContext, b: TagWithContext): boolean {
  return a.tag.toLowerCase() === b.tag.toLowerCase() && a.context === b.context;
}
