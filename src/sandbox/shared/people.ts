import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PLACES } from './fixtures.ts';
import type { Place } from './fixtures.ts';
import type { Random } from './random.ts';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  place: Place;
}

/** `Zoë O'Brien` → `zoe.obrien` */
export function emailLocalPart(firstName: string, lastName: string): string {
  const clean = (text: string) => text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${clean(firstName)}.${clean(lastName)}`;
}

/** `Zoë O'Brien` → `https://www.linkedin.com/in/zoe-obrien` */
export function linkedInUrl(firstName: string, lastName: string): string {
  return `https://www.linkedin.com/in/${emailLocalPart(firstName, lastName).replace('.', '-')}`;
}

/** A person's name, email and phone as the snake_case columns most APIs use. */
export function contactColumns(person: Person): { first_name: string; last_name: string; email: string; phone: string } {
  return { first_name: person.firstName, last_name: person.lastName, email: person.email, phone: person.phone };
}

/**
 * Makes people with unique full names (hence unique emails). Names listed in `reservedNames` (planted records)
 * are never produced, so a search for a planted name finds exactly one person.
 */
export function createPeopleGenerator(random: Random, reservedNames: Iterable<string> = []) {
  const usedNames = new Set(reservedNames);
  return {
    next(): Person {
      let firstName: string;
      let lastName: string;
      do {
        firstName = random.pick(FIRST_NAMES);
        lastName = random.pick(LAST_NAMES);
      } while (usedNames.has(`${firstName} ${lastName}`));
      usedNames.add(`${firstName} ${lastName}`);
      const email = `${emailLocalPart(firstName, lastName)}@${random.pick(EMAIL_DOMAINS)}`;
      return { firstName, lastName, email, phone: randomPhone(random), place: random.pick(PLACES) };
    },
  };
}

export function randomPhone(random: Random): string {
  return `+44 7${random.int(100, 999)} ${random.int(100000, 999999)}`;
}
