import { z } from 'zod';
import { Handle, Id, Role } from './common.ts';

export const PersonSummary = z
  .object({
    id: Id,
    handle: Handle,
    name: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
  })
  .meta({ id: 'PersonSummary' });
export type PersonSummary = z.infer<typeof PersonSummary>;

/** People by name or handle: what `@` suggests in a composer, and whom a manager can invite. */
export const PeopleQuery = z.strictObject({
  q: z.string().trim().min(1, 'type at least one character').max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;
export const PeopleList = z.object({ items: z.array(PersonSummary) }).meta({ id: 'PeopleList' });
export type PeopleList = z.infer<typeof PeopleList>;

/** The signed-in person, as the widgets show and authorize against them. */
export const Me = PersonSummary.extend({
  email: z.string().nullable(),
  roles: z.array(Role),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
