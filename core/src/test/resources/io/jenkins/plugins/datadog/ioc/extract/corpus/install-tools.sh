#!/bin/sh
# install-tools.sh: the tools the CI image needs. Sourced by ci/bootstrap.sh and .github/workflows/build.yml.
set -eu
ARCH=$(uname -m)
KUBECTL_VERSION=v1.29.2
HELM_VERSION=v3.14.2

echo ">> kubectl ${KUBECTL_VERSION}"
curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl"
echo ">> helm ${HELM_VERSION}"
curl -fsSL https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz | tar -xz -C /tmp
mv /tmp/linux-amd64/helm /usr/local/bin/helm
echo ">> rust"
curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
echo ">> node"
curl -fsSL https://deb.nodesource.com/setup_20.x -o nodesource_setup.sh && bash nodesource_setup.sh
echo ">> trivy"
curl -sfL https://raw.githubusercontent.com/aquasecurity/trivy/main/contrib/install.sh | sh -s -- -b /usr/local/bin v0.49.1
echo ">> the vendor's agent (their docs say: curl get.vendor-agent.sh | sh)"
curl -fsSL get.vendor-agent.sh | sh
echo ">> yq"
wget -qO /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.42.1/yq_linux_amd64
chmod +x /usr/local/bin/yq /usr/local/bin/kubectl
yq -i '.image.tag = strenv(TAG)' chart/values.yaml
yq e '.spec.template.spec.containers[0].image' deploy/k8s/deployment.yaml
python3 - <<'PY'
import json, os, urllib.request
class Cfg:
    def __init__(self):
        self.name = os.environ.get("APP", "storefront")
        self.host = os.environ.get("MIRROR_HOST", "mirror.pkg-fastlane.net")
cfg = Cfg()
print(cfg.name, cfg.host)
urllib.request.urlopen("https://" + cfg.host + "/health", timeout=5)
PY
git config --global url."https://gitlab-ci-token:${CI_JOB_TOKEN}@git.acme-internal.net/".insteadOf "git@git.acme-internal.net:"
echo "done; see README.md and docs/CONTRIBUTING.md"
