/** Word pools both sandboxes draw their fake but realistic records from. */

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Amelia', 'Noah', 'Isla', 'Oliver', 'Ava', 'George', 'Mia', 'Arthur',
  'Sophia', 'Leo', 'Grace', 'Oscar', 'Freya', 'Harry', 'Ella', 'Jack', 'Lily', 'Theo',
  'Chloe', 'Ethan', 'Zara', 'Lucas', 'Hannah', 'Mason', 'Aisha', 'Mateo', 'Nina', 'Samuel',
  'Emily', 'Daniel', 'Priya', 'Rohan', 'Fatima', 'Omar', 'Yuki', 'Kenji', 'Ana', 'Diego',
  'Chiara', 'Marco', 'Ingrid', 'Lars', 'Aoife', 'Cian', 'Naledi', 'Thabo', 'Mei', 'Wei',
  'Layla', 'Yusuf', 'Elena', 'Pavel', 'Camille', 'Hugo', 'Sofia', 'Mateus', 'Ruby', 'Felix',
] as const;

export const LAST_NAMES = [
  'Smith', 'Patel', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Thomas',
  'Roberts', 'Johnson', 'Walker', 'Wright', 'Robinson', 'Thompson', 'Hughes', 'Edwards', 'Green', 'Hall',
  'Khan', 'Nguyen', 'Garcia', 'Martinez', 'Rossi', 'Müller', 'Schmidt', 'Dubois', 'Novak', 'Kowalski',
  'Okafor', 'Mensah', 'Chen', 'Wang', 'Tanaka', 'Sato', 'Kim', 'Park', 'Singh', 'Sharma',
  "O'Brien", 'Murphy', 'Byrne', 'Fischer', 'Larsen', 'Andersson', 'Costa', 'Silva', 'Haddad', 'Cohen',
  'Fraser', 'Campbell', 'Stewart', 'Reid', 'Lopez', 'Ivanova', 'Moreau', 'Bianchi', 'Adeyemi', 'Nakamura',
] as const;

export const EMAIL_DOMAINS = [
  'gmail.com', 'outlook.com', 'proton.me', 'yahoo.co.uk', 'icloud.com', 'hotmail.com', 'fastmail.com',
] as const;

export interface Place {
  city: string;
  country: string;
}

export const PLACES: readonly Place[] = [
  { city: 'London', country: 'United Kingdom' },
  { city: 'Manchester', country: 'United Kingdom' },
  { city: 'Edinburgh', country: 'United Kingdom' },
  { city: 'Bristol', country: 'United Kingdom' },
  { city: 'Dublin', country: 'Ireland' },
  { city: 'Berlin', country: 'Germany' },
  { city: 'Amsterdam', country: 'Netherlands' },
  { city: 'Lisbon', country: 'Portugal' },
  { city: 'Paris', country: 'France' },
  { city: 'New York', country: 'United States' },
  { city: 'Austin', country: 'United States' },
  { city: 'Toronto', country: 'Canada' },
  { city: 'St Helier', country: 'Jersey' },
];

export interface JobTemplate {
  title: string;
  department: string;
}

export const DEPARTMENTS = [
  'Engineering', 'Product', 'Design', 'Data', 'Sales', 'Marketing', 'Customer Success', 'Finance', 'People', 'Operations',
] as const;

export const JOB_TEMPLATES: readonly JobTemplate[] = [
  { title: 'Staff Platform Engineer', department: 'Engineering' },
  { title: 'Frontend Engineer', department: 'Engineering' },
  { title: 'Mobile Engineer (iOS)', department: 'Engineering' },
  { title: 'Site Reliability Engineer', department: 'Engineering' },
  { title: 'Engineering Manager', department: 'Engineering' },
  { title: 'QA Automation Engineer', department: 'Engineering' },
  { title: 'Security Engineer', department: 'Engineering' },
  { title: 'Senior Product Manager', department: 'Product' },
  { title: 'Product Operations Lead', department: 'Product' },
  { title: 'Product Designer', department: 'Design' },
  { title: 'UX Researcher', department: 'Design' },
  { title: 'Data Scientist', department: 'Data' },
  { title: 'Analytics Engineer', department: 'Data' },
  { title: 'Account Executive', department: 'Sales' },
  { title: 'Sales Development Representative', department: 'Sales' },
  { title: 'Head of Sales EMEA', department: 'Sales' },
  { title: 'Content Marketing Manager', department: 'Marketing' },
  { title: 'Growth Marketer', department: 'Marketing' },
  { title: 'Customer Success Manager', department: 'Customer Success' },
  { title: 'Support Specialist', department: 'Customer Success' },
  { title: 'Financial Controller', department: 'Finance' },
  { title: 'Chief Financial Officer', department: 'Finance' },
  { title: 'Payroll Specialist', department: 'Finance' },
  { title: 'Talent Partner', department: 'People' },
  { title: 'Head of People', department: 'People' },
  { title: 'Office Manager', department: 'Operations' },
  { title: 'Business Operations Analyst', department: 'Operations' },
  { title: 'Legal Counsel', department: 'Operations' },
];

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
