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

/** The signed-in person, as the widgets show and authorize against them. */
export const Me = PersonSummary.extend({
  email: z.string().nullable(),
  roles: z.array(Role),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
