#!/usr/bin/env bash
# Training run for core-api's JDK AOT cache (JEP 483/514/515, JDK 25+): the JVM records which classes
# load and which methods run hot while this script drives every kind of request through the API,
# and writes the cache when it exits. A trained start is ready in about half the time (bench/RESULTS.md).
#
#   core-api-aot-train.sh java $JAVA_OPTS -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar
#       starts that command (core-api on QUARKUS_HTTP_PORT, default 8080), drives the workload, stops it
#       with SIGTERM and waits for the cache to be written; used by docker/core-api.Dockerfile
#   core-api-aot-train.sh --against http://127.0.0.1:8097
#       only drives the workload against a core-api already started with -XX:AOTCacheOutput; bench/run.sh
#
# Needs GUILDHALL_ADMIN_KEY (a random one is made and exported when unset, for the started form) and curl.
# Everything it creates lives in two servers of its own (discord:7700000001 and discord:7700000002).
set -euo pipefail

say() { echo "aot-train: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

if [[ "${1:-}" == --against ]]; then
  BASE=${2:?usage: --against BASE_URL}
  APP_PID=""
else
  [[ $# -gt 0 ]] || die "usage: core-api-aot-train.sh COMMAND... | --against BASE_URL"
  BASE="http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}"
  if [[ -z "${GUILDHALL_ADMIN_KEY:-}" ]]; then
    GUILDHALL_ADMIN_KEY="ghk_train-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export GUILDHALL_ADMIN_KEY
  fi
  "$@" &
  APP_PID=$!
  for _ in $(seq 1 1200); do
    kill -0 "$APP_PID" 2>/dev/null || die "core-api exited during start-up"
    curl -sf -o /dev/null --max-time 1 "$BASE/q/health/ready" && break
    sleep 0.1
  done
  curl -sf -o /dev/null --max-time 1 "$BASE/q/health/ready" || { kill -KILL "$APP_PID"; die "core-api not ready after 120 s"; }
fi
: "${GUILDHALL_ADMIN_KEY:?GUILDHALL_ADMIN_KEY must be set}"

CALLS=0 FAILED=0
# call EXPECTED METHOD PATH [BODY] [curl args...]: one request; a status other than EXPECTED is counted and
# fails the run at the end: a workload out of step with the API would train the cache on error paths
# (system-tests' AotTrainingWorkloadTest runs it against the packaged core-api).
call() {
  local expect=$1 method=$2 path=$3 body=${4:-} code
  shift 4 || shift $#
  code=$(curl -s -o "$OUT" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${KEY:-$GUILDHALL_ADMIN_KEY}" \
    -H 'Content-Type: application/json' ${body:+--data "$body"} "$@" "$BASE$path") || code=000
  CALLS=$((CALLS + 1))
  [[ "$code" == "$expect" ]] || { FAILED=$((FAILED + 1)); [[ $FAILED -le 5 ]] && say "$method $path: $code, expected $expect"; }
  return 0
}
field() { grep -o "\"$1\":\"[^\"]*\"" "$OUT" | head -1 | sed "s/^\"$1\":\"\(.*\)\"$/\1/"; }
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

KEY=""
call 201 POST /v1/admin/api-keys '{"name":"aot-training","kind":"platform","scopes":[],"servers":[]}'
KEY=$(field key)
[[ -n "$KEY" ]] || die "could not create a platform key: $(head -c 300 "$OUT")"
KEY="" call 200 GET /v1/admin/api-keys   # with the admin key, as KEY is empty for this call only

S1=discord:7700000001 S2=discord:7700000002
MOD=(-H 'X-Actor-Id: discord:1' -H 'X-Actor-Owner: true' -H 'X-Actor-Top-Role: 100'
     -H 'X-Actor-Permissions: MODERATE_MEMBERS,KICK_MEMBERS,BAN_MEMBERS,MANAGE_SERVER')
call 201 PUT "/v1/servers/$S1" '{"name":"Training one","owner":"discord:1"}'
call 201 PUT "/v1/servers/$S2" '{"name":"Training two","owner":"discord:1"}'
call 200 PATCH "/v1/servers/$S2/config" \
  '{"automod":{"enabled":true,"bannedWords":["noobface","scrub"],"blockInvites":true,"maxMentions":5,"duplicateLimit":{"count":3,"seconds":30},"rateLimit":{"count":8,"seconds":10},"capsRatio":0.7,"action":"delete"}}'
call 200 GET "/v1/servers/$S1"
call 200 GET "/v1/servers/$S2/config"

# wars: the challenge flow, results, confirmations and a moderator's resolve
for n in $(seq 1 40); do
  a=$((7710000000 + 2 * n)) b=$((7710000000 + 2 * n + 1))
  call 201 POST "/v1/servers/$S1/wars" '{"game":"chess","format":"ft1","duration":"12h","sides":[["discord:'$a'"],["discord:'$b'"]]}' \
    -H "X-Actor-Id: discord:$a"
  id=$(field id)
  [[ -n "$id" ]] || continue
  call 200 GET "/v1/wars/$id"
  case $((n % 4)) in
    0) call 200 POST "/v1/wars/$id/decline" '{}' -H "X-Actor-Id: discord:$b" ;;
    1) call 200 POST "/v1/wars/$id/cancel" '{}' -H "X-Actor-Id: discord:$a" ;;
    *) call 200 POST "/v1/wars/$id/accept" '{}' -H "X-Actor-Id: discord:$b"
       if ((n % 4 == 2)); then
         call 200 POST "/v1/wars/$id/rounds" '{"winner":0}' -H "X-Actor-Id: discord:$b"   # the loser reports: final
       else
         call 200 POST "/v1/wars/$id/rounds" '{"winner":0}' -H "X-Actor-Id: discord:$a"   # the winner reports: the other side confirms
         call 200 POST "/v1/wars/$id/rounds/1/dispute" '{}' -H "X-Actor-Id: discord:$b"
         call 200 POST "/v1/wars/$id/resolve" '{"round":1,"winner":0}' "${MOD[@]}"
       fi ;;
  esac
done
for _ in $(seq 1 20); do
  call 200 GET "/v1/servers/$S1/wars?limit=10"
  call 200 GET "/v1/servers/$S1/leaderboard?game=chess"
  call 200 GET "/v1/servers/$S1/players/discord:7710000004"
done

# moderation: cases, their list and one case, automod on both servers, joins, audit log, stats
for n in $(seq 1 20); do
  call 201 POST "/v1/servers/$S1/cases" '{"type":"warn","target":{"user":"discord:77200000'$n'","owner":false,"topRole":1},"reason":"training"}' "${MOD[@]}"
done
call 200 GET "/v1/servers/$S1/cases?limit=10" "" "${MOD[@]}"
call 200 GET "/v1/servers/$S1/cases/1" "" "${MOD[@]}"
texts=("hello there" "good game everyone" "what a scrub" "JOIN MY SERVER NOW" "discord.gg/abcdef" "gg" "n o o b f a c e")
for n in $(seq 1 300); do
  t=${texts[$((n % ${#texts[@]}))]}
  for s in "$S1" "$S2"; do
    call 200 POST "/v1/servers/$s/messages/check" \
      '{"messageId":"m'$n'","channel":"general","author":{"user":"discord:773000000'$((n % 9))'","roles":[]},"content":"'"$t"'","mentions":0}'
  done
done
for n in $(seq 1 10); do
  call 200 POST "/v1/servers/$S1/members/joined" '{"user":"discord:77400000'$n'","name":"newcomer '$n'"}'
done
call 200 GET "/v1/servers/$S1/audit-log?limit=20" "" "${MOD[@]}"
call 200 GET "/v1/servers/$S1/stats" "" "${MOD[@]}"
call 200 POST /v1/platforms/discord/actions/claim '{"limit":10,"leaseSeconds":60}'

# refusals: the problem+json paths a real deployment also runs
call 404 GET "/v1/wars/00000000-0000-0000-0000-000000000000"
call 400 POST "/v1/servers/$S1/wars" '{"game":'
call 400 POST "/v1/servers/$S1/cases" '{"type":"smite"}' "${MOD[@]}"
call 401 GET "/v1/servers/$S1" "" -H 'Authorization: Bearer ghk_not-a-key'
call 200 GET /q/health/ready
call 200 GET /q/metrics
call 200 GET /q/openapi

say "$CALLS calls, $FAILED with an unexpected status"
[[ $FAILED == 0 ]] || { [[ -n "$APP_PID" ]] && kill -KILL "$APP_PID"; die "$FAILED calls did not answer as the API promises"; }

if [[ -n "$APP_PID" ]]; then
  kill -TERM "$APP_PID"
  status=0
  wait "$APP_PID" || status=$?
  # 143: the JVM's exit after SIGTERM once its shutdown (and the cache's writing) has run
  [[ $status == 0 || $status == 143 ]] || die "core-api exited with status $status while writing the AOT cache"
  say "core-api stopped; AOT cache written"
fi
