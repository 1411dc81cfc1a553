import { z } from 'zod';

/** RFC 9457 problem details, as every API error is sent (`application/problem+json`). */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** For a 400: each input that was wrong, where it was and why. */
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParams = z.strictObject({ id: Id });

export const Handle = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])?$/, 'a handle is 1-32 lower-case letters, digits, ".", "_" or "-"');

export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'a slug is 1-48 lower-case letters, digits or "-"');

/** An opaque keyset cursor. Only the server reads it; a forged one is a 400. */
export const Cursor = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API issued');

export const PageSize = z.coerce.number().int().min(1).max(50).default(20);

export const Timestamp = z.iso.datetime({ offset: true });

export const Role = z.enum(['employee', 'community_manager', 'executive', 'admin']);
export type Role = z.infer<typeof Role>;

/** A cursor-paged list. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: Cursor.nullable() });
}

/**
 * Characters that show nothing by themselves: white space, controls, format characters (zero-width
 * space and joiners, bidi controls, the soft hyphen, tag characters), every default-ignorable code
 * point (variation selectors, Hangul fillers) and the blank Braille pattern.
 */
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** False for text a reader would see as empty ("", spaces, zero-width spaces and the like). */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text);
}
