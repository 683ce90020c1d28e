// Auth, pagination and response kinds are modules: each exports its zod schema (a strict object with a `kind`
// literal) and its functions. A registry joins the schemas into one discriminated union for the definition format.
import { z } from 'zod';

export interface KindModule {
  schema: z.ZodType<{ kind: string }>;
}

type Output<K extends Record<string, KindModule>> = { [Name in keyof K]: z.output<K[Name]['schema']> }[keyof K];
type Input<K extends Record<string, KindModule>> = { [Name in keyof K]: z.input<K[Name]['schema']> }[keyof K];

/** One schema accepting any registered kind, discriminated by `kind`. */
export function kindUnion<K extends Record<string, KindModule>>(kinds: K): z.ZodType<Output<K>, Input<K>> {
  const schemas = Object.values(kinds).map((module) => module.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return z.discriminatedUnion('kind', schemas) as unknown as z.ZodType<Output<K>, Input<K>>;
}
