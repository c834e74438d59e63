#!/usr/bin/env python3
"""Runs action.yml for real, as a runner would (action_runner.py): its run: steps in bash with a
simulated GITHUB_* environment, its if: conditions evaluated, its uses: steps (the cache, the
SARIF upload) replaced by models of what they do. The action is a copy of this checkout in
a directory of its own, outside every workspace, as on a runner (_actions/owner/repo/ref).

What is checked: the cache key computed from the action's own sources (which hashFiles()
cannot see), the build, a cache hit that skips it and a cached binary that no longer runs,
annotations, summary, SARIF and outputs, a baseline, `paths` over several lines with spaces,
a fork's pull request and a token without the upload permission, a failed build, a missing
and a broken binary.

The build: the first job builds shipshape for real (Release, as the action does) and every
later job restores it from the simulated cache, as the action should on a runner. Two jobs
replace the compiler step only (cmake's configure still runs): one whose build must fail at
configure, one whose point is that a broken cached binary is rebuilt (the real build was
checked already). SHIPSHAPE_ACTION_TEST_BINARY=path replaces the compile of the first build
too (configure still runs), for quick runs while working on the action; ctest does not set it.

SHIPSHAPE_ACTION_YML=file runs the test against another action.yml (e.g. an older one)."""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile

from action_runner import Cache, Job
from checks import check, finish

root = pathlib.Path(sys.argv[1]).resolve()
action_yml = pathlib.Path(os.environ.get("SHIPSHAPE_ACTION_YML") or root / "action.yml").resolve()
prebuilt = os.environ.get("SHIPSHAPE_ACTION_TEST_BINARY", "")
real_cmake = shutil.which("cmake")

UPLOAD = "github/codeql-action/upload-sarif"


def copy_action(dest):
    """What a runner downloads for `uses: owner/repo@ref`: the repository's files (here every
    file git does not ignore, uncommitted work included), no .git."""
    dest.mkdir(parents=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        src = root / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    shutil.copy2(action_yml, dest / "action.yml")
    return dest


def compose(service, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"services:\n  {service}:\n    image: nginx:1.27\n")


def describe(job):
    steps = ", ".join(f"{n}: {o}" for n, o in job.log)
    return f"[{steps}] output: ...{job.stdout[-1500:]}"


def uploads(job):
    return [w for u, w in job.calls if u.startswith(UPLOAD)]


def cache_calls(job, kind):
    """The with: of the cache steps that ran: kind 'restore' (actions/cache or /restore) or
    'save' (actions/cache/save)."""
    names = {"restore": ("actions/cache", "actions/cache/restore"), "save": ("actions/cache/save",)}[kind]
    return [w for u, w in job.calls if u.partition("@")[0] in names]


def cmake_calls(job):
    log = pathlib.Path(job.extra_env["SHIPSHAPE_TEST_CMAKE_LOG"])
    return log.read_text().splitlines() if log.exists() else []


def fail_step_lines(job):
    return [l for l in job.stdout.splitlines() if l.startswith(("::error", "shipshape:"))]


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    actions = tmp / "_actions" / "shipshape" / "shipshape"
    action_path = copy_action(actions / "v1")
    cache = Cache(tmp / "cache")
    shim_dir = tmp / "shim"
    shim_dir.mkdir()
    # cmake as the action sees it: every call logged; the compile replaced by a copy of
    # SHIPSHAPE_TEST_PREBUILT when that is set, the real cmake otherwise.
    (shim_dir / "cmake").write_text(f"""#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$SHIPSHAPE_TEST_CMAKE_LOG"
if [ "$1" = --build ] && [ -n "${{SHIPSHAPE_TEST_PREBUILT:-}}" ]; then
  cp "$SHIPSHAPE_TEST_PREBUILT" "$2/shipshape"
  exit
fi
exec {real_cmake} "$@"
""")
    (shim_dir / "cmake").chmod(0o755)
    jobs = 0

    def job(workspace, action=action_path, prebuilt_binary=prebuilt, **kw):
        global jobs
        jobs += 1
        # RUNNER_TEMP: one path for every job, as on a runner, emptied when a job starts.
        temp = tmp / "runner" / "_temp"
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        log = tmp / "cmake-logs" / f"{jobs}.log"
        log.parent.mkdir(exist_ok=True)
        env = {"SHIPSHAPE_TEST_CMAKE_LOG": str(log), "SHIPSHAPE_TEST_PREBUILT": prebuilt_binary}
        kw.setdefault("github", {}).setdefault("action_ref", "v1")
        return Job(action / "action.yml", action, workspace, temp, cache, path_prefix=str(shim_dir),
                   extra_env=env, **kw).run()

    # Run scripts take the workflow's values through env:, never pasted into the script.
    steps = Job(action_path / "action.yml", action_path, tmp, tmp / "runner" / "_temp", cache).action["runs"]["steps"]
    pasted = [s.get("name") for s in steps if "run" in s and "${{" in s["run"]]
    check("no run: script has ${{ }} in it (inputs reach bash through env:)", not pasted, pasted)

    # ---- The cache key, computed from the action's sources outside the workspace.
    key_action = copy_action(actions / "keys")
    keys_ws = tmp / "work" / "keys"
    keys_ws.mkdir(parents=True)
    check("the action's sources are outside GITHUB_WORKSPACE",
          not str(key_action.resolve()).startswith(str(keys_ws.resolve()) + os.sep))

    def cache_key(ref="v1", workspace=keys_ws):
        def stop(j, step):
            return "stop" if step.get("uses", "").startswith("actions/cache") else None
        j = job(workspace, action=key_action, before_step=stop, github={"action_ref": ref})
        if j.failed or not j.stopped_at:
            return f"<no key: {describe(j)}>"
        return j.expand(j.stopped_at["with"]["key"])

    def edit(rel, text):
        with open(key_action / rel, "a") as f:
            f.write(text)

    k1 = cache_key()
    other_ws = tmp / "work" / "keys2"
    other_ws.mkdir(parents=True)
    check("cache key: the same sources give the same key, whatever the workspace", cache_key(workspace=other_ws) == k1, k1)
    check("cache key: ends in a hash of the action's sources, not an empty suffix",
          bool(re.search(r"[0-9a-f]{40,}$", k1)), k1)
    check("cache key: names the runner's OS", "Linux" in k1, k1)
    edit("src/main.cpp", "\n// a change\n")
    k2 = cache_key()
    check("cache key: changes when a source file changes", k2 != k1, k2)
    edit("rules/SS202-socket-mount.yaml", "\n# a change\n")
    k3 = cache_key()
    check("cache key: changes when a rule changes", k3 != k2, k3)
    edit("CMakeLists.txt", "\n# a change\n")
    k4 = cache_key()
    check("cache key: changes when CMakeLists.txt changes", k4 != k3, k4)
    edit("README.md", "\nA change.\n")
    check("cache key: documentation does not invalidate the build", cache_key() == k4)
    k_v2 = cache_key(ref="v2")
    check("cache key: carries the action's ref when the runner gives it", "v2" in k_v2 and k_v2 != k4, k_v2)
    check("cache key: no ref (composite actions may see none) still gives a full key",
          bool(re.search(r"[0-9a-f]{40,}$", cache_key(ref=""))))

    # ---- First job: a cache miss, the real build, a failing example.
    failing = tmp / "work" / "failing"
    failing.mkdir(parents=True)
    (failing / "compose.yaml").write_text(
        "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n"
        "      - /var/run/docker.sock:/var/run/docker.sock\n")
    j = job(failing)
    stdout, summary = j.stdout, j.summary.read_text()
    restored = cache_calls(j, "restore")
    key = restored[0]["key"] if restored else ""
    check("first job: the build runs" + (" (compile replaced by SHIPSHAPE_ACTION_TEST_BINARY)" if prebuilt else " for real"),
          any(c.startswith("--build") for c in cmake_calls(j)), describe(j))
    check("failing example: the job fails", j.failed)
    check("failing example: the job fails on the findings, not on a step of its own",
          j.outcome("Fail on findings") == "failure", describe(j))
    check("failing example: an annotation on the diff line",
          "::error file=compose.yaml,line=5,col=9,title=SS202 Container runtime socket mounted::" in stdout, describe(j))
    check("failing example: warnings annotate too", "::warning file=compose.yaml,line=2" in stdout)
    check("failing example: the step summary", summary.startswith("## shipshape") and "`socket-mount`" in summary, summary[:300])
    sarif_path = failing / j.outputs.get("sarif-file", "shipshape.sarif")
    sarif = json.loads(sarif_path.read_text()) if sarif_path.exists() else {}
    check("failing example: the SARIF file", sarif.get("version") == "2.1.0" and
          any(r["ruleId"] == "SS202" for r in sarif["runs"][0]["results"]))
    check("failing example: outputs", int(j.outputs.get("findings") or 0) >= 3 and j.outputs.get("sarif-file") == "shipshape.sarif", j.outputs)
    up = uploads(j)
    check("failing example: the SARIF is uploaded", len(up) == 1 and up[0]["sarif_file"] == "shipshape.sarif", j.calls)
    check("cache: the build is saved under the computed key, though the job fails on findings",
          key and key in cache.saves and key in cache.entries, (key, cache.saves))
    cached_files = cache.files(key) if key in cache.entries else None
    check("cache: the entry holds the built binary only, no object files", cached_files == ["shipshape"], cached_files)
    good_binary = tmp / "good-shipshape"
    built = pathlib.Path(j.steps.get("key", {}).get("outputs", {}).get("dir", action_path / "build-action")) / "shipshape"
    if built.exists():
        shutil.copy2(built, good_binary)

    # ---- A cache hit: no build.
    passing = tmp / "work" / "passing"
    passing.mkdir(parents=True)
    (passing / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    deploy: {resources: {limits: {memory: 64M, cpus: '0.5'}}}\n"
        "    healthcheck: {test: [\"CMD\", \"curl\", \"-fsS\", \"http://localhost/\"]}\n")
    saves_before = len(cache.saves)
    j = job(passing, inputs={"upload-sarif": "false"})
    check("passing example: the job passes", not j.failed, describe(j))
    check("passing example: no annotation", "::error" not in j.stdout and "::warning" not in j.stdout, describe(j))
    check("passing example: zero findings", j.outputs.get("findings") == "0", j.outputs)
    check("passing example: no upload when upload-sarif is false", not uploads(j), j.calls)
    check("cache hit: the cached binary is used, cmake does not run", not cmake_calls(j), cmake_calls(j))
    check("cache hit: nothing is saved again", len(cache.saves) == saves_before, cache.saves[saves_before:])

    # A team adopting the action on existing findings: the first run's JSON as the baseline.
    if good_binary.exists():
        subprocess.run([str(good_binary), "lint", "--write-baseline", str(tmp / "baseline.json"),
                        "--format", "json", "."], cwd=failing, capture_output=True)
    j = job(failing, inputs={"baseline": str(tmp / "baseline.json")})
    check("baseline: known findings do not fail the job", not j.failed and j.outputs.get("findings") == "0", describe(j))

    # ---- paths: one per line, spaces inside, nothing evaluated or globbed.
    paths_ws = tmp / "work" / "paths"
    compose("alpha", paths_ws / "dir one" / "compose.yaml")
    compose("beta", paths_ws / "two" / "compose.yaml")
    compose("gamma", paths_ws / "three file.yaml")
    compose("delta", paths_ws / "odd $(touch PWNED) *" / "compose.yaml")
    compose("epsilon", paths_ws / "lone.yaml")
    compose("zeta", paths_ws / "not-listed.yaml")

    def linted(j):
        report = j.temp / "shipshape.json"
        data = json.loads(report.read_text()) if report.exists() else {}
        return ({f["file"] for f in data.get("findings", [])}, [e for e in data.get("errors", [])])

    j = job(paths_ws, inputs={"paths": "  dir one  \n\ntwo/compose.yaml\nthree file.yaml\t\nodd $(touch PWNED) *\n",
                              "upload-sarif": "false", "fail-on": "never"})
    files, errors = linted(j)
    check("multi-line paths: every line is linted, and only those",
          files == {"dir one/compose.yaml", "two/compose.yaml", "three file.yaml", "odd $(touch PWNED) */compose.yaml"},
          (files, describe(j)))
    check("multi-line paths: a path with spaces is one argument (no load error)", not errors and not j.failed, errors)
    check("multi-line paths: nothing is evaluated", not (paths_ws / "PWNED").exists() and
          not any(p.name == "PWNED" for p in paths_ws.rglob("PWNED")))
    check("multi-line paths: annotations name the files with spaces",
          "::warning file=dir one/compose.yaml,line=2" in j.stdout, describe(j))
    j = job(paths_ws, inputs={"paths": "two lone.yaml", "upload-sarif": "false", "fail-on": "never"})
    files, errors = linted(j)
    check("paths: the older space-separated line still works",
          files == {"two/compose.yaml", "lone.yaml"} and not errors, (files, errors))
    j = job(paths_ws, inputs={"paths": "missing.yaml", "upload-sarif": "false"})
    check("paths: a path that does not exist is a load error (exit 2), so reported",
          j.failed and j.steps.get("lint", {}).get("outputs", {}).get("status") == "2"
          and "could not be loaded" in j.stdout, describe(j))

    # ---- The SARIF upload: a fork's pull request, a token without the permission.
    def pull_request(head_repo):
        return {"event_name": "pull_request", "repository": "acme/app",
                "event": {"number": 7, "pull_request": {
                    "head": {"ref": "patch-1", "repo": head_repo},
                    "base": {"ref": "main", "repo": {"full_name": "acme/app", "fork": False}}}}}

    j = job(passing, github=pull_request({"full_name": "mallory/app", "fork": True}), token="read-only")
    summary = j.summary.read_text()
    check("fork pull request: the upload is not attempted", not uploads(j), j.calls)
    check("fork pull request: the summary says why",
          "not uploaded" in summary and "mallory/app" in summary and "read-only" in summary, summary[-600:])
    check("fork pull request: the job does not fail for it", not j.failed, describe(j))
    j = job(passing, github=pull_request(None), token="read-only")
    check("pull request from a deleted fork: no upload, the job passes", not uploads(j) and not j.failed, describe(j))
    j = job(passing, github=pull_request({"full_name": "acme/app", "fork": False}))
    check("pull request from a branch of the repository: the SARIF is uploaded",
          len(uploads(j)) == 1 and not j.failed, describe(j))
    j = job(passing, token="no-security-events")
    summary = j.summary.read_text()
    check("upload refused (a permission missing): the job does not fail for it", not j.failed, describe(j))
    check("upload refused: the summary names the permissions",
          "upload" in summary and "security-events: write" in summary and "actions: read" in summary, summary[-600:])
    check("upload refused: a warning annotation", "::warning" in j.stdout and "SARIF upload" in j.stdout, describe(j))

    # ---- A failed build: configure stops at once (the real cmake on a broken CMakeLists.txt).
    broken = copy_action(actions / "broken")
    with open(broken / "CMakeLists.txt", "a") as f:
        f.write('\nmessage(FATAL_ERROR "broken on purpose by the action test")\n')
    saves_before = len(cache.saves)
    j = job(failing, action=broken)
    summary = j.summary.read_text()
    errors = [l for l in j.stdout.splitlines() if l.startswith("::error")]
    check("failed build: the job fails", j.failed)
    check("failed build: no SARIF upload is attempted", not uploads(j), j.calls)
    check("failed build: nothing is saved to the cache", len(cache.saves) == saves_before, cache.saves[saves_before:])
    check("failed build: the error says the build failed",
          any("build failed" in l for l in errors) and "could not be loaded" not in j.stdout, errors or describe(j))
    check("failed build: the summary says the build failed", "build failed" in summary, summary[-400:])

    # ---- The binary missing, or there but unable to run (a shared library gone: exit 127).
    def binary_of(j):
        d = j.steps.get("key", {}).get("outputs", {}).get("dir")
        return pathlib.Path(d) / "shipshape" if d else j.action_path / "build-action" / "shipshape"

    def before_lint(change):
        def hook(j, step):
            if step.get("id") == "lint" or step.get("name") == "Lint":
                change(binary_of(j))
        return hook

    def loader_error(path):
        path.unlink(missing_ok=True)
        path.write_text("#!/bin/sh\necho 'shipshape: error while loading shared libraries: libre2.so.10: "
                        "cannot open shared object file: No such file or directory' >&2\nexit 127\n")
        path.chmod(0o755)

    j = job(failing, before_step=before_lint(lambda p: p.unlink(missing_ok=True)))
    summary = j.summary.read_text()
    check("missing binary: the job fails", j.failed, describe(j))
    check("missing binary: reported as a binary that could not run (127), not as a load error",
          "could not be loaded" not in j.stdout and any("could not run" in l and "127" in l for l in fail_step_lines(j)),
          fail_step_lines(j) or describe(j))
    check("missing binary: the summary says so", "could not run" in summary, summary[-400:])
    check("missing binary: no upload (an earlier run's SARIF is not sent)", not uploads(j), j.calls)
    j = job(failing, before_step=before_lint(loader_error))
    check("binary that cannot load its libraries: reported as such, not as a load error",
          j.failed and "could not be loaded" not in j.stdout
          and any("could not run" in l and "library" in l for l in fail_step_lines(j)), fail_step_lines(j) or describe(j))

    # ---- A cache hit whose binary does not run here (built on another image): built again.
    # The compile is replaced by the binary built above: the build was checked already.
    for entry in cache.entries.values():
        for f in entry[1].rglob("shipshape"):
            if f.is_file():
                loader_error(f)
    j = job(passing, prebuilt_binary=str(good_binary))
    check("cached binary that does not run: built again, and the job passes",
          any(c.startswith("--build") for c in cmake_calls(j)) and not j.failed, describe(j))

finish()
