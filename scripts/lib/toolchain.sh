#!/usr/bin/env bash
# Shared by scripts/start.sh and scripts/test.sh: make a fresh Debian machine with Node 20 able to run MailFlow.
# Only the npm registry and Debian's apt are used; nothing downloads a binary from anywhere else.

PNPM_VERSION=10.34.9

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# pnpm through corepack, pinned by package.json's packageManager. Corepack's signature check fails against
# this registry mirror ("No compatible signature found"), hence COREPACK_INTEGRITY_KEYS=0; if corepack itself is
# unusable, the same pinned version comes from the npm registry.
ensure_pnpm() {
  [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ] && return 0
  log "enabling pnpm $PNPM_VERSION through corepack"
  export COREPACK_INTEGRITY_KEYS=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  if ! { corepack enable pnpm && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; }; then
    log "corepack unavailable; installing pnpm $PNPM_VERSION from the npm registry"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

# apt packages, installed only when a command is missing: ensure_apt "cmd:package" ...
ensure_apt() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing apt packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_dependencies() {
  log "installing JavaScript dependencies (pnpm install --frozen-lockfile)"
  # Electron (a later app) must never try to download its runtime here.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
  log "generating the Prisma client"
  pnpm db:generate >/dev/null
}

# The React dashboard the server serves (apps/web/dist): a Vite build of a few seconds, nothing downloaded.
build_dashboard() {
  log "building the dashboard (apps/web)"
  pnpm --filter @mailflow/web run build >/dev/null
}

# The desktop admin app (apps/desktop/dist): Vite for the renderer, esbuild for main and preload. Needs no Electron
# binary; the e2e specs drive its renderer in Chromium.
build_desktop() {
  log "building the desktop app (apps/desktop)"
  pnpm --filter @mailflow/desktop run build >/dev/null
}
