#!/usr/bin/env bash
# Canary variant of deploy.sh: the new image goes to a canary Deployment first, which takes a
# growing share of the replicas behind the application's Service (so, roughly, of its traffic),
# step by step; at 100 % the stable Deployment takes the image and the canary empties. A failed
# step or check rolls everything back and reports it to Flagstaff.
#
#   deploy-canary.sh APP VERSION ENVIRONMENT IMAGE
#
# Assumes Deployments APP (stable) and APP-canary whose pods both match the Service's selector,
# each with a container named APP. Environment as for deploy.sh, plus:
#   CANARY_STEPS   traffic percentages, each above the last (default: 10,50,100)
#   REPLICAS       replicas in all (default: 10)
#   BAKE_SECONDS   how long each step runs before its check (default: 300)
#   CANARY_CHECK   a command that fails when the canary is unhealthy, e.g. a query of your
#                  error rate (default: none)
set -euo pipefail

usage='usage: deploy-canary.sh APP VERSION ENVIRONMENT IMAGE'
app="${1:?$usage}"
version="${2:?$usage}"
environment="${3:?$usage}"
image="${4:?$usage}"
namespace="${NAMESPACE:-$environment}"
timeout="${ROLLOUT_TIMEOUT:-5m}"
steps="${CANARY_STEPS:-10,50,100}"
replicas="${REPLICAS:-10}"
bake="${BAKE_SECONDS:-300}"

k() { kubectl --namespace "$namespace" "$@"; }

deployment_id="$(flagstaff deployment start --app "$app" --version "$version" --env "$environment" \
  --strategy canary --canary-steps "$steps" --run-url "${RUN_URL:-}")"
echo "Flagstaff deployment $deployment_id: $app $version to $environment, canary $steps %"

stable_changed=false
# Puts every replica back on the stable image, then reports the failure and the rollback.
roll_back() {
  echo "The canary of $app $version failed ($1): rolling back" >&2
  flagstaff deployment fail --id "$deployment_id" --details "{\"step\":\"$1\"}"
  k scale "deployment/$app-canary" --replicas 0
  if [[ "$stable_changed" == true ]]; then k rollout undo "deployment/$app"; fi
  k scale "deployment/$app" --replicas "$replicas"
  k rollout status "deployment/$app" --timeout "$timeout"
  flagstaff deployment rollback --id "$deployment_id"
  exit 1
}

k set image "deployment/$app-canary" "$app=$image" || roll_back "kubectl set image"
IFS=, read -ra weights <<<"$steps"
for weight in "${weights[@]}"; do
  ((weight < 100)) || break # 100 % is the promotion below
  canary=$(((replicas * weight + 99) / 100))
  {
    k scale "deployment/$app-canary" --replicas "$canary" &&
      k scale "deployment/$app" --replicas "$((replicas - canary))" &&
      k rollout status "deployment/$app-canary" --timeout "$timeout"
  } || roll_back "canary at $weight %"
  sleep "$bake"
  if [[ -n "${CANARY_CHECK:-}" ]] && ! bash -c "$CANARY_CHECK"; then roll_back "check at $weight %"; fi
done

# Promotion: the stable Deployment takes the image at full size, then the canary empties.
k set image "deployment/$app" "$app=$image" || roll_back "promotion"
stable_changed=true
{
  k scale "deployment/$app" --replicas "$replicas" &&
    k rollout status "deployment/$app" --timeout "$timeout" &&
    k scale "deployment/$app-canary" --replicas 0
} || roll_back "promotion"
flagstaff deployment succeed --id "$deployment_id"
