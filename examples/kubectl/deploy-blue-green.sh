#!/usr/bin/env bash
# Blue-green variant of deploy.sh: the new image rolls out to the idle colour while the live one
# serves; the Service then switches to it at once. If the switched-to colour fails its check, the
# Service switches back and Flagstaff hears of the rollback. The old colour keeps running, so a
# later switch back is instant; scale it down when you no longer need that.
#
#   deploy-blue-green.sh APP VERSION ENVIRONMENT IMAGE
#
# Assumes Deployments APP-blue and APP-green (pods labelled slot=blue / slot=green, with a
# container named APP) and a Service APP that selects one slot. Environment as for deploy.sh, plus:
#   SMOKE_TEST   a command that fails when the new colour is unhealthy; it runs before the
#                switch (with SLOT set to the new colour) and after it (default: none)
set -euo pipefail

usage='usage: deploy-blue-green.sh APP VERSION ENVIRONMENT IMAGE'
app="${1:?$usage}"
version="${2:?$usage}"
environment="${3:?$usage}"
image="${4:?$usage}"
namespace="${NAMESPACE:-$environment}"
timeout="${ROLLOUT_TIMEOUT:-5m}"

k() { kubectl --namespace "$namespace" "$@"; }
smoke_test() { [[ -z "${SMOKE_TEST:-}" ]] || SLOT="$1" bash -c "$SMOKE_TEST"; }
switch_to() { k patch service "$app" --patch "{\"spec\":{\"selector\":{\"slot\":\"$1\"}}}"; }

live="$(k get service "$app" --output 'jsonpath={.spec.selector.slot}')"
if [[ "$live" == blue ]]; then idle=green; else idle=blue; fi

deployment_id="$(flagstaff deployment start --app "$app" --version "$version" --env "$environment" \
  --strategy blue-green --run-url "${RUN_URL:-}")"
echo "Flagstaff deployment $deployment_id: $app $version to $environment ($idle, now $live)"

# Until the switch no user sees the new colour: a failure here is a failed deployment, with
# nothing to roll back.
if ! { k set image "deployment/$app-$idle" "$app=$image" &&
  k rollout status "deployment/$app-$idle" --timeout "$timeout" &&
  smoke_test "$idle"; }; then
  flagstaff deployment fail --id "$deployment_id" --details "{\"slot\":\"$idle\",\"step\":\"before the switch\"}"
  exit 1
fi

if ! switch_to "$idle"; then
  flagstaff deployment fail --id "$deployment_id" --details "{\"slot\":\"$idle\",\"step\":\"switch\"}"
  exit 1
fi
if smoke_test "$idle"; then
  flagstaff deployment succeed --id "$deployment_id"
  exit 0
fi

echo "$app $version failed its check after the switch: back to $live" >&2
switch_to "$live"
flagstaff deployment fail --id "$deployment_id" --details "{\"slot\":\"$idle\",\"step\":\"after the switch\"}"
flagstaff deployment rollback --id "$deployment_id"
exit 1
