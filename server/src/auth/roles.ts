import type { Role } from '@hearth/contracts';

/**
 * Which identity-provider groups make a Hearth role (AUTH_ADMIN_GROUPS, AUTH_MANAGER_GROUPS,
 * AUTH_EXECUTIVE_GROUPS): each entry is a group's object id, its display name or an app role's
 * value, as the provider sends them in a token's `groups` / `roles` claims or in SCIM group
 * memberships.
 */
export interface RoleGroups {
  admin: string[];
  community_manager: string[];
  executive: string[];
}

/** The part of the configuration the mapping reads, so callers may pass the whole `Config`. */
export interface RoleGroupsConfig {
  auth: { roleGroups: RoleGroups };
}

const MAPPED = ['admin', 'community_manager', 'executive'] as const satisfies readonly Role[];

/**
 * The roles a person's groups (or app roles) give, in a stable order; `employee` is not added
 * here (everyone gets it when the person is stored). Matching ignores case and surrounding
 * spaces: Entra object ids are GUIDs whose case varies between APIs, and a name typed into a
 * setting should not fail on case alone.
 */
export function rolesFromGroups(groups: readonly string[], config: RoleGroupsConfig): Role[] {
  const held = new Set(groups.map(normalize).filter(Boolean));
  if (held.size === 0) return [];
  return MAPPED.filter((role) => config.auth.roleGroups[role].some((group) => held.has(normalize(group))));
}

function normalize(group: string): string {
  return group.trim().toLowerCase();
}
