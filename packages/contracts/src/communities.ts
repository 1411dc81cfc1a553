import { z } from 'zod';
import { Slug } from './common.ts';

export const Visibility = z.enum(['open', 'restricted']);
export type Visibility = z.infer<typeof Visibility>;

export const CommunitySummary = z
  .object({ slug: Slug, name: z.string(), visibility: Visibility })
  .meta({ id: 'CommunitySummary' });
export type CommunitySummary = z.infer<typeof CommunitySummary>;
