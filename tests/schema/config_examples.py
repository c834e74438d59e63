#!/usr/bin/env python3
"""Validates every YAML example in docs/configuration.md and fixtures' configs against
schemas/shipshape-config.schema.json with a real JSON Schema validator, checks that the schema
rejects a few bad configs, and that shipshape itself accepts each example."""
import json, pathlib, re, subprocess, sys, tempfile

import jsonschema
import yaml

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]
schema = json.loads((root / "schemas/shipshape-config.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)

examples = re.findall(r"```yaml\n(.*?)```", (root / "docs/configuration.md").read_text(), re.S)
configs = [(f"docs/configuration.md example {i + 1}", e) for i, e in enumerate(examples)]
for p in sorted(root.glob("fixtures/**/shipshape.yaml")) + sorted(root.glob("fixtures/**/.shipshape.yaml")):
    configs.append((str(p.relative_to(root)), p.read_text()))

failures = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, text in configs:
        data = yaml.safe_load(text)
        errors = sorted(validator.iter_errors(data), key=str)
        if errors:
            failures += 1
            print(f"FAIL {name}: schema: {errors[0].message}")
            continue
        cfg = pathlib.Path(tmp) / "c.yaml"
        cfg.write_text(text)
        r = subprocess.run([binary, "lint", "--config", str(cfg), "--fail-on", "never", tmp],
                           capture_output=True, text=True)
        if r.returncode != 0:
            failures += 1
            print(f"FAIL {name}: shipshape: {r.stderr.strip()}")
            continue
        print(f"ok   {name}")

bad = [{"rulez": {}}, {"rules": {"SS999": "off"}}, {"waivers": [{"rule": "SS201"}]},
       {"network_tiers": [{"networks": ["x"]}]}, {"waivers": [{"rule": "SS201", "reason": "r", "expires": "soon"}]},
       {"limits": {"max_depth": 0}}, {"limits": {"max_file_mb": 1e6}}, {"limits": {"max_nodes": 5}}]
for b in bad:
    if validator.is_valid(b):
        failures += 1
        print(f"FAIL schema accepts a bad config: {b}")
    else:
        print(f"ok   schema rejects {json.dumps(b)}")

total = len(configs) + len(bad)
print(f"{total - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
