#!/usr/bin/env bash
# Starts the image built by deploy/image/build.sh with podman and checks that it serves:
#   1. embedded store: read-only root file system, data on a volume, tokens from a mounted file;
#      /readyz, one decision, 401 without a token, the non-root user, a drain on SIGTERM;
#   2. PostgreSQL: a fresh database on the server at PGHOST:PGPORT (default 127.0.0.1:5432, user
#      postgres); /readyz, one decision, its audit record in the database;
#   3. a fleet of three instances started at once on another fresh database: all ready, every schema
#      migration applied exactly once;
#   4. the database password from a file (PGPASSFILE, as a Kubernetes Secret mounts it), against a
#      private PostgreSQL with password authentication; skipped when PostgreSQL's initdb is absent.
#
#   deploy/image/check.sh [IMAGE]        # default localhost/setpoint:latest
#
# Needs root, podman, curl, psql and python3. Prints one line per check; fails with a non-zero exit
# and one line naming what failed. Removes its containers, volumes and databases when it ends.
set -euo pipefail

image="${1:-localhost/setpoint:latest}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
run_id="$(date +%s)-$$"
work="$(mktemp -d /tmp/setpoint-image-check.XXXXXX)"
volumes=()
private_pg=""

fail() {
  echo "deploy/image/check.sh: FAILED: $*" >&2
  touch "$work/failed" # said once: the caller of a subshell that failed does not say it again
  exit 1
}

cleanup() {
  local c v d
  # Every container of this run (start_ready runs in a subshell, so its names are found by run id).
  for c in $(podman ps -a --quiet --filter "name=$run_id" 2>/dev/null); do
    podman rm -f -t 0 "$c" >/dev/null 2>&1 || true
  done
  for v in "${volumes[@]}"; do podman volume rm -f "$v" >/dev/null 2>&1 || true; done
  # Every database of this run (new_database runs in a subshell, so they are found by run id).
  for d in $(psql -At -d postgres -c "select datname from pg_database where datname like 'setpoint_image_check_%_${run_id//-/_}'" 2>/dev/null); do
    psql -q -d postgres -c "drop database if exists $d with (force)" >/dev/null 2>&1 || true
  done
  if [[ -n "$private_pg" ]]; then
    runuser -u postgres -- "$private_pg/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap '[[ -e "$work/failed" ]] || echo "deploy/image/check.sh: FAILED at line $LINENO (exit $?)" >&2' ERR

for tool in podman curl psql python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
podman image exists "$image" || fail "no image $image (build it with deploy/image/build.sh)"

# How this machine runs containers: plainly, or (where the runtime may not raise resource limits,
# or cgroups are in hybrid mode, which crun refuses) with runc and limits it may set.
run_opts=()
if ! podman run --rm "$image" --version >"$work/probe.log" 2>&1; then
  run_opts=(--runtime runc --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
  podman run --rm "${run_opts[@]}" "$image" --version >>"$work/probe.log" 2>&1 \
    || fail "podman cannot run $image here: $(grep -m1 -i error "$work/probe.log")"
  echo "note: podman runs containers here with ${run_opts[*]} ($(grep -m1 -i error "$work/probe.log" | cut -c1-100))"
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

token="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
cat >"$work/tokens.yaml" <<EOF
tokens:
  - { name: image-check, token: "$token", roles: [decide, edit, read, label] }
EOF
chmod 0755 "$work"
chmod 0644 "$work/tokens.yaml"

# Starts a container (name, then podman run options, then --, then the server's arguments) and
# prints the milliseconds it took from `podman run` to a ready /readyz on the given port.
start_ready() {
  local name="$1" port="$2"; shift 2
  local opts=() started now
  while [[ "$1" != "--" ]]; do opts+=("$1"); shift; done
  shift
  started=$(date +%s%3N)
  podman run -d --name "$name" "${run_opts[@]}" --read-only \
    -v "$work/tokens.yaml:/etc/setpoint/tokens.yaml:ro" "${opts[@]}" "$image" "$@" >/dev/null \
    || fail "$name: podman run failed"
  while true; do
    now=$(date +%s%3N)
    if curl -sf -m 1 -o /dev/null "http://127.0.0.1:$port/readyz"; then
      echo $((now - started))
      return
    fi
    if [[ "$(podman inspect -f '{{.State.Running}}' "$name")" != "true" ]]; then
      fail "$name exited before it was ready: $(podman logs "$name" 2>&1 | tail -n 1)"
    fi
    ((now - started < 120000)) || fail "$name: /readyz not ready within 120 s: $(podman logs "$name" 2>&1 | tail -n 1)"
    sleep 0.1
  done
}

# One decision of the demo policy through the given port; prints "action (policy vVERSION)".
decide() {
  local port="$1" body status
  status=$(curl -s -m 5 -o "$work/decision.json" -w '%{http_code}' "http://127.0.0.1:$port/v1/decide" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"policy": "card-fraud", "score": 0.9, "attributes": {"jurisdiction": "EU", "tier": "premium"}}') \
    || fail "POST /v1/decide on port $port: no answer"
  body="$(cat "$work/decision.json")"
  [[ "$status" == 200 ]] || fail "POST /v1/decide on port $port answered $status: $body"
  python3 -c 'import json, sys; d = json.load(sys.stdin); print("%s (%s v%s, id %s)" % (d["action"], d["policy"], d["version"], d["id"]))' \
    <<<"$body" || fail "POST /v1/decide on port $port: not a decision: $body"
}

seconds() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }

new_database() {
  local db="setpoint_image_check_$1_${run_id//-/_}"
  psql -q -d postgres -c "create database $db" >/dev/null || fail "cannot create database $db on $PGHOST:$PGPORT"
  echo "$db"
}

serve_args=(serve --host 0.0.0.0 --port 8080 --config /etc/setpoint/tokens.yaml)

# 1. Embedded store.
port=$(free_port)
volume="setpoint-image-check-$run_id"
volumes+=("$volume")
name="setpoint-check-embedded-$run_id"
ms=$(start_ready "$name" "$port" -p "127.0.0.1:$port:8080" -v "$volume:/var/lib/setpoint" -- \
  "${serve_args[@]}" --data-dir /var/lib/setpoint --demo)
decision=$(decide "$port")
anonymous=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/decide" \
  -H 'Content-Type: application/json' -d '{"policy": "card-fraud", "score": 0.9}')
[[ "$anonymous" == 401 ]] || fail "embedded store: a decision without a token answered $anonymous, not 401"
user=$(podman exec "$name" id -u)
[[ "$user" == 10001 ]] || fail "embedded store: the server runs as user $user, not 10001"
podman stop -t 40 "$name" >/dev/null || fail "embedded store: podman stop failed"
podman logs "$name" 2>&1 | grep -q 'audit log committed' \
  || fail "embedded store: no drain on SIGTERM: $(podman logs "$name" 2>&1 | tail -n 1)"
echo "embedded store: ready $(seconds "$ms") after podman run; decision $decision; 401 without a token; user $user; drained on SIGTERM"

# 2. PostgreSQL.
db=$(new_database single)
port=$(free_port)
name="setpoint-check-postgresql-$run_id"
ms=$(start_ready "$name" "$port" --network host -- "${serve_args[@]/8080/$port}" \
  --store "postgresql://$PGUSER@$PGHOST:$PGPORT/$db" --demo)
decision=$(decide "$port")
records=$(psql -At -d "$db" -c 'select count(*) from decision_group') || fail "postgresql: cannot read $db"
[[ "$records" -ge 1 ]] || fail "postgresql: the decision's audit record is not in $db"
podman stop -t 40 "$name" >/dev/null
echo "postgresql: ready $(seconds "$ms") after podman run; decision $decision; $records audit record(s) in $db"

# 3. Three instances started at once on one fresh database: Flyway's advisory lock lets one migrate.
db=$(new_database fleet)
ports=()
fleet_started=$(date +%s%3N)
for i in 1 2 3; do
  ports+=("$(free_port)")
  ( start_ready "setpoint-check-fleet$i-$run_id" "${ports[-1]}" --network host -- \
      "${serve_args[@]/8080/${ports[-1]}}" --store "postgresql://$PGUSER@$PGHOST:$PGPORT/$db" \
      >"$work/fleet$i.ms" ) &
done
for i in 1 2 3; do
  wait -n || fail "fleet: an instance did not become ready"
done
slowest=$(( $(date +%s%3N) - fleet_started ))
applied=$(psql -At -d "$db" -c \
  "select count(*) || ' migrations, ' || count(distinct version) || ' versions, ' || count(*) filter (where not success) || ' failed' from flyway_schema_history where version is not null")
expected=$(psql -At -d "$db" -c "select count(distinct version) from flyway_schema_history where version is not null")
[[ "$applied" == "$expected migrations, $expected versions, 0 failed" ]] \
  || fail "fleet: the schema history of $db is not one success per migration: $applied"
for i in 1 2 3; do podman stop -t 40 "setpoint-check-fleet$i-$run_id" >/dev/null; done
echo "fleet of 3 started at once on $db: all ready within $(seconds "$slowest"); schema history: $applied (each once)"

# 4. The password from a file, against a private PostgreSQL that asks for one.
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$initdb" ]] || ! id postgres >/dev/null 2>&1; then
  echo "password file: skipped (no PostgreSQL initdb or postgres user on this machine)"
  exit 0
fi
private_pg="$(dirname "$initdb")"
pg_port=$(free_port)
password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
install -d -o postgres -m 0700 "$work/pg"
echo "$password" >"$work/pg.pw"
chown postgres "$work/pg.pw"
runuser -u postgres -- "$initdb" -D "$work/pg" -U postgres --auth=scram-sha-256 --pwfile="$work/pg.pw" \
  >"$work/initdb.log" 2>&1 || fail "password file: initdb failed: $(tail -n 1 "$work/initdb.log")"
runuser -u postgres -- "$private_pg/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work/pg" start >/dev/null \
  || fail "password file: the private PostgreSQL did not start: $(tail -n 1 "$work/pg/server.log")"
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$pg_port" -d postgres -c 'create database setpoint' \
  || fail "password file: cannot create the database"
echo "127.0.0.1:$pg_port:setpoint:postgres:$password" >"$work/pgpass"
chmod 0644 "$work/pgpass"
store="postgresql://postgres@127.0.0.1:$pg_port/setpoint"
port=$(free_port)
name="setpoint-check-pgpass-$run_id"
ms=$(start_ready "$name" "$port" --network host -v "$work/pgpass:/etc/setpoint/pgpass:ro" \
  -e PGPASSFILE=/etc/setpoint/pgpass -- "${serve_args[@]/8080/$port}" --store "$store" --demo)
decision=$(decide "$port")
podman stop -t 40 "$name" >/dev/null
name="setpoint-check-nopass-$run_id"
code=0
podman run --name "$name" "${run_opts[@]}" --read-only --network host \
  -v "$work/tokens.yaml:/etc/setpoint/tokens.yaml:ro" "$image" "${serve_args[@]/8080/$(free_port)}" \
  --store "$store" >"$work/nopass.log" 2>&1 || code=$?
[[ "$code" == 3 ]] || fail "password file: without PGPASSFILE serve exited $code, not 3: $(tail -n 1 "$work/nopass.log")"
echo "password file: ready $(seconds "$ms") with PGPASSFILE and no password in --store; decision $decision; without it: exit 3 ($(grep -m1 -o 'SQLState [0-9A-Z]*[^(]*' "$work/nopass.log" | cut -c1-80))"
