// HTTP Basic; APIs that take a key as the user name leave the password empty.
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('basic'),
  username: z.string().describe(templateDescription),
  password: z.string().describe(templateDescription).default(''),
});

export const basicAuth: AuthKind<z.output<typeof schema>> = {
  schema,
  templates: (auth) => [auth.username, auth.password],
  apply: (auth, { fill }) => ({
    headers: { authorization: `Basic ${Buffer.from(`${fill(auth.username)}:${fill(auth.password)}`).toString('base64')}` },
  }),
};
