// An API key in a query parameter of every request.
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('query'),
  param: z.string().min(1),
  value: z.string().describe(templateDescription),
});

export const queryAuth: AuthKind<z.output<typeof schema>> = {
  schema,
  templates: (auth) => [auth.value],
  apply: (auth, { fill }) => ({ query: { [auth.param]: fill(auth.value) } }),
};
