/**
 * `inprocap`: the project's command line.
 *
 *   inprocap check [--module slug]      validate modules/ and report every problem with file:line:column
 *   inprocap build [--module slug]      check, build the runtime and write dist/preview/
 *   inprocap size                       measure the runtime bundle (gzip) against the 40 KB budget
 *   inprocap start [--port n] [--host]  build, then serve the local preview
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPreview, loadCheckedCourses } from './build.ts';
import { ContentError } from './content/issues.ts';
import { startPreviewServer } from './preview/server.ts';
import { formatSizeReport, measureRuntime } from './size.ts';

const USAGE = `Usage: inprocap <command> [options]

Commands:
  check            Validate every module (schema, glossary, case graph, translations, state size)
  build            Check content, build the runtime and write dist/preview/
  size             Measure the runtime shipped in every package (gzip -9) against its budget
  start            Build, then serve the local preview

Options:
  --module <slug>  Only this module (repeatable)
  --port <n>       Preview port (default 8080, or $PORT)
  --host <h>       Preview host (default 127.0.0.1, or $HOST)
  --help           Show this help
`;

const root = resolve(import.meta.dirname, '..');

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      module: { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 1;
  }
  const only = values.module ? { only: values.module } : {};

  switch (command) {
    case 'check': {
      const checked = loadCheckedCourses(root, only);
      for (const { course, worstStateLength } of checked) {
        console.log(`ok  ${course!.slug} ${course!.version} (${course!.languages.join(', ')}): worst-case learner state ${worstStateLength} of 4096 characters`);
      }
      console.log(`${checked.length} module${checked.length === 1 ? '' : 's'} checked, no problems.`);
      return 0;
    }
    case 'build': {
      await buildPreview(root, only);
      return reportSize();
    }
    case 'size':
      return reportSize();
    case 'start': {
      await buildPreview(root, only);
      if (reportSize() !== 0) console.warn('Serving anyway: the runtime is over its size budget.');
      const port = Number(values.port ?? process.env.PORT ?? 8080);
      const host = values.host ?? process.env.HOST ?? '127.0.0.1';
      const { app, url } = await startPreviewServer({ dir: resolve(root, 'dist/preview'), port, host });
      console.log(`\nPreview: ${url}/  (Ctrl+C to stop)`);
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return new Promise(() => {});
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

function reportSize(): number {
  const report = measureRuntime(resolve(root, 'dist/runtime'));
  console.log(`Runtime shipped in every package:\n${formatSizeReport(report)}`);
  if (report.totalGzipBytes > report.budgetBytes) {
    console.error(`The runtime is over its budget by ${report.totalGzipBytes - report.budgetBytes} bytes.`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ContentError) {
      console.error(error.message);
    } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      console.error(`The port is in use: choose another with --port or PORT=… (${error.message})`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
