#!/bin/sh
# Create a design, ask for its estimate, wait for it, print requests per second and availability.
#
#     BASE_URL=http://127.0.0.1:8000 API_TOKEN=... sh api_client.sh [design.json]
#
# Without a file it sends the small URL shortener below. Needs curl and python3 (for JSON).
set -eu
BASE_URL="${BASE_URL:-http://127.0.0.1:8000}"
: "${API_TOKEN:?set API_TOKEN: manage.py drf_create_token <username>}"

# get JSON PATH: the value at a dotted path of the JSON, e.g. get "$design" links.estimate
get() {
  printf '%s' "$1" | python3 -c 'import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[key]
print(value)' "$2"
}

# api CURL-ARGS: the JSON answer; on an HTTP error, the JSON error on stderr and a failure
api() {
  if ! answer=$(curl --silent --show-error --fail-with-body \
      -H "Authorization: Token $API_TOKEN" -H "Content-Type: application/json" "$@"); then
    printf '%s\n' "$answer" >&2
    return 1
  fi
  printf '%s' "$answer"
}

if [ $# -gt 0 ]; then
  document=$(cat "$1")
else
  document='{
    "name": "URL shortener (API example)",
    "assumptions": {"daily_active_users": 10000000},
    "workloads": [
      {"name": "shorten", "kind": "write", "rate": 100000000, "per": "month",
       "request_bytes": 500, "route": ["lb", "api", "db"]},
      {"name": "redirect", "kind": "read", "per_user_per_day": 30,
       "response_bytes": 500, "route": ["lb", "api", "cache", "db"]}
    ],
    "components": [
      {"key": "lb", "kind": "load_balancer", "instances": 2, "redundancy": "active-passive"},
      {"key": "api", "kind": "service", "instances": 12},
      {"key": "cache", "kind": "cache", "instances": 2},
      {"key": "db", "kind": "database", "instances": 2, "redundancy": "active-passive"}
    ]
  }'
fi

# 1. Create the design (private to you).
design=$(printf '{"document": %s}' "$document" | api --data-binary @- "$BASE_URL/api/designs/")
echo "design $(get "$design" id): $(get "$design" name) ($(get "$design" links.html))"

# 2. Ask for the estimate of the version the answer says this save wrote (someone may
#    save another meanwhile): 202 while a worker computes it, 200 once done.
estimate=$(printf '{"version": %s}' "$(get "$design" version)" |
  api --data-binary @- "$(get "$design" links.estimate)")
url=$(get "$estimate" url)

# 3. Poll until done.
tries=0
status=$(get "$estimate" status)
while { [ "$status" = queued ] || [ "$status" = running ]; } && [ "$tries" -lt 120 ]; do
  sleep 1
  tries=$((tries + 1))
  estimate=$(api "$url")
  status=$(get "$estimate" status)
done
if [ "$status" != done ]; then
  echo "estimate $status: $(get "$estimate" error)" >&2
  exit 1
fi

# 4. Print the requests per second and the availability.
printf '%s' "$estimate" | python3 -c 'import json, sys
result = json.load(sys.stdin)["result"]
rps, peak = result["traffic"]["total_rps"], result["traffic"]["peak_rps"]
overall, nines = result["availability"]["overall"], result["availability"]["nines"]
nines = "no downtime" if nines is None else f"{nines:.2f} nines"
print(f"requests per second: {rps:,.1f} (peak {peak:,.1f})")
print(f"availability: {overall:.4%} ({nines})")'
