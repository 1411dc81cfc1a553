/**
 * The people a visitor of the demo intranet can be. The seed creates them (with these handles
 * and roles) among the generated people; the demo page's switcher lists them.
 */
export const DEMO_PERSONAS = [
  { handle: 'maria.lopez', label: 'Employee', roles: ['employee'] },
  { handle: 'sam.okafor', label: 'Community manager', roles: ['employee', 'community_manager'] },
  { handle: 'helen.park', label: 'Executive', roles: ['employee', 'executive'] },
  { handle: 'ivan.petrov', label: 'Admin', roles: ['employee', 'admin'] },
] as const;

export type DemoPersona = (typeof DEMO_PERSONAS)[number];
