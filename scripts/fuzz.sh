#!/usr/bin/env bash
# `make fuzz`: schemathesis against the live API schema, as an anonymous caller, a job seeker
# and a recruiter. The server runs on a database of its own (FUZZ_DATABASE_URL, rebuilt from
# the fixtures on every run), never the test database, so every run starts from the same data.
# Exits non-zero on any finding: a server error, a response that breaks the schema, or a
# status code the schema does not declare.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=portal.settings.fuzz
export DATABASE_URL="${FUZZ_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal_fuzz}"
# A free port unless one is given.
PORT="${FUZZ_PORT:-$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
SEED="${FUZZ_SEED:-2026}"
# Each user's run is bounded; on a quiet 2-core machine it takes about a minute.
TIME_LIMIT="${FUZZ_TIME_LIMIT:-300}"
REPORTS=test-artifacts/fuzz
BASE="http://127.0.0.1:$PORT"
mkdir -p "$REPORTS"

echo "Fuzz database: rebuilding ${DATABASE_URL##*/}…"
$BIN/python - <<'PY'
import os
from urllib.parse import urlsplit

import psycopg

url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.execute(f'CREATE DATABASE "{name}"')
PY
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py seed --demo >/dev/null
PYTHONPATH=. $BIN/python scripts/fuzz_data.py

echo "Fuzz server: $BASE"
# The longest request line gunicorn allows: the fuzzer writes long query strings.
$BIN/gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --timeout 30 --limit-request-line 8190 \
  --env DJANGO_SETTINGS_MODULE=portal.settings.fuzz >"$REPORTS/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  $BIN/python -c "import urllib.request; urllib.request.urlopen('$BASE/api/schema/', timeout=2)" \
    2>/dev/null && break
  sleep 0.5
done

token() {
  $BIN/python - "$BASE" "$1" <<'PY'
import json
import sys
import urllib.request

base, email = sys.argv[1:]
body = json.dumps({"email": email, "password": "portal-demo-2026"}).encode()
request = urllib.request.Request(
    f"{base}/api/v1/auth/token/", body, {"Content-Type": "application/json"}
)
print(json.load(urllib.request.urlopen(request, timeout=10))["token"])
PY
}

fuzz() {
  local who="$1"
  shift
  echo "Fuzzing as $who (at most ${TIME_LIMIT}s)…"
  # Signing out and erasing the account would end the run's own session: left out.
  timeout "$TIME_LIMIT" $BIN/st --config-file scripts/schemathesis.toml run "$BASE/api/schema/" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --exclude-operation-id v1_me_destroy --exclude-operation-id v1_auth_token_destroy \
    --phases examples,fuzzing --max-examples "$EXAMPLES" --seed "$SEED" \
    --generation-database none --workers 2 --request-timeout 20 --no-color \
    --report junit --report-junit-path "$REPORTS/$who.xml" "$@"
}

status=0
fuzz anonymous || status=1
fuzz seeker --header "Authorization: Token $(token seeker@example.org)" || status=1
fuzz recruiter --header "Authorization: Token $(token recruiter@example.org)" || status=1
if [ "$status" -ne 0 ]; then
  echo "Fuzzing found problems (reports in $REPORTS/)." >&2
fi
exit "$status"
