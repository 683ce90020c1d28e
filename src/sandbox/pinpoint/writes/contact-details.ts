import type { FieldSpecs } from '../../shared/fields.ts';
import { LOCALES } from '../state.ts';
import type { ContactDetails } from '../state.ts';

/** Writable contact details of candidates and applications (the same attributes on both). */
export const CONTACT_FIELDS: FieldSpecs = {
  first_name: { kind: 'string', required: true },
  last_name: { kind: 'string', required: true },
  email: { kind: 'email', required: true },
  phone: { kind: 'string' },
  phone_iso2: { kind: 'string' },
  locale: { kind: 'string', oneOf: LOCALES },
  date_of_birth: { kind: 'date' },
  linkedin_url: { kind: 'string' },
  address1: { kind: 'string' },
  address2: { kind: 'string' },
  town: { kind: 'string' },
  country: { kind: 'string' },
  postcode: { kind: 'string' },
};

/** The contact details of a new record from checked values; what was not sent is null (locale en). */
export function contactDetails(values: Record<string, unknown>, channel: Pick<ContactDetails, 'channel' | 'channel_source'>): ContactDetails {
  const text = (name: string): string | null => (values[name] as string | null | undefined) ?? null;
  return {
    first_name: values.first_name as string,
    last_name: values.last_name as string,
    email: values.email as string,
    phone: text('phone'),
    phone_iso2: text('phone_iso2'),
    summary: text('summary'),
    locale: text('locale') ?? 'en',
    date_of_birth: text('date_of_birth'),
    linkedin_url: text('linkedin_url'),
    address1: text('address1'),
    address2: text('address2'),
    town: text('town'),
    country: text('country'),
    postcode: text('postcode'),
    ...channel,
  };
}
