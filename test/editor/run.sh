#!/usr/bin/env bash
# npm run test:editor: the editor suite inside a real VS Code (code-server + Chromium), the UI
# smoke test, and the Neovim LSP check. Prints "editor: N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$(date +%s)
bash "$here/setup.sh" || exit 1
# The package is what the suite also runs against, installed into code-server as a user installs it.
(cd "$repo" && npx tsc -p . && npm run --silent package) || exit 1
setup_done=$(date +%s)
passed=0; failed=0
layer() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  echo; echo "### $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  echo "### $name took $(( $(date +%s) - t0 )) s"
}
layer "editor suite in code-server: development folder, installed .vsix, Restricted Mode (with self-check)" node "$here/harness/api-tests.js" --self-check
layer "UI smoke test on the installed .vsix (Playwright)" node "$here/harness/ui-smoke.js" --vsix ${DH_SCREENSHOTS:+--screenshots "$DH_SCREENSHOTS"}
layer "wizard UI test (Playwright)" node "$here/harness/wizard-ui.js" ${DH_SCREENSHOTS:+--screenshots "$DH_SCREENSHOTS"}
layer "Neovim LSP client" bash "$here/harness/neovim-check.sh"
echo
echo "setup $((setup_done - started)) s, checks $(( $(date +%s) - setup_done )) s"
echo "editor: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
