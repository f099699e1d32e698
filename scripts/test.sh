#!/usr/bin/env bash
# Runs every check MailFlow has: lint, typecheck and all tests against the real PostgreSQL and Redis of this
# machine (127.0.0.1:5432 and :6379), each test run in fresh databases it drops afterwards, and against a real
# Postfix + Dovecot that it starts on loopback (scripts/mail-stack.sh) and stops when it ends; then the
# Playwright specs (e2e/) in Debian's Chromium against the whole of MailFlow, dashboard included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh

ensure_apt "sslscan:sslscan" "pg_isready:postgresql-client" "redis-cli:redis-tools" "chromium:chromium" "pgbackrest:pgbackrest"
ensure_pnpm
install_dependencies
build_dashboard
build_desktop

log "checking services"
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }
[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ] || { echo "Redis is not answering on 127.0.0.1:6379" >&2; exit 1; }

log "starting the test mail stack (Postfix + Dovecot on 127.0.0.2)"
bash scripts/mail-stack.sh install
MAILSTACK_DIR=$(mktemp -d /tmp/mailflow-stack.XXXXXX)
export MAILSTACK_DIR
trap 'bash scripts/mail-stack.sh stop "$MAILSTACK_DIR" >/dev/null || true' EXIT
bash scripts/mail-stack.sh start "$MAILSTACK_DIR"

log "lint (biome)"
pnpm exec turbo run lint --output-logs=errors-only
log "typecheck (turbo)"
pnpm typecheck --output-logs=errors-only
log "tests (vitest, every package)"
mkdir -p .test-results
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json || status=$?
log "end-to-end tests (Playwright, Debian's Chromium)"
rm -f .test-results/playwright.json
(cd e2e && pnpm exec playwright test) || status=$?
node scripts/lib/summary.mjs .test-results/vitest.json .test-results/playwright.json
exit $status
