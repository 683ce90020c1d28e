import { checkFields } from '../../shared/fields.ts';
import { badRequest, fieldIssueProblem } from '../errors.ts';
import type { WriteDocument } from '../request-document.ts';
import type { ResourceRegistry } from '../resources/index.ts';
import { pinpointTime } from '../state.ts';
import type { CommentRow, CommentableType, PinpointState } from '../state.ts';
import { readPolymorphic } from './polymorphic.ts';
import type { RecordWriter } from './record-writer.ts';

const COMMENTABLE_MODELS: readonly CommentableType[] = ['Application', 'JobSeeker'];

/** POST /comments: body_text plus a polymorphic commentable (application or candidate), by the system user. */
export function commentWriter(state: PinpointState, registry: ResourceRegistry): Pick<RecordWriter, 'create'> {
  return {
    create(document: WriteDocument): CommentRow {
      const { values, unknown, issue } = checkFields(
        document.attributes,
        { body_text: { kind: 'string', required: true }, private_comment: { kind: 'boolean' } },
        'create',
      );
      if (unknown.length > 0) throw badRequest(`${unknown.join(', ')} is not a writable attribute of comments`);
      if (issue) throw fieldIssueProblem(issue);
      const commentable = readPolymorphic(document, 'commentable', COMMENTABLE_MODELS, registry);
      const now = pinpointTime(new Date());
      return state.comments.insert({
        body_text: values.body_text as string,
        commentable_type: commentable.model,
        commentable_id: commentable.id,
        private_comment: (values.private_comment as boolean | null | undefined) ?? false,
        user_id: Number(state.planted.systemUserId),
        created_at: now,
        updated_at: now,
      });
    },
  };
}
