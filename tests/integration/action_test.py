#!/usr/bin/env python3
"""Runs action.yml for real: parses it, runs its `run:` steps in order with bash and a
simulated GITHUB_* environment (outputs, step summary, action path, runner temp), stubs the
`uses:` steps (recording their inputs), and checks annotations, step summary, SARIF, outputs
and the job's status on a failing and a passing example."""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile
import yaml

from checks import check, finish

root = pathlib.Path(sys.argv[1])
action = yaml.safe_load((root / "action.yml").read_text())


def evaluate(expr, ctx):
    """The small part of GitHub's expression language action.yml uses."""
    expr = expr.strip()
    if "&&" in expr:
        return all(evaluate(p, ctx) for p in expr.split("&&"))
    if "==" in expr:
        a, b = (evaluate(p, ctx) for p in expr.split("=="))
        return str(a) == str(b)
    if expr == "always()":
        return True
    if expr.startswith("'") and expr.endswith("'"):
        return expr[1:-1]
    if expr.startswith("inputs."):
        return ctx["inputs"][expr[len("inputs."):]]
    m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
    if m:
        return ctx["steps"].get(m[1], {}).get(m[2], "")
    if expr == "github.action_path":
        return ctx["action_path"]
    if expr == "runner.os":
        return "Linux"
    if expr.startswith("hashFiles("):
        return "stubbed-hash"
    raise ValueError(f"unsupported expression: {expr}")

def expand(text, ctx):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m[1], ctx)), str(text))

def parse_outputs(path):
    out = {}
    lines = pathlib.Path(path).read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.fullmatch(r"([\w-]+)<<(\S+)", line)
        if m:
            end = lines.index(m[2], i + 1)
            out[m[1]] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
        i += 1
    return out

def run_action(action_path, workspace, inputs, tmp):
    ctx = {"inputs": {k: v.get("default", "") for k, v in action["inputs"].items()},
           "steps": {}, "action_path": str(action_path)}
    ctx["inputs"].update(inputs)
    summary = tmp / "summary.md"
    summary.write_text("")
    stdout, uses, job_failed = "", [], False
    for step in action["runs"]["steps"]:
        if "if" in step and not evaluate(re.sub(r"^\$\{\{|\}\}$", "", step["if"]), ctx):
            continue
        if "uses" in step:
            uses.append((step["uses"], {k: expand(v, ctx) for k, v in step.get("with", {}).items()}))
            continue
        outputs = tmp / f"output-{len(ctx['steps'])}"
        outputs.write_text("")
        env = dict(os.environ, GITHUB_ACTION_PATH=str(action_path), GITHUB_OUTPUT=str(outputs),
                   GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(workspace),
                   RUNNER_TEMP=str(tmp), RUNNER_OS="Linux", GITHUB_ACTIONS="true", CI="true")
        env.update({k: expand(v, ctx) for k, v in step.get("env", {}).items()})
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"], ctx)],
                           cwd=workspace, env=env, capture_output=True, text=True)
        stdout += r.stdout
        if "id" in step:
            ctx["steps"][step["id"]] = parse_outputs(outputs)
        if r.returncode != 0:
            job_failed = True
            if step.get("name") != "Fail on findings":
                print(r.stdout[-2000:], r.stderr[-2000:])
            break
    outputs = {k: expand(v["value"], ctx) for k, v in action["outputs"].items()}
    return stdout, summary.read_text(), uses, outputs, job_failed

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    # The action runs from its own checkout: a copy of what a user's runner fetches.
    action_path = tmp / "action"
    action_path.mkdir()
    # Every file of the repository that is not ignored (a checkout, uncommitted work included).
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        src = root / rel
        if src.is_file():
            (action_path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, action_path / rel)

    failing = tmp / "failing"
    failing.mkdir()
    (failing / "compose.yaml").write_text(
        "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n"
        "      - /var/run/docker.sock:/var/run/docker.sock\n")
    out_dir = tmp / "run1"; out_dir.mkdir()
    stdout, summary, uses, outputs, job_failed = run_action(action_path, failing, {}, out_dir)
    check("failing example: the job fails", job_failed)
    check("failing example: an annotation on the diff line",
          "::error file=compose.yaml,line=5,col=9,title=SS202 Container runtime socket mounted::" in stdout, stdout[-500:])
    check("failing example: warnings annotate too", "::warning file=compose.yaml,line=2" in stdout)
    check("failing example: the step summary", summary.startswith("## shipshape") and "`socket-mount`" in summary, summary[:300])
    sarif_path = failing / outputs["sarif-file"]
    sarif = json.loads(sarif_path.read_text()) if sarif_path.exists() else {}
    check("failing example: the SARIF file", sarif.get("version") == "2.1.0" and
          any(r["ruleId"] == "SS202" for r in sarif["runs"][0]["results"]))
    check("failing example: outputs", int(outputs["findings"]) >= 3 and outputs["sarif-file"] == "shipshape.sarif", outputs)
    upload = [w for u, w in uses if u.startswith("github/codeql-action/upload-sarif")]
    check("failing example: the SARIF is uploaded", upload and upload[0]["sarif_file"] == "shipshape.sarif", uses)

    passing = tmp / "passing"
    passing.mkdir()
    (passing / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    deploy: {resources: {limits: {memory: 64M, cpus: '0.5'}}}\n"
        "    healthcheck: {test: [\"CMD\", \"curl\", \"-fsS\", \"http://localhost/\"]}\n")
    out_dir = tmp / "run2"; out_dir.mkdir()
    stdout, summary, uses, outputs, job_failed = run_action(action_path, passing, {"upload-sarif": "false"}, out_dir)
    check("passing example: the job passes", not job_failed, stdout[-500:])
    check("passing example: no annotation", "::error" not in stdout and "::warning" not in stdout, stdout[-500:])
    check("passing example: zero findings", outputs["findings"] == "0", outputs)
    check("passing example: no upload when upload-sarif is false", not any("upload-sarif" in u for u, _ in uses), uses)

    # A team adopting the action on existing findings: the first run's JSON as the baseline.
    out_dir = tmp / "run3"; out_dir.mkdir()
    subprocess.run([str(action_path / "build-action/shipshape"), "lint", "--write-baseline",
                    str(tmp / "baseline.json"), "--format", "json", "."], cwd=failing, capture_output=True)
    stdout, summary, uses, outputs, job_failed = run_action(
        action_path, failing, {"baseline": str(tmp / "baseline.json")}, out_dir)
    check("baseline: known findings do not fail the job", not job_failed and outputs["findings"] == "0", outputs)

finish()
