#!/usr/bin/env bash
# The real pre-commit with our .pre-commit-hooks.yaml: a commit adding a compose file that
# mounts the Docker socket is blocked with the finding shown; once fixed, it goes through.
set -uo pipefail
root=$1
bindir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$bindir:$PATH" HOME="$work/home" PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
passed=0 failed=0
check() { if eval "$2"; then echo "ok   $1"; passed=$((passed+1)); else echo "FAIL $1"; failed=$((failed+1)); fi; }

# A hook repository holding exactly our manifest (the working tree's, committed or not).
hooks="$work/hooks"
mkdir -p "$hooks" && cp "$root/.pre-commit-hooks.yaml" "$hooks/" && git -C "$hooks" init -q &&
  git -C "$hooks" add . && git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

proj="$work/project"
mkdir -p "$proj" && cd "$proj" && git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: shipshape
YAML
git add .pre-commit-config.yaml && git commit -qm init
pre-commit install >/dev/null || { echo "FAIL pre-commit install"; echo "0 passed, 1 failed"; exit 1; }

cat > compose.yaml <<'YAML'
services:
  proxy:
    image: traefik:v3.1
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
    deploy: {resources: {limits: {memory: 128M, cpus: "0.5"}}}
    healthcheck: {test: ["CMD", "traefik", "healthcheck"]}
YAML
echo "# notes" > README.md
git add compose.yaml README.md
out=$(git commit -m "add proxy" 2>&1); status=$?
echo "$out" | sed 's/^/    | /'
check "the commit with a mounted Docker socket is blocked" "[ $status -ne 0 ]"
check "the finding is shown with file and line" "grep -q 'compose.yaml:5:9: error\[SS202\]' <<<\"\$out\""
check "nothing was committed" "[ \$(git rev-list --count HEAD) -eq 1 ]"

cat > compose.yaml <<'YAML'
services:
  proxy:
    image: traefik:v3.1
    environment:
      DOCKER_HOST: tcp://docker-proxy:2375
    deploy: {resources: {limits: {memory: 128M, cpus: "0.5"}}}
    healthcheck: {test: ["CMD", "traefik", "healthcheck"]}
YAML
git add compose.yaml
out=$(git commit -m "add proxy" 2>&1); status=$?
echo "$out" | sed 's/^/    | /'
check "after the fix the commit goes through" "[ $status -eq 0 ]"
check "the hook ran and passed" "grep -q 'shipshape (deployment policy lint).*Passed' <<<\"\$out\""

# A repository's other YAML is not ours: a GitLab CI file with a service list and a workflow
# with a default password do not block a commit.
mkdir -p .github/workflows
cat > .gitlab-ci.yml <<'YAML'
stages: [test]
services: [postgres:16]
test:
  script: [make test]
YAML
cat > .github/workflows/ci.yml <<'YAML'
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
YAML
git add .gitlab-ci.yml .github/workflows/ci.yml
out=$(git commit -m "ci" 2>&1); status=$?
echo "$out" | sed 's/^/    | /'
check "CI configs in the repository do not block a commit" "[ $status -eq 0 ]"

# exclude: in .shipshape.yaml and --exclude in the hook's args are honoured.
mkdir -p legacy scratch
cat > legacy/compose.yaml <<'YAML'
services:
  old:
    image: x
    privileged: true
YAML
cp legacy/compose.yaml scratch/compose.yaml
printf 'exclude:\n  - legacy/**\n' > .shipshape.yaml
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: shipshape
        args: [--exclude, "scratch/"]
YAML
git add .shipshape.yaml .pre-commit-config.yaml legacy/compose.yaml scratch/compose.yaml
out=$(git commit -m "legacy" 2>&1); status=$?
echo "$out" | sed 's/^/    | /'
check "excluded paths (config and --exclude) do not block a commit" "[ $status -eq 0 ]"
mkdir -p current && cp legacy/compose.yaml current/compose.yaml && git add current/compose.yaml
out=$(git commit -m "current" 2>&1); status=$?
echo "$out" | sed "s/^/    | /"
check "a path not excluded still blocks" "[ $status -ne 0 ] && grep -q 'current/compose.yaml:4:17: error\\[SS201\\]' <<<\"\$out\""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
