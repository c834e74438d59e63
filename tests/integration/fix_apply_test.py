#!/usr/bin/env python3
"""Fix suggestions applied for real: for every positive fixture and the demo, the combined
patch from `shipshape lint --fix-suggestions=patch` is applied with `git apply` in a
temporary repository; linting again, the fixed findings are gone, no new finding appears,
everything still loads, and the Compose Specification's JSON Schema accepts each fixed compose file."""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile

from checks import check, finish

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]


def lint(cwd, args):
    r = subprocess.run([binary, "lint", "--format", "json", "--fail-on", "never", *args], cwd=cwd,
                       capture_output=True, text=True)
    return json.loads(r.stdout), r.returncode

def key(f):  # a finding without its position, which edits shift
    msg = re.sub(r"also written at .*", "also written elsewhere", f["message"])
    return (f["ruleId"], f["subject"], re.sub(r"\S+:\d+", "X", msg))

def kind_args(name):
    m = re.match(r"[^.]+\.(compose|k8s|values|inventory)\.", name)
    return ["--kind", m[1]] if m else []

cases = []
for d in sorted((root / "fixtures/rules").iterdir()):
    config = ["--config", "shipshape.yaml"] if (d / "shipshape.yaml").exists() else ["--config", "/dev/null"]
    for p in sorted(d.glob("positive-*")):
        cases.append((f"{d.name}/{p.name}", d, p.name, config))
cases.append(("demo", root / "fixtures/demo", ".", ["--config", ".shipshape.yaml"]))

# The judge of a rewritten compose file is the Compose Specification's JSON Schema, the one
# `docker compose` validates against (Debian's docker-compose 1.29 predates today's format).
# It is read from ../shared/compose-spec/ (or $SHIPSHAPE_COMPOSE_SPEC) when it is there.
spec_path = pathlib.Path(os.environ.get("SHIPSHAPE_COMPOSE_SPEC",
                                        root.parent / "shared/compose-spec/compose-spec.json"))
spec = None
if spec_path.exists():
    import jsonschema
    import yaml
    spec = jsonschema.Draft7Validator(json.loads(spec_path.read_text()))
else:
    print(f"skip: {spec_path} not found; rewritten compose files are not checked against the "
          "Compose Specification's schema")


def spec_errors(text):
    """The schema's complaints about a compose file's text, [] when it is valid."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        return [f"not YAML: {e}"]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in spec.iter_errors(doc)]

fixed_total = checked_by_spec = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, src_dir, target, config in cases:
        work = pathlib.Path(tmp) / name.replace("/", "__")
        shutil.copytree(src_dir, work)
        subprocess.run(["git", "init", "-q"], cwd=work, check=True)
        subprocess.run(["git", "add", "-A"], cwd=work, check=True)
        args = [*config, *kind_args(target), target]
        before, _ = lint(work, args)
        with_fixes, _ = lint(work, ["--fix-suggestions", *args])
        fixable = [f for f in with_fixes["findings"] if "fix" in f]
        if not fixable:
            continue
        patch = subprocess.run([binary, "lint", "--fix-suggestions=patch", *args], cwd=work,
                               capture_output=True, text=True).stdout
        (work / "fixes.patch").write_text(patch)
        r = subprocess.run(["git", "apply", "--check", "fixes.patch"], cwd=work, capture_output=True, text=True)
        if not check(f"{name}: git apply accepts the patch", r.returncode == 0, r.stderr.strip()):
            print(patch)
            continue
        subprocess.run(["git", "apply", "fixes.patch"], cwd=work, check=True)
        (work / "fixes.patch").unlink()
        after, _ = lint(work, args)
        check(f"{name}: still loads", not after["errors"], after["errors"][:1])
        remaining = {key(f) for f in after["findings"]}
        gone = [f for f in fixable if key(f) not in remaining]
        fixed_total += len(gone)
        check(f"{name}: the {len(fixable)} fixed findings are gone", len(gone) == len(fixable),
              [key(f) for f in fixable if key(f) in remaining][:3])
        new = sorted(remaining - {key(f) for f in before["findings"]})
        check(f"{name}: no new finding", not new, new[:3])
        if spec:
            changed = set(re.findall(r"^\+\+\+ b/(.+)$", patch, re.M))
            for f in sorted(work.rglob("*.y*ml")):
                rel = str(f.relative_to(work))
                if rel not in changed:
                    continue
                text = f.read_text()
                if not re.search(r"^services:", text, re.M) or "apiVersion:" in text:
                    continue
                # A file already invalid before the fix proves nothing either way.
                if spec_errors((src_dir / rel).read_text()):
                    continue
                errors = spec_errors(text)
                check(f"{name}: the Compose Specification's schema accepts {rel}", not errors, errors[:3])
                checked_by_spec += 1

check("some fixes were applied at all", fixed_total > 20, f"only {fixed_total}")
if spec:
    check("rewritten compose files were checked against the schema", checked_by_spec > 10,
          f"only {checked_by_spec}")
finish()
