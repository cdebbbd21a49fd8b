/** Account roles in words (in the dashboard's language: read when drawn, never kept). */
import { msg } from '@lit/localize';

export const ROLE_NAMES: Record<string, string> = {
  get admin() {
    return msg('Admin');
  },
  get 'control-group'() {
    return msg('Control Group');
  },
  get trainer() {
    return msg('Trainer');
  },
};

export const roleName = (role: string) => ROLE_NAMES[role] ?? role;
