#!/usr/bin/env bash
# Starts MailFlow on this machine: installs what it needs, then runs the server on an embedded PostgreSQL
# (PGlite, kept in ./.data) unless DATABASE_URL names a real one. Prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh
ensure_pnpm
install_dependencies
build_dashboard
exec pnpm --filter @mailflow/local run start
