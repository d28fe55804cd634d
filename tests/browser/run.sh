#!/usr/bin/env bash
# The browser suite: axe (WCAG 2.2 AA) over every resident page and the analyst results pages,
# keyboard-only completion of the survey and of the analyst form, and screenshots at 320 px and
# desktop width, in Debian's headless Chromium.
#
#   bash tests/browser/run.sh
#       builds LocalVoice, starts it on a free port against a fresh database with demo responses,
#       runs the suite, stops it.
#   LOCALVOICE_URL=http://127.0.0.1:8080 bash tests/browser/run.sh
#       runs the suite against a LocalVoice that is already running (it must have an open consultation
#       with responses, as `localvoice demo` gives, and LOCALVOICE_SUBMIT_RATE_PER_MINUTE=0 and
#       LOCALVOICE_FORM_MIN_SECONDS=0, since the suite sends forms fast and from one address).
#
# Environment: CHROMIUM_PATH (default /usr/bin/chromium); BROWSER_TEST_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/localvoice_browser_tests; dropped and re-created each run, then
# loaded with BROWSER_TEST_DEMO_RESPONSES demo responses, default 4000, for the analyst pages);
# CARGO_TARGET_DIR (where the binary is built). Exits non-zero if anything needed is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() {
  echo "browser tests: $*" >&2
  exit 1
}

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail "Chromium is missing at $chromium: install it (apt-get install -y chromium); the suite cannot run without it"
command -v node >/dev/null 2>&1 || fail "node is missing"
command -v npm >/dev/null 2>&1 || fail "npm is missing"
export CHROMIUM_PATH="$chromium"

cd "$here"
if [ ! -d node_modules ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

workdir="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

# The survey-defs, with the newest consultation moved to open today if none is open: the suite
# answers a real survey, and must not start failing the day the current one closes. "Today" is the
# UK date, as the server decides it (between midnight BST and 01:00 the UTC date is a day behind).
defs_open_today() {
  local out="$1" today latest="" latest_close="" open=0
  today="$(TZ=Europe/London date +%F)"
  mkdir -p "$out"
  cp "$root"/survey-defs/*.toml "$out"/
  for f in "$out"/*.toml; do
    local opens closes
    opens="$(sed -n 's/^opens *= *\([0-9-]*\).*/\1/p' "$f" | head -1)"
    closes="$(sed -n 's/^closes *= *\([0-9-]*\).*/\1/p' "$f" | head -1)"
    if [[ -n "$opens" && -n "$closes" && ! "$today" < "$opens" && ! "$today" > "$closes" ]]; then
      open=1
    fi
    if [[ -n "$closes" && "$closes" > "$latest_close" ]]; then
      latest="$f"
      latest_close="$closes"
    fi
  done
  if [ "$open" -eq 0 ] && [ -n "$latest" ]; then
    local closes_new
    closes_new="$(TZ=Europe/London date -d "+90 days" +%F)"
    echo "browser tests: no consultation is open today; opening $(basename "$latest") from $today to $closes_new for the test" >&2
    sed -i "s/^opens *= *[0-9-]*/opens = $today/; s/^closes *= *[0-9-]*/closes = $closes_new/" "$latest"
  fi
}

if [ -z "${LOCALVOICE_URL:-}" ]; then
  (cd "$root" && cargo build --locked --bin localvoice)
  built="${CARGO_TARGET_DIR:-$root/target}/debug/localvoice"
  [ -x "$built" ] || fail "LocalVoice was not built at $built"
  # A copy, at once: a target directory shared with other work trees may get another build's binary.
  bin="$workdir/localvoice"
  cp "$built" "$bin"

  db_url="${BROWSER_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/localvoice_browser_tests}"
  db_name="${db_url##*/}"
  if command -v psql >/dev/null 2>&1; then
    psql "${db_url%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" >/dev/null ||
      echo "browser tests: could not drop $db_name; reusing it" >&2
  fi

  defs_open_today "$workdir/defs"
  # Emails (the demo's example digests, sign-up confirmations) go to files here; the digest test
  # reads an example digest's unsubscribe link from them.
  export LOCALVOICE_MAIL_DIR="$workdir/mail"
  # Synthetic responses for the open consultation and its previous wave, so that the analyst pages
  # have weighted results and a comparison to show (reused if the database already has them).
  "$bin" --database-url "$db_url" --defs "$workdir/defs" --seeds "$root/seeds" demo --no-serve \
    --responses "${BROWSER_TEST_DEMO_RESPONSES:-4000}" >"$workdir/demo.log" 2>&1 ||
    { cat "$workdir/demo.log" >&2; fail "could not load the demo responses"; }
  # The evidence pack test needs a council area under the suppression threshold (10 responses):
  # keep only 3 of the Scottish Borders' demo responses (the pack test adds 3 more).
  command -v psql >/dev/null 2>&1 || fail "psql is needed to prepare the browser test database"
  psql "$db_url" -qc "DELETE FROM responses WHERE council_area_code = 'S12000026' AND id NOT IN
    (SELECT id FROM responses WHERE council_area_code = 'S12000026' ORDER BY id LIMIT 3)" >/dev/null ||
    fail "could not thin out the Scottish Borders' demo responses"
  # The suite sends every form from one address within seconds of loading it, as no resident does:
  # switch the per-client rate limit and the form's minimum time off (the honeypot stays on, and
  # tests/api covers the limit and the minimum time).
  LOCALVOICE_SUBMIT_RATE_PER_MINUTE=0 LOCALVOICE_FORM_MIN_SECONDS=0 \
    "$bin" --database-url "$db_url" --defs "$workdir/defs" --seeds "$root/seeds" serve --bind 127.0.0.1:0 \
    >"$workdir/server.log" 2>&1 &
  server_pid=$!

  url=""
  for _ in $(seq 1 240); do
    url="$(grep -o 'listening on http://[^ ]*' "$workdir/server.log" | head -1 | sed 's/^listening on //' || true)"
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$workdir/server.log" >&2
      fail "LocalVoice stopped before it was listening"
    fi
    sleep 0.5
  done
  [ -n "$url" ] || { cat "$workdir/server.log" >&2; fail "LocalVoice did not say where it was listening within 2 minutes"; }
  export LOCALVOICE_URL="${url%/}"
fi

ready=0
for _ in $(seq 1 60); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "$LOCALVOICE_URL/readyz"; then
    ready=1
    break
  fi
  sleep 0.5
done
[ "$ready" -eq 1 ] || fail "$LOCALVOICE_URL/readyz did not answer 200 within 30 seconds"
node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
  "$LOCALVOICE_URL/static/localvoice.css" || fail "$LOCALVOICE_URL serves no resident pages (is it an old build?)"

echo "browser tests: testing $LOCALVOICE_URL with $("$chromium" --version 2>/dev/null | head -1)"
status=0
node --test --test-concurrency=1 tests/*.test.js || status=$?
if [ "$status" -ne 0 ] && [ -f "$workdir/server.log" ]; then
  echo "browser tests: failed; the server's log follows" >&2
  tail -50 "$workdir/server.log" >&2
fi
exit "$status"
