#!/usr/bin/env node
// The project's command line (`npx inprocap`): runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/inprocap.ts');
