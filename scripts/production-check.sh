#!/usr/bin/env bash
# A production install serves the LRS: the committed tree, `npm ci --omit=dev` (no build tools,
# no test libraries), `inprocap lrs` started, a credential made, a statement stored and read
# back, then stopped. Run by .ci/run; prints what it checked.
#
#   scripts/production-check.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PORT=${PRODUCTION_CHECK_PORT:-18181}
trap 'kill $LRS 2>/dev/null || true; rm -rf "$WORK"' EXIT
LRS=
say() { printf '[production] %s\n' "$*"; }

git -C "$ROOT" archive HEAD | tar -x -C "$WORK"
cd "$WORK"
say "npm ci --omit=dev in a copy of HEAD"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev in vite vitest typescript playwright-core zod; do
  [ ! -d "node_modules/$dev" ] || { say "node_modules/$dev is there: not a production install"; exit 1; }
done
node bin/inprocap.js lrs --lrs-port "$PORT" --database "$WORK/lrs.db" --log-level warn > "$WORK/lrs.log" 2>&1 &
LRS=$!
for _ in $(seq 1 60); do curl -fs "localhost:$PORT/xapi/about" > /dev/null && break; sleep 0.5; done
curl -fs "localhost:$PORT/xapi/about" > /dev/null || { cat "$WORK/lrs.log"; say "the LRS did not start"; exit 1; }
MADE=$(node bin/inprocap.js lrs credentials create --org PROD --scopes all --label check --database "$WORK/lrs.db")
KEY=$(echo "$MADE" | awk '/key:/{print $2}')
SECRET=$(echo "$MADE" | awk '/secret:/{print $2}')
ID=$(node -e "console.log(require('node:crypto').randomUUID())")
curl -fs -u "$KEY:$SECRET" -H 'X-Experience-API-Version: 1.0.3' -H 'Content-Type: application/json' -X PUT \
  "localhost:$PORT/xapi/statements?statementId=$ID" \
  -d '{"actor":{"mbox":"mailto:check@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/attempted"},"object":{"id":"https://example.org/check"}}'
BACK=$(curl -fs -u "$KEY:$SECRET" -H 'X-Experience-API-Version: 1.0.3' "localhost:$PORT/xapi/statements?statementId=$ID")
echo "$BACK" | grep -q "\"id\":\"$ID\"" || { say "the statement did not come back: $BACK"; exit 1; }
say "ok: inprocap lrs serves from a production install (statement $ID stored and read back)"
if npm audit --omit=dev --audit-level=high > "$WORK/audit.txt" 2>&1; then
  say "npm audit --omit=dev: no high or critical advisory"
elif grep -q "audit endpoint returned an error" "$WORK/audit.txt"; then
  say "npm audit --omit=dev: the registry here offers no audit endpoint; not checked"
else
  cat "$WORK/audit.txt"; say "npm audit --omit=dev found high or critical advisories"; exit 1
fi
