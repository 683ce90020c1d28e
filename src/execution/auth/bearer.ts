// Authorization: Bearer <token>.
import { z } from 'zod';
import { templateDescription, type AuthKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('bearer'),
  token: z.string().describe(templateDescription),
});

export const bearerAuth: AuthKind<z.output<typeof schema>> = {
  schema,
  templates: (auth) => [auth.token],
  apply: (auth, { fill }) => ({ headers: { authorization: `Bearer ${fill(auth.token, { raw: true })}` } }),
};
