// An API key (or any template, e.g. "Token token={api_key}") in a header of its own.
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('header'),
  header: z.string().min(1),
  value: z.string().describe(templateDescription),
});

export const headerAuth: AuthKind<z.output<typeof schema>> = {
  schema,
  templates: (auth) => [auth.value],
  apply: (auth, { fill }) => ({ headers: { [auth.header]: fill(auth.value, { raw: true }) } }),
};
