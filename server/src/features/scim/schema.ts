import { z } from 'zod';
import { InvalidError } from '../errors.ts';

/** The schema URNs of RFC 7643 / 7644 that Hearth speaks. */
export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** A SCIM refusal (RFC 7644 §3.12): `scimType` travels as the first issue's code. */
export function scimInvalid(scimType: 'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'mutability' | 'noTarget', message: string) {
  return new InvalidError(message, [{ path: scimType, message, code: scimType }]);
}

/**
 * A boolean as providers send it: JSON true/false, or Entra ID's strings "True" / "False"
 * (its PATCH of `active` sends a string).
 */
export function scimBool(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw scimInvalid('invalidValue', `${what} must be true or false`);
}

const Text = (max: number) => z.string().trim().max(max);
const Bool = z.unknown().transform((v, ctx) => {
  try {
    return scimBool(v, 'active');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const Email = z.object({ value: Text(320), type: z.string().nullish(), primary: z.unknown().optional() }).loose();
export type Email = z.infer<typeof Email>;

/** What Entra ID and Okta send to create or replace a user; attributes Hearth does not keep are ignored. */
export const UserBody = z
  .object({
    userName: Text(320).min(1),
    externalId: Text(200).min(1).nullish(),
    displayName: Text(200).nullish(),
    name: z.object({ formatted: Text(200).nullish(), givenName: Text(200).nullish(), familyName: Text(200).nullish() }).loose().nullish(),
    emails: z.array(Email).max(20).nullish(),
    title: Text(200).nullish(),
    active: Bool.optional(),
    [SCHEMA.enterprise]: z.object({ department: Text(200).nullish() }).loose().nullish(),
  })
  .loose();
export type UserBody = z.infer<typeof UserBody>;

export const Member = z.object({ value: z.string().min(1).max(100) }).loose();

export const GroupBody = z
  .object({
    displayName: Text(200).min(1),
    externalId: Text(200).min(1).nullish(),
    members: z.array(Member).max(10_000).nullish(),
  })
  .loose();
export type GroupBody = z.infer<typeof GroupBody>;

export const PatchOperation = z.object({ op: z.string(), path: z.string().max(500).optional(), value: z.unknown().optional() }).loose();
export type PatchOperation = z.infer<typeof PatchOperation>;

export const PatchBody = z.object({ Operations: z.array(PatchOperation).min(1).max(1000) }).loose();

/** add / replace / remove, whatever the case (Entra ID sends "Replace", "Add"). */
export function opOf(operation: PatchOperation): 'add' | 'replace' | 'remove' {
  const op = operation.op.toLowerCase();
  if (op === 'add' || op === 'replace' || op === 'remove') return op;
  throw scimInvalid('invalidSyntax', `op must be add, replace or remove, not ${JSON.stringify(operation.op)}`);
}

export interface EqFilter {
  /** The attribute as this server names it (matching ignores case, RFC 7644 §3.4.2.2). */
  attribute: string;
  value: string;
}

/**
 * `attribute eq "value"`, the one filter form providers use to find a user or group before
 * creating it; every other filter is refused with `invalidFilter`.
 */
export function parseFilter(filter: string | undefined, attributes: readonly string[]): EqFilter | undefined {
  if (filter === undefined) return undefined;
  const match = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = match && attributes.find((a) => a.toLowerCase() === match[1]!.toLowerCase());
  if (!match || !attribute) {
    throw scimInvalid('invalidFilter', `the filter must be ${attributes.map((a) => `${a} eq "…"`).join(' or ')}`);
  }
  let value: string;
  try {
    value = JSON.parse(`"${match[2]}"`) as string;
  } catch {
    throw scimInvalid('invalidFilter', 'the filter value is not a valid string');
  }
  return { attribute, value };
}
