#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts a throwaway PostgreSQL (as a non-root user, on
# 127.0.0.1, data in a temp dir), installs Debian's Chromium for the details page's browser test, builds once,
# runs each test project, and stops the server on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d -t runtasks-test.XXXXXX)
chmod 755 "$work"
cleanup() { scripts/pg.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

export RUNTASKS_TEST_POSTGRES
RUNTASKS_TEST_POSTGRES=$(scripts/pg.sh start "$work/pg" "${RUNTASKS_TEST_PG_PORT:-15433}")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The details page's browser test drives Debian's headless Chromium (tests/RunTasks.IntegrationTests/Details).
if ! command -v chromium >/dev/null 2>&1; then
    if [[ $EUID -eq 0 ]]; then
        echo "installing Debian's chromium package (apt-get)" >&2
        { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >&2
    else
        echo "chromium is not installed and this is not root: the browser test will fail (apt-get install chromium)" >&2
    fi
fi

dotnet build RunTasks.sln -c Debug -nologo -clp:ErrorsOnly

status=0 passed=0 failed=0
for project in tests/RunTasks.Tests tests/RunTasks.Analysis.Tests tests/RunTasks.Cli.Tests tests/RunTasks.IntegrationTests; do
    echo "=== $project"
    dotnet test "$project" --no-build -nologo 2>&1 | tee "$work/test.log" || status=1
    # "Passed!  - Failed: 0, Passed: 54, Skipped: 0, Total: 54" → totals for the closing line.
    line=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$work/test.log" | tail -n 1 || true)
    [[ -n $line ]] || { echo "no test summary from $project"; status=1; continue; }
    failed=$((failed + $(sed -E 's/Failed: +([0-9]+).*/\1/' <<<"$line")))
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+)/\1/' <<<"$line")))
done
echo "$passed passed, $failed failed"
exit $status
