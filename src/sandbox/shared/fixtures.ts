/** Word pools the sandboxes draw their fake but realistic records from. */

/** Space-separated words as a list (the pools below are long; one string each keeps them readable). */
function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const FIRST_NAMES = words(`
  Olivia Liam Amelia Noah Isla Oliver Ava George Mia Arthur Sophia Leo Grace Oscar Freya Harry Ella Jack Lily Theo
  Chloe Ethan Zara Lucas Hannah Mason Aisha Mateo Nina Samuel Emily Daniel Priya Rohan Fatima Omar Yuki Kenji Ana Diego
  Chiara Marco Ingrid Lars Aoife Cian Naledi Thabo Mei Wei Layla Yusuf Elena Pavel Camille Hugo Sofia Mateus Ruby Felix
`);

export const LAST_NAMES = words(`
  Smith Patel Jones Williams Brown Taylor Davies Evans Wilson Thomas Roberts Johnson Walker Wright Robinson Thompson
  Hughes Edwards Green Hall Khan Nguyen Garcia Martinez Rossi Müller Schmidt Dubois Novak Kowalski Okafor Mensah Chen
  Wang Tanaka Sato Kim Park Singh Sharma O'Brien Murphy Byrne Fischer Larsen Andersson Costa Silva Haddad Cohen Fraser
  Campbell Stewart Reid Lopez Ivanova Moreau Bianchi Adeyemi Nakamura
`);

/** Where candidates work now (their current company). */
export const COMPANIES = [
  'Monzo', 'Deliveroo', 'Wise', 'Revolut', 'Skyscanner', 'Ocado Technology', 'Spotify', 'Zalando', 'Klarna', 'Booking.com',
  'Shopify', 'Stripe', 'Datadog', 'Atlassian', 'Canva', 'GoCardless', 'Starling Bank', 'Octopus Energy', 'Bloomberg', 'Accenture',
  'Deloitte', 'BBC', 'Sainsbury\'s', 'Unilever', 'Siemens', 'SAP', 'Adyen', 'N26', 'Personio', 'Contentful',
] as const;

export const SCHOOLS = [
  'University of Edinburgh', 'University of Manchester', 'Imperial College London', 'University College London',
  'University of Bristol', 'Trinity College Dublin', 'TU Munich', 'University of Amsterdam', 'KTH Royal Institute of Technology',
  'University of Lisbon', 'Sciences Po', 'University of Toronto', 'University of Texas at Austin', 'Georgia Tech',
] as const;

export const EMAIL_DOMAINS = [
  'gmail.com', 'outlook.com', 'proton.me', 'yahoo.co.uk', 'icloud.com', 'hotmail.com', 'fastmail.com',
] as const;

export interface Place {
  city: string;
  country: string;
}

/** Cities by country, in the order sandboxes take them. */
export const PLACES: readonly Place[] = ([
  ['United Kingdom', ['London', 'Manchester', 'Edinburgh', 'Bristol']],
  ['Ireland', ['Dublin']],
  ['Germany', ['Berlin']],
  ['Netherlands', ['Amsterdam']],
  ['Portugal', ['Lisbon']],
  ['France', ['Paris']],
  ['United States', ['New York', 'Austin']],
  ['Canada', ['Toronto']],
  ['Jersey', ['St Helier']],
] as const).flatMap(([country, cities]) => cities.map((city) => ({ city, country })));

export interface JobTemplate {
  title: string;
  department: string;
}

export const DEPARTMENTS = [
  'Engineering', 'Product', 'Design', 'Data', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'People', 'Operations',
] as const;

/** Job titles by department, in the order sandboxes take them. */
export const JOB_TEMPLATES: readonly JobTemplate[] = ([
  ['Engineering', [
    'Staff Platform Engineer', 'Frontend Engineer', 'Mobile Engineer (iOS)', 'Site Reliability Engineer', 'Engineering Manager',
    'QA Automation Engineer', 'Security Engineer',
  ]],
  ['Product', ['Senior Product Manager', 'Product Operations Lead']],
  ['Design', ['Product Designer', 'UX Researcher']],
  ['Data', ['Data Scientist', 'Analytics Engineer']],
  ['Sales', ['Account Executive', 'Sales Development Representative', 'Head of Sales EMEA']],
  ['Marketing', ['Content Marketing Manager', 'Growth Marketer']],
  ['Customer Success', ['Customer Success Manager', 'Support Specialist']],
  ['Finance', ['Financial Controller', 'Chief Financial Officer', 'Payroll Specialist']],
  ['People', ['Talent Partner', 'Head of People']],
  ['Operations', ['Office Manager', 'Business Operations Analyst', 'Legal Counsel']],
] as const).flatMap(([department, titles]) => titles.map((title) => ({ title, department })));

export const CANDIDATE_SUMMARIES = [
  'Backend engineer with seven years of experience building payment systems in Go and Ruby.',
  'Product-minded designer who has shipped B2B dashboards used by thousands of daily users.',
  'Analyst who enjoys turning messy spreadsheets into clear weekly reporting.',
  'Sales professional who consistently exceeded quota selling SaaS into mid-market accounts.',
  'Marketing generalist with a background in content strategy and paid acquisition.',
  'Operations specialist who has scaled support teams from five to forty people.',
  'Recent graduate in economics with internships in finance and consulting.',
  'Full-stack developer focused on TypeScript, React and PostgreSQL.',
  'People partner experienced in hiring, onboarding and performance reviews.',
  'Data scientist with a PhD in statistics and production machine-learning experience.',
] as const;

/** Interview feedback written by colleagues; used for Pinpoint comments and Polymer comments/reviews. */
export const POSITIVE_FEEDBACK = [
  'Strong communicator, explained trade-offs clearly and asked sharp questions about the team.',
  'Excellent system design discussion; handled the scaling follow-ups without hesitation.',
  'Great culture add. References from the previous manager were glowing.',
  'Solid technical fundamentals and a pragmatic approach to testing.',
  'Clear evidence of ownership: led the migration project end to end.',
  'Very structured answers in the case study, numbers were well reasoned.',
] as const;

export const MIXED_FEEDBACK = [
  'Good experience overall, but salary expectations are above the band for this role.',
  'Technically capable; less convincing on stakeholder management examples.',
  'Promising, though notice period is three months which may delay the start.',
  'Answers were a bit high level; would like a deeper dive in the next round.',
] as const;

export const NEGATIVE_FEEDBACK = [
  'Struggled with the coding exercise and did not finish the core requirements.',
  'Limited experience with the scale we operate at; not a fit for this level.',
  'Communication was unclear and several answers contradicted the CV.',
] as const;

export const RECRUITER_NOTES = [
  'Phone screen booked for next week.',
  'Candidate asked about hybrid working arrangements; confirmed two office days.',
  'Sent the take-home exercise, due in five days.',
  'Chased for availability, waiting on a reply.',
  'Candidate is also interviewing elsewhere; keep the process moving.',
] as const;
