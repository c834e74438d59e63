#!/usr/bin/env python3
"""A fix never leaves a secret behind: a secret written as a block scalar (`|`, `|-`, `>`),
a double- or single-quoted scalar over several lines, a plain scalar continued on the next
lines, or inside a flow mapping, in compose and in a Kubernetes manifest, is replaced whole
by the SS101 fix. For each variant the patch from `--fix-suggestions=patch` is applied with
`git apply`, the file is linted again (it loads, SS101 is gone) and no piece of the secret is
left in it."""
import json, pathlib, subprocess, sys, tempfile

from checks import check, finish

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]

KEY_BODY = ["MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAx7Rk2Lm9Np4Qs8Tv",
            "Wz3Yb6Cd1Fg5Hj8Kl2Mn7Pq4Rs9Tu3Vw6Xy1Za5Bc8De2Fg7Hi4Jk9Lm3No6Pq1"]
PIECES = KEY_BODY + ["Fo9Lk2Mn8Bv", "Qw8Er7Ty6Ui5", "Op4As3Df2Gh", "Zx1Cv2Bn3Mq", "Wr5Ty6Ui7Op"]

compose_values = {
    "block": "|\n        -----BEGIN PRIVATE KEY-----\n        " + "\n        ".join(KEY_BODY) +
             "\n        -----END PRIVATE KEY-----\n",
    "block-strip": "|-\n        " + "\n        ".join(KEY_BODY) + "\n",
    "folded": ">\n        Fo9Lk2Mn8Bv\n        Qw8Er7Ty6Ui5\n\n        Op4As3Df2Gh\n",
    "double-quoted": "\"Fo9Lk2Mn8Bv\n        Qw8Er7Ty6Ui5\"\n",
    "single-quoted": "'Zx1Cv2Bn3Mq\n        Wr5Ty6Ui7Op'\n",
    "plain": "Op4As3Df2Gh\n        Zx1Cv2Bn3Mq\n",
}


def compose_file(value):
    return ("services:\n  api:\n    image: example/api:1.4\n    environment:\n"
            "      LOG_LEVEL: info\n      JWT_PRIVATE_KEY: " + value + "      APP_PORT: \"8080\"\n")


def k8s_file(value):
    indented = value.replace("\n        ", "\n              ")
    return ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  containers:\n"
            "    - name: api\n      image: example/api:1.4\n      env:\n"
            "        - name: JWT_PRIVATE_KEY\n          value: " + indented +
            "        - name: LOG_LEVEL\n          value: info\n")


def lint(cwd, args):
    r = subprocess.run([binary, "lint", "--format", "json", "--fail-on", "never", "--config", "/dev/null", *args],
                       cwd=cwd, capture_output=True, text=True)
    return json.loads(r.stdout)


cases = [(f"compose {k}", "compose.yaml", compose_file(v)) for k, v in compose_values.items()]
cases += [(f"k8s {k}", "pod.yaml", k8s_file(v)) for k, v in compose_values.items()]
cases.append(("compose flow mapping", "compose.yaml",
              "services:\n  api:\n    image: example/api:1.4\n"
              "    environment: {JWT_SECRET: Fo9Lk2Mn8BvQw8Er7Ty6Ui5, LOG_LEVEL: info}\n"))

with tempfile.TemporaryDirectory() as tmp:
    for name, file_name, text in cases:
        work = pathlib.Path(tmp) / name.replace(" ", "_")
        work.mkdir()
        (work / file_name).write_text(text)
        subprocess.run(["git", "init", "-q"], cwd=work, check=True)
        before = lint(work, [file_name])
        if not check(f"{name}: loads and SS101 fires", not before["errors"] and
                     any(f["ruleId"] == "SS101" for f in before["findings"]), before):
            continue
        patch = subprocess.run([binary, "lint", "--config", "/dev/null", "--fix-suggestions=patch", file_name],
                               cwd=work, capture_output=True, text=True).stdout
        (work / "fixes.patch").write_text(patch)
        r = subprocess.run(["git", "apply", "fixes.patch"], cwd=work, capture_output=True, text=True)
        if not check(f"{name}: git apply accepts the patch", r.returncode == 0, r.stderr.strip() + "\n" + patch):
            continue
        fixed = (work / file_name).read_text()
        left = [p for p in PIECES if p[:10] in fixed]
        check(f"{name}: no piece of the secret is left in the file", not left, f"{left} in:\n{fixed}")
        after = lint(work, [file_name])
        check(f"{name}: still loads", not after["errors"], after["errors"][:1])
        check(f"{name}: SS101 is gone", not any(f["ruleId"] == "SS101" for f in after["findings"]),
              [f["message"] for f in after["findings"] if f["ruleId"] == "SS101"])
        check(f"{name}: the other keys are kept", "LOG_LEVEL" in fixed, fixed)
finish()
