/** Account roles in words. */
export const ROLE_NAMES: Record<string, string> = {
  admin: 'Admin',
  'control-group': 'Control Group',
  trainer: 'Trainer',
};

export const roleName = (role: string) => ROLE_NAMES[role] ?? role;
