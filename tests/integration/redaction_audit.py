#!/usr/bin/env python3
"""Redaction audit: every fixture linted in every output shipshape has (text, json, sarif,
github annotations and step summary, fix suggestions in text/JSON/SARIF, the baseline file,
the compliance report as HTML, Markdown and JSON, and stderr throughout), and no secret value
from the fixtures may appear in any of them, whole or as a 10-character piece.

The secrets are taken from the fixtures themselves, not from shipshape: every line anchored
with `# expect: SS101/SS102/SS103` (and the block a `|` on such a line opens), and every line
whose key names a password, secret, token or key (the demo and golden inputs have no anchors),
is split into tokens, and each token of 8 characters or more with a letter and a digit counts
as a secret (base64 values count decoded too). Words without digits (key names, `admin`) are left out:
they appear in messages by design, and public default passwords are not secrets.

The one exemption is `--fix-suggestions=patch`: a patch for `git apply` must carry the lines
it removes and its context lines as they are. Its added lines are audited: a fix must never
write a secret anywhere."""
import base64, binascii, json, os, pathlib, re, subprocess, sys, tempfile

from checks import check, finish

root = pathlib.Path(sys.argv[1])
binary = sys.argv[2]
WINDOW = 10
ANCHOR = re.compile(r"\s#\s*expect:.*\bSS10[123]\b")
SECRET_KEY = re.compile(r"^\s*(-\s+)?[\w.-]*(pass|secret|token|key|credential)[\w.-]*\s*[:=]", re.I)


def tokens_of(text):
    for t in re.split(r"[\s\"'`,\[\]{}()=:@/]+", text):
        t = t.strip("-.;")
        if len(t) >= 8 and re.search(r"[A-Za-z]", t) and re.search(r"\d", t):
            yield t


def decoded(token):
    try:
        raw = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return raw if raw.isprintable() else None


def secrets_in(path):
    lines = path.read_text(errors="replace").splitlines()
    found = set()
    for i, line in enumerate(lines):
        m = ANCHOR.search(line)
        if not m and not SECRET_KEY.search(line):
            continue
        body = line[: m.start()] if m else line.split(" #")[0]
        # The value: after "key:" (YAML) or "KEY=" (env files, INI, list-form environment).
        value = re.sub(r"^\s*(-\s+)?[^\s:=]+\s*[:=]\s?", "", body, count=1)
        block = []
        if value.strip().startswith(("|", ">")):
            indent = len(line) - len(line.lstrip())
            for nxt in lines[i + 1:]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                block.append(nxt)
        for t in tokens_of(" ".join([value, *block])):
            if "BEGIN" in t or "PRIVATE" in t:
                continue
            found.add(t)
            if (d := decoded(t)) is not None:
                found.update(tokens_of(d) or [])
                if len(d) >= 8:
                    found.add(d)
    return found


B64_RUN = re.compile(r"[A-Za-z0-9+/]{8,}")


def decodings(text):
    """Every base64-looking run in `text` decoded at each of the four alignments: a secret
    may be printed encoded, at any offset of a longer value."""
    out = []
    for m in B64_RUN.finditer(text):
        run = m.group(0)
        for k in range(4):
            piece = run[k:]
            piece = piece[: len(piece) - len(piece) % 4]
            if len(piece) < 8:
                continue
            try:
                out.append(base64.b64decode(piece, validate=True).decode("latin-1"))
            except (binascii.Error, ValueError):
                pass
    return "\n".join(out)


def leaks(text, secrets):
    return plain_leaks(text, secrets) + [f"{l} (base64-decoded)" for l in plain_leaks(decodings(text), secrets)]


def plain_leaks(text, secrets):
    out = []
    for s in secrets:
        size = min(WINDOW, len(s))
        for k in range(len(s) - size + 1):
            if s[k:k + size] in text:
                out.append(f"{s[:3]}… ({s[k:k + size][:3]}… at {text.find(s[k:k + size])})")
                break
    return out


def run(cwd, args, env=None):
    r = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, env=env)
    return r.stdout + "\n" + r.stderr


cases = []
for d in sorted((root / "fixtures/rules").iterdir()):
    config = "shipshape.yaml" if (d / "shipshape.yaml").exists() else "/dev/null"
    for p in sorted(d.glob("positive-*")) + sorted(d.glob("negative-*")):
        m = re.match(r"[^.]+\.(compose|k8s|values|inventory)\.", p.name)
        cases.append((f"{d.name}/{p.name}", d, p.name, config, ["--kind", m[1]] if m else []))
cases.append(("demo", root / "fixtures/demo", ".", ".shipshape.yaml", []))
cases.append(("golden", root / "tests/golden/input", ".", "/dev/null", []))

total_secrets = set()
with tempfile.TemporaryDirectory() as tmp:
    for name, cwd, target, config, kind in cases:
        target_path = cwd / target
        files = [target_path] if target_path.is_file() else [p for p in target_path.rglob("*") if p.is_file()]
        secrets = set().union(*(secrets_in(f) for f in files))
        if not secrets:
            continue
        total_secrets |= secrets
        base = ["--config", config, *kind, target]
        summary = pathlib.Path(tmp) / "summary.md"
        summary.write_text("")
        baseline = pathlib.Path(tmp) / "baseline.json"
        env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), NO_COLOR="1")
        outputs = {
            "text": run(cwd, ["lint", "--show-suppressed", *base]),
            "json": run(cwd, ["lint", "--format", "json", *base]),
            "sarif": run(cwd, ["lint", "--format", "sarif", *base]),
            "github": run(cwd, ["lint", "--format", "github", *base], env),
            "fix suggestions (text)": run(cwd, ["lint", "--fix-suggestions", *base]),
            "fix suggestions (json)": run(cwd, ["lint", "--fix-suggestions", "--format", "json", *base]),
            "fix suggestions (sarif)": run(cwd, ["lint", "--fix-suggestions", "--format", "sarif", *base]),
            "report html": run(cwd, ["report", "--format", "html", *base]),
            "report markdown": run(cwd, ["report", "--format", "markdown", *base]),
            "report json": run(cwd, ["report", "--format", "json", *base]),
        }
        run(cwd, ["lint", "--write-baseline", str(baseline), *base])
        outputs["baseline file"] = baseline.read_text() if baseline.exists() else ""
        outputs["github step summary"] = summary.read_text()
        patch = run(cwd, ["lint", "--fix-suggestions=patch", *base])
        outputs["patch (added lines)"] = "\n".join(
            l for l in patch.splitlines() if l.startswith("+") and not l.startswith("+++"))
        for what, text in outputs.items():
            found = leaks(text, secrets)
            check(f"{name}: {what}", not found, ", ".join(found))

# The audit must be able to fail: its own secret list is not empty, and a leak is caught.
check("the fixtures hold secrets to audit", len(total_secrets) >= 30, f"only {len(total_secrets)}")
probe = sorted(total_secrets)[0] if total_secrets else "x"
check("a leaked piece is detected", bool(leaks(f"... {probe[2:2 + WINDOW]} ...", {probe})))
# ... and one printed in base64 at an offset of a longer value.
encoded = base64.b64encode(f"xy{probe}\n".encode()).decode()
check("a leaked piece in base64 is detected", bool(leaks(f"... {encoded[4:]} ...", {probe})))
print(f"{len(total_secrets)} secret values audited")
finish()
