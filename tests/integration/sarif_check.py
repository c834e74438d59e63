#!/usr/bin/env python3
"""Validates SARIF produced by shipshape against the official SARIF 2.1.0 schema (from the
npm package @microsoft/sarif-multitool-linux, installed by ci/setup.sh --test) with a real
JSON Schema validator, and runs the official multitool with GitHub's rules on the demo's
SARIF, which must report no error and no warning. The multitool exits 0 even when it reports
problems, so its output is read."""
import json, os, pathlib, re, subprocess, sys, tempfile
import jsonschema

from checks import check, finish

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]
pkg = root / ".cache/sarif/node_modules/@microsoft/sarif-multitool-linux"
schema_path = pkg / "sarif-2.1.0.json"
multitool = pkg / "Sarif.Multitool"
if not schema_path.exists() or not multitool.exists():
    check("the SARIF multitool is installed", False, f"run ci/setup.sh --test ({pkg})")
    finish()
schema = json.loads(schema_path.read_text())
Validator = jsonschema.validators.validator_for(schema)
Validator.check_schema(schema)
validator = Validator(schema)


def sarif_of(args, cwd=root, stdin=None):
    r = subprocess.run([binary, "lint", "--format", "sarif", *args], cwd=cwd, input=stdin,
                       capture_output=True, text=True)
    if r.returncode not in (0, 1, 2):
        raise RuntimeError(f"shipshape exited {r.returncode}: {r.stderr}")
    return r.stdout

def validate(name, text):
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        check(name, False, f"not JSON: {e}")
        return None
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    check(name, not errors, errors[0].message if errors else "")
    return doc

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    cases = [("demo", ["--config", "fixtures/demo/.shipshape.yaml", "fixtures/demo"], None)]
    for d in sorted((root / "fixtures/rules").iterdir()):
        cases.append((f"fixtures/rules/{d.name}", ["--config", "/dev/null", str(d.relative_to(root))], None))
    (tmp / "bad").mkdir()
    (tmp / "bad/compose.yaml").write_text("services:\n  a: [\n")
    (tmp / "bad/blob.yaml").write_bytes(b"a: 1\n\x00\x01")
    cases.append(("broken inputs", ["--config", "/dev/null", str(tmp / "bad")], None))
    rendered = "---\n# Source: c/templates/p.yaml\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n" \
               "spec:\n  containers:\n    - {name: c, image: x, securityContext: {privileged: true}}\n"
    cases.append(("rendered Helm on stdin", ["--config", "/dev/null", "-"], rendered))
    for name, args, stdin in cases:
        doc = validate(f"schema: {name}", sarif_of(args, stdin=stdin))
        if name == "demo" and doc is not None:
            demo = tmp / "demo.sarif"
            demo.write_text(json.dumps(doc))
            run = doc["runs"][0]
            check("demo: results carry fingerprints and rule indexes",
                  all("shipshape/v1" in r["partialFingerprints"] and
                      run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]))
            check("demo: suppressions carry their reasons",
                  any(s.get("justification") for r in run["results"] for s in r.get("suppressions", [])))
            check("demo: duplicated credentials have related locations",
                  any(r.get("relatedLocations") for r in run["results"] if r["ruleId"] == "SS103"))
    validate("schema: tests/golden/expected.sarif", (root / "tests/golden/expected.sarif").read_text())

    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
    r = subprocess.run([str(multitool), "validate", "--rule-kind", "Sarif;Gh", str(tmp / "demo.sarif")],
                       capture_output=True, text=True, env=env)
    out = r.stdout + r.stderr
    print(out.strip())
    problems = [l for l in out.splitlines() if re.search(r":\s*(error|warning)\s+[A-Z]+\d+", l)]
    check("multitool validate --rule-kind Sarif;Gh on the demo", r.returncode == 0 and not problems
          and "Analysis completed successfully" in out, "; ".join(problems) or f"exit {r.returncode}")

    # The check above must be able to fail: a SARIF with a relative helpUri and no region.
    bad = json.loads((tmp / "demo.sarif").read_text())
    bad["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "docs/x.md"
    (tmp / "bad.sarif").write_text(json.dumps(bad))
    r = subprocess.run([str(multitool), "validate", "--rule-kind", "Sarif;Gh", str(tmp / "bad.sarif")],
                       capture_output=True, text=True, env=env)
    check("multitool flags a broken SARIF", "SARIF1005" in r.stdout + r.stderr, "no SARIF1005 reported")

finish()
