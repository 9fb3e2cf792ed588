#!/usr/bin/env bash
# End-to-end test of the stlint VS Code extension inside a real VS Code (code-server 4.100.3 =
# VS Code 1.100.3) driven by headless Debian chromium through playwright-core.
#
#   1. installs code-server into a cache dir outside the repo if missing (install-code-server.sh)
#   2. type-checks, bundles and packages the extension into a .vsix (no runtime node_modules)
#   3. installs the vsix into a fresh profile, opens a copy of e2e/workspace, and runs
#      scripts/e2e-driver.js: language mode, highlighting, squiggles, Problems panel with rule names,
#      the SeaTunnel version in the status bar, a hover with the option's description,
#      completion in a Jdbc block, a quick fix (plugin-name-case), save; accepting the Jdbc plugin
#      snippet leaves no missing-required-option/exclusive-options, a did-you-mean quick fix per
#      candidate, "Format Document" on a messy file gives the exact tidy text (both saved and
#      compared on disk)
#   4. checks the saved file on disk, stops every process it started (process group), cleans up.
#
# The language server is the stlint of this checkout (PYTHONPATH=<repo>), run by the Python in
# STLINT_E2E_PYTHON (tests/test_vscode_e2e.py passes pytest's own interpreter, so a venv works) or,
# without it, found by the extension's default resolution (stlint on PATH > python3 -m stlint lsp
# > python3 -m stlint.lsp).
#
# Environment:
#   STLINT_E2E_CACHE      where code-server is installed (default ~/.cache/stlint-e2e)
#   STLINT_E2E_ARTIFACTS  where screenshots go (default /tmp/stlint-e2e-artifacts)
#   STLINT_E2E_PYTHON     if set, used as the `stlint.interpreter` setting
#   STLINT_E2E_KEEP=1     keep the temporary run dir (logs, profile) for debugging
# Needs: node 20 + npm, chromium, and for the first code-server install the build deps listed in
# install-code-server.sh.
set -euo pipefail
T0=${EPOCHREALTIME/./}
EXT=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(cd "$EXT/.." && pwd)
CACHE=${STLINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stlint-e2e}
CS_DIR=$CACHE/code-server-4.100.3
CS=$CS_DIR/node_modules/.bin/code-server
ART=${STLINT_E2E_ARTIFACTS:-${TMPDIR:-/tmp}/stlint-e2e-artifacts}
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

log() { local us=$(( ${EPOCHREALTIME/./} - T0 )); printf '[e2e %3d.%01ds] %s\n' $((us / 1000000)) $((us / 100000 % 10)) "$*"; }

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "e2e: chromium not found (apt-get install chromium)" >&2; exit 3; }
command -v node >/dev/null || { echo "e2e: node not found" >&2; exit 3; }

RUN=$(mktemp -d "${TMPDIR:-/tmp}/stlint-e2e.XXXXXX")
CSPID=""
cleanup() {
  local rc=$?
  if [ -n "$CSPID" ]; then
    kill -TERM -- "-$CSPID" 2>/dev/null || true
    for _ in $(seq 1 50); do ps -o pid= -g "$CSPID" >/dev/null 2>&1 || break; sleep 0.1; done
    kill -KILL -- "-$CSPID" 2>/dev/null || true
    wait "$CSPID" 2>/dev/null || true
    if ps -o pid=,args= -g "$CSPID" 2>/dev/null | grep -q .; then
      echo "e2e: processes of group $CSPID survived:" >&2; ps -o pid=,args= -g "$CSPID" >&2; rc=1
    fi
  fi
  if [ "$rc" != 0 ] && [ -f "$RUN/cs.log" ]; then
    echo "---- code-server log (tail) ----" >&2; tail -n 40 "$RUN/cs.log" >&2
  fi
  if [ "${STLINT_E2E_KEEP:-}" = 1 ]; then echo "e2e: kept $RUN" >&2; else rm -rf "$RUN"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. code-server
if ! [ -f "$CS_DIR/.complete" ]; then
  log "installing code-server 4.100.3 into $CS_DIR"
  bash "$EXT/scripts/install-code-server.sh" "$CS_DIR" > "$RUN/install.log" 2>&1 \
    || { tail -n 30 "$RUN/install.log" >&2; echo "e2e: code-server install failed" >&2; exit 1; }
fi
log "code-server: $("$CS" --config /dev/null --version 2>/dev/null | head -1)"

# 2. build + package
cd "$EXT"
if ! [ -d node_modules/vscode-languageclient ] || ! [ -d node_modules/playwright-core ]; then
  log "npm ci"
  npm ci --no-audit --no-fund > "$RUN/npm.log" 2>&1 || { tail -n 30 "$RUN/npm.log" >&2; exit 1; }
fi
npx tsc --noEmit -p . > "$RUN/tsc.log" 2>&1 || { cat "$RUN/tsc.log" >&2; echo "e2e: tsc --noEmit failed" >&2; exit 1; }
npm run -s bundle > "$RUN/bundle.log" 2>&1 || { cat "$RUN/bundle.log" >&2; exit 1; }
npx --yes @vscode/vsce package --allow-missing-repository --skip-license --no-dependencies --no-rewrite-relative-links \
  -o "$RUN/stlint.vsix" < /dev/null > "$RUN/vsce.log" 2>&1 || { cat "$RUN/vsce.log" >&2; exit 1; }
if python3 -c 'import sys, zipfile; sys.exit(any("node_modules/" in n for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$RUN/stlint.vsix"; then :; else echo "e2e: vsix contains node_modules" >&2; exit 1; fi
log "packaged $(du -k "$RUN/stlint.vsix" | cut -f1) KB vsix"

# 3. fresh profile + workspace
mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/xdg" "$ART"
cp -r "$EXT/e2e/workspace" "$RUN/ws"
PY_SETTING=""
if [ -n "${STLINT_E2E_PYTHON:-}" ]; then
  PY_JSON=$("$STLINT_E2E_PYTHON" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$STLINT_E2E_PYTHON")
  PY_SETTING=", \"stlint.interpreter\": $PY_JSON"
  log "language server interpreter: $STLINT_E2E_PYTHON"
fi
cat > "$RUN/ud/User/settings.json" <<EOF
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "editor.minimap.enabled": false,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.lightbulb.enabled": "on",
  "editor.detectIndentation": false,
  "editor.tabSize": 2,
  "editor.insertSpaces": true,
  "workbench.colorTheme": "Default Dark Modern",
  "stlint.trace.server": "off"$PY_SETTING
}
EOF
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/cfg.yaml"
COMMON=(--config "$RUN/cfg.yaml" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext")
"$CS" "${COMMON[@]}" --install-extension "$RUN/stlint.vsix" > "$RUN/install-ext.log" 2>&1 \
  || { cat "$RUN/install-ext.log" >&2; exit 1; }
log "extension installed into a fresh profile"

# 4. code-server in its own process group (extension host + language server live in it)
PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}" setsid "$CS" "${COMMON[@]}" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --bind-addr "127.0.0.1:$PORT" "$RUN/ws" > "$RUN/cs.log" 2>&1 < /dev/null &
CSPID=$!
for _ in $(seq 1 100); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CSPID" 2>/dev/null || { echo "e2e: code-server exited" >&2; exit 1; }
  sleep 0.2
done
log "code-server up on port $PORT (pgid $CSPID)"

# 5. browser
XDG_CONFIG_HOME="$RUN/xdg" XDG_CACHE_HOME="$RUN/xdg/cache" HOME_TMP="$RUN" E2E_T0_US="$T0" \
USER_DATA_DIR="$RUN/ud" WS_DIR="$RUN/ws" \
CS_URL="http://127.0.0.1:$PORT/?folder=$RUN/ws" CHROMIUM="$CHROMIUM" ARTIFACTS="$ART" \
  node "$EXT/scripts/e2e-driver.js"

# 6. the quick fix was saved to disk
if grep -q '^  Console {' "$RUN/ws/faulty-job.conf" && ! grep -q '^  console {' "$RUN/ws/faulty-job.conf"; then
  log "on disk after save: 'console {' -> 'Console {'"
else
  echo "e2e: the quick fix is not in the saved file:" >&2; cat "$RUN/ws/faulty-job.conf" >&2; exit 1
fi
log "screenshots in $ART"
log "E2E OK"
