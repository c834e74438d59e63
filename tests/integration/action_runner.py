"""A small stand-in for the GitHub runner, enough to run a composite action.yml for real.

`run:` steps run in bash exactly as the runner runs them (`bash --noprofile --norc -eo
pipefail`), with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH, RUNNER_TEMP and the
rest; `if:` conditions, `env:` and `with:` go through an evaluator of GitHub's expression
language (the operators, literals, contexts and functions an action uses; anything else is an
error, so the test never guesses). `uses:` steps cannot run here: each known action has a model
of what it does that the tests care about:

- actions/cache, actions/cache/restore, actions/cache/save: a cache store shared by the jobs of a
  test, entries looked up by exact key and by path (the cache's version), restored by copying;
  actions/cache's post step saves only when the job succeeded, as the real one does.
- github/codeql-action/upload-sarif: recorded; fails when the SARIF file is missing, when the
  token is read-only (a fork's pull request) or when the job's token lacks the permission.

hashFiles() is GitHub's: only files under GITHUB_WORKSPACE count ("Ignore ... since it is not
under GITHUB_WORKSPACE"), and no file gives ''."""
import glob, hashlib, json, os, pathlib, re, shutil, subprocess

import yaml


class ExpressionError(ValueError):
    pass


TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||<=|>=|[!<>(),.\[\]*])"
                   r"|(?P<name>[A-Za-z_][\w-]*))")


def tokenize(text):
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExpressionError(f"cannot read {text[pos:]!r} in {text!r}")
        kind = m.lastgroup
        tokens.append((kind, m[kind]))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


def truthy(v):
    if v is None or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v != 0
    if isinstance(v, str):
        return v != ""
    return True


def as_string(v):
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def equal(a, b):
    # GitHub compares strings ignoring case; values of different types compare as numbers.
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b):
        return a == b
    def number(v):
        if v is None or v == "":
            return 0.0
        if isinstance(v, bool):
            return 1.0 if v else 0.0
        try:
            return float(v)
        except (TypeError, ValueError):
            return float("nan")
    return number(a) == number(b)


class Evaluator:
    def __init__(self, contexts, functions):
        self.contexts = contexts
        self.functions = functions

    def __call__(self, text):
        self.tokens, self.i = tokenize(text), 0
        value = self.or_()
        if self.i != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.i][1]!r} in {text!r}")
        return value

    def peek(self):
        return self.tokens[self.i][1] if self.i < len(self.tokens) else None

    def take(self, expected=None):
        kind, value = self.tokens[self.i]
        if expected is not None and value != expected:
            raise ExpressionError(f"expected {expected!r}, got {value!r}")
        self.i += 1
        return kind, value

    def or_(self):
        left = self.and_()
        while self.peek() == "||":
            self.take()
            right = self.and_()
            left = left if truthy(left) else right
        return left

    def and_(self):
        left = self.compare()
        while self.peek() == "&&":
            self.take()
            right = self.compare()
            left = right if truthy(left) else left
        return left

    def compare(self):
        left = self.unary()
        while self.peek() in ("==", "!="):
            op = self.take()[1]
            right = self.unary()
            left = equal(left, right) if op == "==" else not equal(left, right)
        return left

    def unary(self):
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if value == "(":
            v = self.or_()
            self.take(")")
            return v
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if kind == "num":
            return float(value)
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r}")
        if value in ("true", "false"):
            return value == "true"
        if value == "null":
            return None
        if self.peek() == "(":
            self.take("(")
            args = []
            while self.peek() != ")":
                args.append(self.or_())
                if self.peek() == ",":
                    self.take()
            self.take(")")
            if value not in self.functions:
                raise ExpressionError(f"unsupported function {value}()")
            return self.functions[value](*args)
        if value not in self.contexts:
            raise ExpressionError(f"unknown context {value!r}")
        v = self.contexts[value]
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                name = self.take()[1]
            else:
                name = as_string(self.or_())
                self.take("]")
            v = v.get(name) if isinstance(v, dict) else None
        return v


STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")


class Job:
    """One job that uses the action once. `github` holds the github context's values that
    differ between tests (event_name, repository, event payload, action_ref); `token` is
    'write', 'read-only' (a fork's pull request) or 'no-security-events'."""

    def __init__(self, action_file, action_path, workspace, temp, cache, *, inputs=None,
                 github=None, token="write", path_prefix=None, before_step=None, extra_env=None):
        self.action = yaml.safe_load(pathlib.Path(action_file).read_text())
        self.action_path = pathlib.Path(action_path)
        self.workspace = pathlib.Path(workspace)
        self.temp = pathlib.Path(temp)
        self.cache = cache
        self.token = token
        self.path_prefix = path_prefix
        self.before_step = before_step
        self.extra_env = extra_env or {}
        self.inputs = {k: str(v.get("default", "")) for k, v in self.action.get("inputs", {}).items()}
        self.inputs.update(inputs or {})
        github = dict(github or {})
        event = github.pop("event", {"ref": "refs/heads/main"})
        self.temp.mkdir(parents=True, exist_ok=True)
        self.event_path = self.temp / "event.json"
        self.event_path.write_text(json.dumps(event))
        self.github = {"action_path": str(self.action_path), "action_ref": "", "workspace": str(self.workspace),
                       "event_name": "push", "repository": "acme/app", "event": event, "token": "***"}
        self.github.update(github)
        self.steps = {}           # id -> {outputs, outcome, conclusion}
        self.log = []             # (step name, outcome) in order; 'skipped' when its if: was false
        self.calls = []           # (uses, with) of each uses: step that ran
        self.stdout = ""
        self.failed = False
        self.stopped_at = None
        self.post = []
        self.summary = self.temp / "step-summary.md"
        self.summary.write_text("")

    # GitHub's hashFiles(): files under GITHUB_WORKSPACE only.
    def hash_files(self, *patterns):
        root = os.path.realpath(self.workspace)
        files = set()
        for pattern in patterns:
            full = pattern if os.path.isabs(pattern) else os.path.join(self.workspace, pattern)
            for f in glob.glob(full, recursive=True):
                real = os.path.realpath(f)
                if os.path.isfile(real) and real.startswith(root + os.sep):
                    files.add(real)
        if not files:
            return ""
        total = hashlib.sha256()
        for f in sorted(files):
            total.update(hashlib.sha256(pathlib.Path(f).read_bytes()).digest())
        return total.hexdigest()

    def evaluator(self, *, in_run=False):
        github = dict(self.github)
        if in_run:
            # Composite run: scripts see github.action_ref empty (actions/runner#2473).
            github["action_ref"] = ""
        contexts = {"inputs": self.inputs, "github": github,
                    "steps": {k: dict(v) for k, v in self.steps.items()},
                    "runner": {"os": "Linux", "arch": "X64", "temp": str(self.temp)},
                    "env": {}, "job": {"status": "failure" if self.failed else "success"}}
        functions = {
            "success": lambda: not self.failed, "failure": lambda: self.failed,
            "always": lambda: True, "cancelled": lambda: False,
            "format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda m: as_string(a[int(m[1])]), f),
            "contains": lambda s, x: as_string(x).lower() in as_string(s).lower(),
            "startsWith": lambda s, x: as_string(s).lower().startswith(as_string(x).lower()),
            "endsWith": lambda s, x: as_string(s).lower().endswith(as_string(x).lower()),
            "toJSON": lambda v: json.dumps(v), "fromJSON": lambda s: json.loads(s),
            "hashFiles": self.hash_files,
        }
        return Evaluator(contexts, functions)

    def expand(self, text, **kw):
        ev = self.evaluator(**kw)
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: as_string(ev(m[1])), str(text))

    def condition(self, text):
        text = str(text).strip()
        m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
        if m:
            text = m[1]
        if not any(re.search(rf"\b{f}\s*\(", text) for f in STATUS_FUNCTIONS):
            text = f"success() && ({text})"
        return truthy(self.evaluator()(text))

    def run(self):
        for index, step in enumerate(self.action["runs"]["steps"]):
            name = step.get("name") or step.get("uses") or f"step {index}"
            if not self.condition(step.get("if", "success()")):
                self.log.append((name, "skipped"))
                if "id" in step:
                    self.steps[step["id"]] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                continue
            if self.before_step and self.before_step(self, step) == "stop":
                self.stopped_at = step
                break
            if "uses" in step:
                ok, outputs = self.uses(step)
            else:
                ok, outputs = self.run_step(step, index)
            outcome = "success" if ok else "failure"
            continue_on_error = step.get("continue-on-error", False)
            if isinstance(continue_on_error, str):
                continue_on_error = self.expand(continue_on_error).strip().lower() == "true"
            conclusion = "success" if ok or continue_on_error else "failure"
            if "id" in step:
                self.steps[step["id"]] = {"outputs": outputs, "outcome": outcome, "conclusion": conclusion}
            self.log.append((name, outcome))
            if conclusion == "failure":
                self.failed = True
        for name, fn in reversed(self.post):
            fn()
            self.log.append((name, "post"))
        self.outputs = {k: self.expand(v["value"]) for k, v in self.action.get("outputs", {}).items()}
        return self

    def env(self, outputs_file):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "INPUT_"))}
        env.update(GITHUB_ACTION_PATH=str(self.action_path), GITHUB_OUTPUT=str(outputs_file),
                   GITHUB_STEP_SUMMARY=str(self.summary), GITHUB_WORKSPACE=str(self.workspace),
                   GITHUB_EVENT_PATH=str(self.event_path), GITHUB_EVENT_NAME=self.github["event_name"],
                   GITHUB_REPOSITORY=self.github["repository"], GITHUB_ACTION_REF="",
                   GITHUB_ACTION_REPOSITORY="", RUNNER_TEMP=str(self.temp), RUNNER_OS="Linux",
                   RUNNER_ARCH="X64", GITHUB_ACTIONS="true", CI="true")
        if self.path_prefix:
            env["PATH"] = f"{self.path_prefix}:{env.get('PATH', '')}"
        env.update(self.extra_env)
        return env

    def run_step(self, step, index):
        outputs_file = self.temp / f"output-{index}"
        outputs_file.write_text("")
        env = self.env(outputs_file)
        env.update({k: self.expand(v) for k, v in (step.get("env") or {}).items()})
        script = self.expand(step["run"], in_run=True)
        assert step.get("shell") == "bash", f"{step.get('name')}: only shell: bash is run here"
        cwd = self.workspace / self.expand(step.get("working-directory", "."))
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                           cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.stdout += r.stdout
        return r.returncode == 0, parse_outputs(outputs_file)

    # uses: steps
    def uses(self, step):
        uses = step["uses"]
        with_ = {k: self.expand(v) for k, v in (step.get("with") or {}).items()}
        self.calls.append((uses, with_))
        action, _, _ref = uses.partition("@")
        if action in ("actions/cache", "actions/cache/restore"):
            hit = self.cache.restore(with_["key"], self.cache_paths(with_))
            outputs = {"cache-hit": "true" if hit else "false", "cache-primary-key": with_["key"],
                       "cache-matched-key": with_["key"] if hit else ""}
            if action == "actions/cache" and not hit:
                # The post step: post-if is success(); saves what the path holds at the end.
                self.post.append((f"Post {step.get('name', uses)}", lambda: (
                    not self.failed and self.cache.save(with_["key"], self.cache_paths(with_)))))
            return True, outputs
        if action == "actions/cache/save":
            saved = self.cache.save(with_["key"], self.cache_paths(with_))
            return saved, {}
        if action == "github/codeql-action/upload-sarif":
            sarif = self.workspace / with_.get("sarif_file", "")
            if not with_.get("sarif_file") or not sarif.exists():
                self.stdout += f"::error::Path does not exist: {with_.get('sarif_file', '')}\n"
                return False, {}
            if self.token != "write":
                self.stdout += "::error::Resource not accessible by integration\n"
                return False, {}
            return True, {"sarif-id": "1"}
        raise AssertionError(f"no model of {uses}: add one to action_runner.py")

    def cache_paths(self, with_):
        paths = [p.strip() for p in with_["path"].splitlines() if p.strip()]
        return tuple(str(pathlib.Path(p) if os.path.isabs(p) else self.workspace / p) for p in paths)

    def outcome(self, name):
        return next((o for n, o in self.log if n == name), None)


class Cache:
    """The repository's cache: entries by key, each with the paths it was saved from (the
    real cache's version) and a copy of their contents."""

    def __init__(self, root):
        self.root = pathlib.Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.entries = {}
        self.saves = []

    def save(self, key, paths):
        self.saves.append(key)
        if key in self.entries:
            return True      # the real save warns that the key exists; the step still succeeds
        existing = [p for p in paths if os.path.exists(p)]
        if not existing:
            return True      # "Path Validation Error": a warning, nothing saved
        store = self.root / f"entry-{len(self.entries)}"
        for n, p in enumerate(paths):
            if os.path.isdir(p):
                shutil.copytree(p, store / str(n), symlinks=True)
            elif os.path.exists(p):
                store.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, store / str(n))
        self.entries[key] = (paths, store)
        return True

    def restore(self, key, paths):
        entry = self.entries.get(key)
        if not entry or entry[0] != paths:
            return False
        for n, p in enumerate(paths):
            src = entry[1] / str(n)
            if src.is_dir():
                shutil.copytree(src, p, symlinks=True, dirs_exist_ok=True)
            elif src.exists():
                pathlib.Path(p).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, p)
        return True

    def files(self, key):
        """Every file of an entry, relative to the path it was saved from."""
        paths, store = self.entries[key]
        return sorted(str(f.relative_to(store / str(n)))
                      for n in range(len(paths)) if (store / str(n)).is_dir()
                      for f in (store / str(n)).rglob("*") if f.is_file())


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
