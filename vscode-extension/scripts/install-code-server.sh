#!/usr/bin/env bash
# Install code-server 4.100.3 (VS Code 1.100.3, the last 4.x that runs on Node 20) into DEST
# without network access to GitHub: all post-install scripts that would download are skipped and
# their work is done by hand (see ../shared/editor-testing.md section 3a).
# Needs: node 20 + npm, gcc/g++/make/python3, ripgrep, libkrb5-dev, libxkbfile-dev, libsecret-1-dev.
# Usage: install-code-server.sh DEST   (idempotent: does nothing if DEST already holds a working install)
set -euo pipefail
VERSION=4.100.3
DEST=${1:?usage: install-code-server.sh DEST}
CS="$DEST/node_modules/.bin/code-server"
if [ -x "$CS" ] && [ -f "$DEST/.complete" ]; then
  exit 0
fi
for tool in node npm rg g++ make; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing" >&2; exit 2; }
done
mkdir -p "$DEST" && cd "$DEST"
rm -f .complete
[ -f package.json ] || echo '{"name":"stlint-code-server","private":true}' > package.json
export npm_config_yes=true   # node-pty's rebuild runs `npx node-gyp ...`; the machine npmrc may set yes=false
export npm_config_unsafe_perm=true
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
npm rebuild argon2           # prebuilt download fails offline -> builds from source
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # its postinstall would fetch rg from GitHub
npm rebuild                  # native modules: node-pty, spdlog, kerberos, native-watchdog, ...
(cd bin/remote-cli && ln -sf code-linux.sh code-server)         # what code-server's postinstall.sh does
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev)
"$CS" --config /dev/null --version
touch "$DEST/.complete"
