/** Fixed value sets of the Pinpoint API (OpenAPI 1.0.23 and the integration definition). */

export const STAGE_TYPES = ['applied', 'review', 'interview', 'offer', 'hired', 'rejected'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export const JOB_STATUSES = ['open', 'closed', 'draft', 'archived'] as const;
export const JOB_VISIBILITIES = ['external', 'internal', 'confidential'] as const;
export const EMPLOYMENT_TYPES = [
  'contract_temp', 'fixed_term_contract', 'fixed_term_full_time', 'fixed_term_part_time', 'flexible', 'freelance', 'full_time',
  'internship', 'part_time', 'permanent', 'permanent_full_time', 'permanent_part_time', 'zero_hours',
] as const;
export const LOCALES = ['de', 'en', 'es', 'fr', 'pt', 'pt-BR'] as const;
export const WORKPLACE_TYPES = ['onsite', 'hybrid', 'remote'] as const;
export const COMPENSATION_FREQUENCIES = ['hour', 'day', 'week', 'month', 'year'] as const;

export const CUSTOM_FIELD_TYPES = [
  'varchar', 'text', 'integer', 'decimal', 'boolean', 'date', 'single_select', 'multi_select',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
/** Field types a custom field can be created with: `users` holds a user, and no value key for it is documented. */
export const CREATABLE_FIELD_TYPES = [...CUSTOM_FIELD_TYPES, 'users'] as const;
export type CreatableFieldType = (typeof CREATABLE_FIELD_TYPES)[number];

/** custom_fields.resource_type → the custom_attributable_type values it can be stored on (job fields also fit job templates). */
export const ATTRIBUTABLE_TYPES_BY_RESOURCE = {
  candidate: ['JobSeeker'],
  application: ['Application'],
  job: ['Job', 'JobTemplate'],
  offer: ['Offer'],
} as const;
export type CustomFieldResource = keyof typeof ATTRIBUTABLE_TYPES_BY_RESOURCE;
export type AttributableType = (typeof ATTRIBUTABLE_TYPES_BY_RESOURCE)[CustomFieldResource][number];
export const CUSTOM_FIELD_RESOURCES = Object.keys(ATTRIBUTABLE_TYPES_BY_RESOURCE) as CustomFieldResource[];
export const ATTRIBUTABLE_TYPES: readonly AttributableType[] = Object.values(ATTRIBUTABLE_TYPES_BY_RESOURCE).flat();

export type RequisitionStatus = 'pending_approval' | 'approved' | 'archived';
export type InterviewStatus = 'scheduled' | 'in_progress' | 'completed';
export type OnboardingStatus = 'uninvited' | 'invited' | 'completed' | 'archived';
export type QuestionType = 'long_text' | 'boolean' | 'multiple_choice' | 'document' | 'date' | 'url' | 'short_text';
export type OfferResult = 'pending' | 'accepted' | 'rejected' | 'retracted';
