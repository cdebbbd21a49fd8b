/**
 * The schema's versioned migrations, one file each, in order. Append, never edit a released one:
 * an LRS that has run a migration never runs it again.
 */
import type { Migration } from 'kysely';
import type { EngineTypes } from '../schema.ts';
import { migration as m0001 } from './0001-initial.ts';
import { migration as m0002 } from './0002-attachments.ts';
import { migration as m0003 } from './0003-reference-index.ts';
import { migration as m0004 } from './0004-dashboard-accounts.ts';
import { migration as m0005 } from './0005-learning-facts.ts';
import { migration as m0006 } from './0006-tenancy.ts';
import { migration as m0007 } from './0007-programme.ts';
import { migration as m0008 } from './0008-hosted-launch.ts';
import { migration as m0009 } from './0009-learner-progress.ts';
import { migration as m0010 } from './0010-finding-reviews.ts';
import { migration as m0011 } from './0011-fact-module-version.ts';
import { migration as m0012 } from './0012-learning-gain-indexes.ts';

export function migrations(types: EngineTypes): Record<string, Migration> {
  return {
    '0001-initial': m0001(types),
    '0002-attachments': m0002(types),
    '0003-reference-index': m0003(types),
    '0004-dashboard-accounts': m0004(types),
    '0005-learning-facts': m0005(types),
    '0006-tenancy': m0006(types),
    '0007-programme': m0007(),
    '0008-hosted-launch': m0008(types),
    '0009-learner-progress': m0009(types),
    '0010-finding-reviews': m0010(),
    '0011-fact-module-version': m0011(types),
    '0012-learning-gain-indexes': m0012(),
  };
}
