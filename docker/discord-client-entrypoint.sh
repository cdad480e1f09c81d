#!/bin/sh
# Starts discord-client. Sharding across processes (DESIGN §3):
#   - DISCORD_SHARD_IDS set (e.g. "0,1"): used as given;
#   - otherwise, with POD_INDEX (a StatefulSet pod's ordinal; falls back to the number at the end
#     of the host name, e.g. discord-client-2 -> 2) and DISCORD_SHARDS_PER_POD (default 1), this pod
#     runs shards POD_INDEX*PER_POD .. POD_INDEX*PER_POD+PER_POD-1, given as a comma list.
# DISCORD_SHARD_TOTAL must then be replicas x DISCORD_SHARDS_PER_POD.
set -eu

if [ -z "${DISCORD_SHARD_IDS:-}" ] && [ -n "${DISCORD_SHARD_TOTAL:-}" ]; then
  index="${POD_INDEX:-}"
  if [ -z "$index" ]; then
    host="$(hostname)"
    index="${host##*-}"
  fi
  case "$index" in
    ''|*[!0-9]*) echo "entrypoint: cannot tell this pod's ordinal (POD_INDEX='${POD_INDEX:-}', host '$(hostname)')" >&2; exit 1 ;;
  esac
  per="${DISCORD_SHARDS_PER_POD:-1}"
  first=$((index * per))
  last=$((first + per - 1))
  if [ "$last" -ge "$DISCORD_SHARD_TOTAL" ]; then
    echo "entrypoint: pod $index would run shards $first..$last but DISCORD_SHARD_TOTAL is $DISCORD_SHARD_TOTAL" >&2
    exit 1
  fi
  ids="$first"
  i=$((first + 1))
  while [ "$i" -le "$last" ]; do ids="$ids,$i"; i=$((i + 1)); done
  export DISCORD_SHARD_IDS="$ids"
  echo "entrypoint: pod $index runs shards $DISCORD_SHARD_IDS of $DISCORD_SHARD_TOTAL"
fi

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /app/discord-client.jar "$@"
