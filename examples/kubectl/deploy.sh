#!/usr/bin/env bash
# Rolls a new image out to a Kubernetes Deployment and records it in Flagstaff: the deployment
# starts, then succeeds when `kubectl rollout status` says so, or fails and is rolled back with
# `kubectl rollout undo`. Rollout plans that wait for this version ramp only after it succeeded,
# and step back when it is rolled back.
#
#   deploy.sh APP VERSION ENVIRONMENT IMAGE
#
# The artifact APP VERSION must be recorded first (`flagstaff artifact create`, in the build).
# Environment: FLAGSTAFF_URL, FLAGSTAFF_PIPELINE_TOKEN (and FLAGSTAFF_SIGNING_SECRET if the token
# has one) for the flagstaff CLI (`npm install --global @flagstaff/sdk-node`); optional:
#   NAMESPACE        Kubernetes namespace (default: ENVIRONMENT)
#   ROLLOUT_TIMEOUT  how long to wait for the rollout (default: 5m)
#   MAX_SURGE, MAX_UNAVAILABLE  as in the Deployment's spec, to record them (default: 25%)
#   RUN_URL          link to this pipeline run
set -euo pipefail

usage='usage: deploy.sh APP VERSION ENVIRONMENT IMAGE'
app="${1:?$usage}"
version="${2:?$usage}"
environment="${3:?$usage}"
image="${4:?$usage}"
namespace="${NAMESPACE:-$environment}"
timeout="${ROLLOUT_TIMEOUT:-5m}"

# The deployment's id, so that the reports below name this deployment and no other. Empty
# options (an unset MAX_SURGE, RUN_URL) are left out by the CLI.
deployment_id="$(flagstaff deployment start --app "$app" --version "$version" --env "$environment" \
  --strategy rolling --max-surge "${MAX_SURGE:-}" --max-unavailable "${MAX_UNAVAILABLE:-}" \
  --run-url "${RUN_URL:-}")"
echo "Flagstaff deployment $deployment_id: $app $version to $environment"

# The container is assumed to be named after the application.
if ! kubectl --namespace "$namespace" set image "deployment/$app" "$app=$image"; then
  # Nothing changed in the cluster: the deployment failed, with nothing to roll back.
  flagstaff deployment fail --id "$deployment_id" --details '{"step":"kubectl set image"}'
  exit 1
fi

if kubectl --namespace "$namespace" rollout status "deployment/$app" --timeout "$timeout"; then
  flagstaff deployment succeed --id "$deployment_id"
  exit 0
fi

echo "The rollout of $app $version did not complete: rolling back" >&2
flagstaff deployment fail --id "$deployment_id" --details "{\"step\":\"kubectl rollout status\",\"timeout\":\"$timeout\"}"
kubectl --namespace "$namespace" rollout undo "deployment/$app"
kubectl --namespace "$namespace" rollout status "deployment/$app" --timeout "$timeout"
flagstaff deployment rollback --id "$deployment_id"
exit 1
