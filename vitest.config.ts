import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/lrs/**/*.test.ts', 'src/**/*.test.ts', 'packaging/**/*.test.ts', 'lrs/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // One Chromium per file; files run one after another to keep a 2-core machine steady.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // npm run test:stress: the LRS killed mid-ingest on both databases (and the long fuzz run).
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 900_000,
        },
      },
      {
        test: {
          // The real-Moodle tier (npm run test:moodle): installs Moodle from ../shared/moodle the
          // first time (about a minute), serves it, plays every SCORM package in its player.
          name: 'moodle',
          include: ['test/moodle/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/moodle/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
