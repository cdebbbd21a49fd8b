#!/usr/bin/env bash
# Runs the ADL LRS conformance test suite (github adlnet/lrs-conformance-test-suite, checked out
# and `npm install`ed outside this repository) against this LRS and counts the results from the
# suite's JSON run log (its exit code wraps at 256, and skipped tests must count as failures).
#
#   scripts/conformance.sh <suite-dir> <1.0.3|2.0.0> [database-url]
#
# The database defaults to a fresh SQLite file; for PostgreSQL pass a URL with its own schema,
# e.g. "postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3Dconformance".
set -euo pipefail
SUITE=${1:?suite directory}; VERSION=${2:?1.0.3 or 2.0.0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
DB=${3:-$WORK/lrs.db}
PORT=${CONFORMANCE_PORT:-8181}
cd "$ROOT"
node bin/inprocap.js lrs --lrs-port "$PORT" --database "$DB" --log-level error --default-xapi-version "$VERSION" > "$WORK/lrs.log" 2>&1 &
LRS=$!
trap 'kill $LRS 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "localhost:$PORT/xapi/about" > /dev/null && break; sleep 0.5; done
CREDENTIAL=$(node bin/inprocap.js lrs credentials create --org conformance --scopes all --label conformance --database "$DB")
KEY=$(echo "$CREDENTIAL" | awk '/key:/{print $2}')
SECRET=$(echo "$CREDENTIAL" | awk '/secret:/{print $2}')
cd "$SUITE"
mkdir -p logs  # a fresh checkout has none yet
before=$(ls logs | wc -l)
node bin/console_runner.js -e "http://localhost:$PORT/xapi" -a --authUser="$KEY" --authPassword="$SECRET" -x "$VERSION" > "$WORK/suite.out" 2>&1 || true
LOG=$(ls -t logs/*.log | head -n1)
[ "$(ls logs | wc -l)" -gt "$before" ] || { echo "the suite wrote no run log; see $WORK/suite.out"; exit 1; }
DIR=$([ "$VERSION" = 2.0.0 ] && echo v2_0 || echo v1_0_3)
node - "$LOG" "$DIR" <<'JS'
const [log, dir] = process.argv.slice(2);
const fs = require('fs'), path = require('path');
const run = JSON.parse(fs.readFileSync(log, 'utf8'));
const seen = new Map();
(function walk(node, trail) {
  const here = trail.concat([node.title]);
  if (!node.tests.length) seen.set(here.slice(1).join(' > '), node.status);
  else node.tests.forEach((t) => walk(t, here));
})(run.log, []);
// Every test the suite defines, so tests skipped by a failing hook count as failed.
const Mocha = require(path.resolve('node_modules/mocha'));
Object.assign(process.env, { DIRECTORY: dir, LRS_ENDPOINT: 'http://localhost/xapi', BASIC_AUTH_ENABLED: 'true', BASIC_AUTH_USER: 'x', BASIC_AUTH_PASSWORD: 'y', XAPI_VERSION: dir === 'v2_0' ? '2.0.0' : '1.0.3' });
const mocha = new Mocha({});
fs.readdirSync(path.join('test', dir)).filter((f) => f.endsWith('.js')).forEach((f) => mocha.addFile(path.resolve('test', dir, f)));
mocha.loadFiles();
const all = [];
(function walk(suite, trail) {
  suite.tests.forEach((t) => all.push(trail.concat([t.title]).join(' > ')));
  suite.suites.forEach((s) => walk(s, trail.concat([s.title])));
})(mocha.suite, []);
const passed = all.filter((t) => seen.get(t) === 'passed').length;
const notRun = all.filter((t) => !seen.has(t)).length;
console.log(`xAPI ${run.summary.version}: ${passed} of ${all.length} passed, ${all.length - passed - notRun} failed, ${notRun} never ran (log ${log})`);
for (const [name, status] of seen) if (status !== 'passed') console.log(`  FAILED ${name}`);
process.exit(passed === all.length ? 0 : 1);
JS
