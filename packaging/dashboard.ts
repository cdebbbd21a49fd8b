/** Builds the dashboard app (dashboard/) with vite into dist/dashboard. */
import { join } from 'node:path';
import { build as viteBuild } from 'vite';

export async function buildDashboard(root: string): Promise<string> {
  // Always a production build, even under a test runner (NODE_ENV=test would ship lit's dev build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: join(root, 'dashboard/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return join(root, 'dist/dashboard');
}
