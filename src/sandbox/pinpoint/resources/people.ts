import { matchAny } from '../filters.ts';
import { JOB_VISIBILITIES, STAGE_TYPES } from '../state.ts';
import type { ApplicationRow, CandidateRow, TagWithContext } from '../state.ts';
import {
  COMPANY_URL, NOT_CONFIDENTIAL, belongsTo, commentsOn, customAttributesOf, hasMany, hasOne, ownedBy, plainAttributes, resource,
} from './kit.ts';
import type { AnyResource, ResourceContext } from './kit.ts';

/**
 * Candidates, their applications and what hangs off an application: answers, offers, scorecards, comments. As the
 * API describes them, an application names no candidate and the candidate list takes no filter.
 */
export function peopleResources({ state, polymorphic }: ResourceContext): AnyResource[] {
  const fullName = (row: { first_name: string; last_name: string }) => `${row.first_name} ${row.last_name}`;
  const applicationsOf = (candidate: CandidateRow) => state.applications.where((application) => application.candidate_id === candidate.id);
  const ratingsOf = (applications: ApplicationRow[]) => {
    const ids = new Set(applications.map((application) => application.id));
    return state.scorecardRatings.where((rating) => ids.has(rating.application_id)).map((rating) => rating.rating);
  };
  /** Scorecard entries name the interviewer who wrote them. */
  const byUser = { relationships: { user: belongsTo('users', state.users, (row: { user_id: number }) => row.user_id) } };

  return [
    resource('applications', state.applications, {
      attributes: (row) => ({ ...plainAttributes(row, ['cv_filename', 'candidate_id']), full_name: fullName(row) }),
      extraAttributes: {
        attachments: (row) => cvAttachments(row),
        average_rating: (row) => average(ratingsOf([row])),
        tags: (row) => row.tags,
      },
      relationships: {
        job: belongsTo('jobs', state.jobs, (row) => row.job_id),
        stage: belongsTo('stages', state.stages, (row) => row.stage_id),
        comments: commentsOn(state, 'Application'),
        answers: ownedBy('answers', state.answers, 'application_id'),
        custom_attributes: customAttributesOf(state, 'Application'),
        offers: ownedBy('offers', state.offers, 'application_id'),
        scorecard_ratings: ownedBy('scorecard_ratings', state.scorecardRatings, 'application_id'),
        scorecard_notes: ownedBy('scorecard_notes', state.scorecardNotes, 'application_id'),
        scorecard_answers: ownedBy('scorecard_answers', state.scorecardAnswers, 'application_id'),
        interviews: ownedBy('interviews', state.interviews, 'interviewable_id'),
        onboarding_application: hasOne('onboarding_applications', state.onboardingApplications, (onboarding, row) => onboarding.application_id === row.id),
      },
      filters: {
        job_id: matchAny((row) => row.job_id),
        stage_id: matchAny((row) => row.stage_id),
        stage_basic_type: matchAny((row) => state.stages.get(row.stage_id)?.basic_type ?? null, STAGE_TYPES),
        job_visibility: matchAny((row) => state.jobs.get(row.job_id)?.visibility ?? null, JOB_VISIBILITIES),
        internal_candidate: matchAny((row) => row.internal_candidate, ['true', 'false']),
      },
      defaultFilters: { job_visibility: NOT_CONFIDENTIAL },
    }),
    resource('candidates', state.candidates, {
      attributes: (row) => ({ ...plainAttributes(row), full_name: fullName(row) }),
      extraAttributes: {
        attachments: (row) => applicationsOf(row).flatMap(cvAttachments),
        average_rating: (row) => average(ratingsOf(applicationsOf(row))),
        tags: (row) => distinctTags(applicationsOf(row).flatMap((application) => application.tags)),
      },
      relationships: {
        answers: hasMany('answers', state.answers, (answer, row: CandidateRow) => state.applications.get(answer.application_id)?.candidate_id === row.id),
        comments: commentsOn(state, 'JobSeeker'),
        custom_attributes: customAttributesOf(state, 'JobSeeker'),
      },
    }),
    resource('answers', state.answers, {
      attributes: (row) => plainAttributes(row, ['application_id', 'question_id']),
      relationships: { question: belongsTo('questions', state.questions, (row) => row.question_id) },
    }),
    resource('offers', state.offers, {
      relationships: {
        creator: belongsTo('users', state.users, (row) => row.creator_id),
        manager: belongsTo('users', state.users, (row) => row.manager_id),
        stage: belongsTo('stages', state.stages, (row) => row.stage_id),
        custom_attributes: customAttributesOf(state, 'Offer'),
      },
    }),
    resource('scorecard_ratings', state.scorecardRatings, byUser),
    resource('scorecard_notes', state.scorecardNotes, byUser),
    resource('scorecard_answers', state.scorecardAnswers, byUser),
    resource('comments', state.comments, {
      relationships: {
        user: belongsTo('users', state.users, (row) => row.user_id),
        commentable: { targets: ['applications', 'candidates'], many: false, resolve: (row) => polymorphic(row.commentable_type, row.commentable_id) },
      },
      filters: {
        commentable_id: matchAny((row) => row.commentable_id),
        commentable_type: matchAny((row) => row.commentable_type, ['Application', 'JobSeeker']),
      },
    }),
  ];
}

function cvAttachments(application: ApplicationRow): { context: string; filename: string; url: string }[] {
  if (application.cv_filename === null) return [];
  return [{ context: 'pdf_cv', filename: application.cv_filename, url: `${COMPANY_URL}/rails/active_storage/blobs/${application.id}/${application.cv_filename}` }];
}

/** Mean to one decimal, null without ratings. */
function average(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

function distinctTags(tags: TagWithContext[]): TagWithContext[] {
  return [...new Map(tags.map((tag) => [`${tag.context}:${tag.tag.toLowerCase()}`, tag])).values()];
}
