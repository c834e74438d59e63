#include "load/loader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "core/glob.hpp"
#include "core/parallel.hpp"
#include "core/process.hpp"
#include "load/compose.hpp"
#include "load/keyed.hpp"
#include "load/kubernetes.hpp"

extern char** environ;

namespace shipshape::load {

namespace fs = std::filesystem;

namespace {

const std::set<std::string, std::less<>> kSkipDirs = {".git", "node_modules", "vendor"};
const char* const kMainComposeNames[] = {"compose.yaml", "compose.yml", "docker-compose.yaml",
                                         "docker-compose.yml"};

struct Input {
  InputKind kind = InputKind::unknown;
  std::vector<std::string> files;  // compose: the project's files in merge order
  bool explicit_path = false;
  bool in_chart = false;  // beside a Chart.yaml (values files by place)
};

struct Plan {
  std::vector<Input> inputs;
  std::vector<std::string> charts;         // chart directories to render
  std::vector<std::string> outside_links;  // file symlinks out of the walked folder, not read
  bool stdin_input = false;
};

std::string filename_of(const std::string& path) { return fs::path(path).filename().string(); }

bool under(const std::string& path, const std::string& dir) {
  std::string prefix = dir == "." ? "" : dir + "/";
  return prefix.empty() || path.starts_with(prefix);
}

// A path as a program's operand: absolute, or starting with `./`, so that no name in the tree
// can be read as a flag.
std::string as_operand(const std::string& path) {
  if (path.starts_with("/") || path.starts_with("./")) return path;
  return "./" + path;
}

// Displays paths the way the user wrote them: "dir/x.yaml" for `lint dir`, "x.yaml" for `.`.
std::string display(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  if (s.starts_with("./")) s = s.substr(2);
  return s;
}

// Depth first, one directory at a time, so that a directory that cannot be read is an error
// of its own (a file not read is never reported as clean) while the rest is still walked.
// A file symlink found by a walk that leads out of the folders being linted (to a home
// directory's credentials, say) is not read, and a note says so; named, it is read.
void walk(const std::string& root, const LoadOptions& opt, Plan& plan,
          std::vector<std::string>& files, std::vector<Error>& errors, SourceFiles& sf) {
  std::error_code ec;
  const ReadBoundary& boundary = *opt.boundary;
  // `exclude:` globs match paths relative to the folder walked.
  auto excluded = [&](const fs::path& p, bool is_dir) {
    if (opt.exclude.empty()) return false;
    std::string rel = p.lexically_relative(root).generic_string();
    for (const auto& g : opt.exclude)
      if (glob_match(g, rel, is_dir)) return true;
    return false;
  };
  std::vector<fs::path> dirs = {fs::path(root)};
  while (!dirs.empty()) {
    fs::path dir = dirs.back();
    dirs.pop_back();
    fs::directory_iterator it(dir, ec);
    if (ec) {
      errors.push_back({fmt::format("cannot read directory: {}", ec.message()),
                        Location{sf.add(display(dir)), 1, 1}});
      ec.clear();
      continue;
    }
    std::vector<fs::path> subdirs;
    std::vector<std::string> here;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        errors.push_back({fmt::format("cannot list directory: {}", ec.message()),
                          Location{sf.add(display(dir)), 1, 1}});
        ec.clear();
        break;
      }
      const fs::directory_entry& entry = *it;
      std::string name = entry.path().filename().string();
      std::error_code e2;
      bool link = entry.is_symlink(e2);
      if (entry.is_directory(e2)) {
        // Directory symlinks are not followed (no loops); skipped folders are not entered.
        if (!kSkipDirs.count(name) && !link && !excluded(entry.path(), true))
          subdirs.push_back(entry.path());
        continue;
      }
      if (excluded(entry.path(), false)) continue;
      if (!entry.is_regular_file(e2)) continue;  // FIFOs, sockets, devices, dangling links
      if (name == ".shipshape.yaml") continue;   // our own config is not an input
      bool wanted = name == "Chart.yaml" || is_candidate_name(name);
      if (wanted && link && !boundary.admits(entry.path().string())) {
        plan.outside_links.push_back(display(entry.path()));
        continue;
      }
      if (name == "Chart.yaml") plan.charts.push_back(display(entry.path().parent_path()));
      else if (wanted) here.push_back(display(entry.path()));
    }
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
    here.clear();
    // Visited in name order, first to last: the plan does not depend on readdir's order.
    std::sort(subdirs.begin(), subdirs.end(), std::greater<>());
    for (auto& d : subdirs) dirs.push_back(std::move(d));
  }
}

void add_compose_projects(const std::vector<std::string>& compose, Plan& plan) {
  std::map<std::string, std::vector<std::string>> by_dir;
  for (const auto& f : compose) by_dir[dir_of(f)].push_back(f);
  for (auto& [dir, files] : by_dir) {
    std::string main, override_file;
    for (const char* n : kMainComposeNames)
      for (const auto& f : files)
        if (main.empty() && filename_of(f) == n) main = f;
    for (const auto& f : files)
      if (override_file.empty() && is_override_name(filename_of(f))) override_file = f;
    if (!main.empty()) {
      Input in{InputKind::compose, {main}, false};
      if (!override_file.empty()) in.files.push_back(override_file);
      plan.inputs.push_back(std::move(in));
    }
    for (const auto& f : files)
      if (f != main && (main.empty() || f != override_file))
        plan.inputs.push_back(Input{InputKind::compose, {f}, false});
  }
}

uint64_t bytes_of(const Input& in) {
  uint64_t n = 0;
  for (const auto& f : in.files) {
    std::error_code ec;
    uintmax_t size = fs::file_size(f, ec);
    if (!ec) n += size;
  }
  return n;
}

Plan plan_inputs(const LoadOptions& opt, std::vector<Error>& errors, SourceFiles& sf) {
  Plan plan;
  std::vector<std::string> walked;
  std::set<std::string> seen;
  if (!opt.compose_files.empty()) {
    plan.inputs.push_back(Input{InputKind::compose, opt.compose_files, true});
    for (const auto& f : opt.compose_files) seen.insert(display(f));
  }
  for (const auto& p : opt.paths) {
    if (p == "-") {
      plan.stdin_input = true;
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (fs::is_directory(st)) {
      walk(p, opt, plan, walked, errors, sf);
    } else if (seen.insert(display(p)).second) {
      InputKind named = is_env_name(filename_of(p)) ? InputKind::env : InputKind::unknown;
      plan.inputs.push_back(Input{opt.kind.value_or(named), {p}, true});
    }
  }
  // Templates of a chart are Go templates, not YAML: they are linted through `helm template`.
  std::vector<std::string> compose;
  for (const auto& f : walked) {
    if (!seen.insert(f).second) continue;
    bool in_templates = std::any_of(plan.charts.begin(), plan.charts.end(), [&](const auto& c) {
      return under(f, c == "." ? "templates" : c + "/templates");
    });
    if (in_templates) continue;
    bool in_chart = std::any_of(plan.charts.begin(), plan.charts.end(),
                                [&](const auto& c) { return under(f, c); });
    std::string name = filename_of(f);
    if (opt.kind) plan.inputs.push_back(Input{*opt.kind, {f}, false});
    else if (is_compose_name(name)) compose.push_back(f);
    else plan.inputs.push_back(Input{InputKind::unknown, {f}, false, in_chart});
  }
  add_compose_projects(compose, plan);
  return plan;
}

class Loader {
 public:
  Loader(const LoadOptions& opt, SourceFiles& files, LoadResult& out)
      : opt_(opt),
        out_(out),
        ctx_{files, out.errors, opt.limits, &out.model.ignores, opt.boundary} {}

  void run() {
    Plan plan = plan_inputs(opt_, out_.errors, ctx_.files);
    for (const auto& link : plan.outside_links)
      out_.model.notes.push_back(
          {fmt::format(
               "'{}' is a symbolic link to a file outside the folder being linted; not read "
               "(name it on the command line to lint it)",
               link),
           NodeRef{Location{ctx_.files.add_unread(link), 1, 1}, ""}, "file " + link});
    if (plan.stdin_input) load_stdin();
    load_all(plan.inputs);
    for (const auto& chart : plan.charts) render_chart(chart);
  }

  // Each input loads into its own result, on a worker thread when there are several; results
  // are appended in plan order, so the model (and every output) is the same whatever the
  // number of threads.
  void load_all(const std::vector<Input>& inputs) {
    std::vector<LoadResult> parts(inputs.size());
    parallel_for(inputs.size(), opt_.jobs, [&](size_t i) {
      Loader one(opt_, ctx_.files, parts[i]);
      one.load_input(inputs[i]);
      if (opt_.consume) {
        opt_.consume(i + 1, std::move(parts[i].model));
        parts[i].model = {};
      }
      if (opt_.progress) opt_.progress(i, inputs.size(), bytes_of(inputs[i]));
    });
    for (auto& p : parts) {
      out_.model.append(std::move(p.model));
      out_.errors.insert(out_.errors.end(), p.errors.begin(), p.errors.end());
      out_.inputs += p.inputs;
      out_.skipped.insert(out_.skipped.end(), p.skipped.begin(), p.skipped.end());
    }
  }

 private:
  void load_stdin() {
    ++out_.inputs;
    uint32_t id = ctx_.files.add("<stdin>");
    auto text = read_stdin(id, opt_.limits.max_file_bytes);
    if (!text) {
      out_.errors.push_back(text.error());
      return;
    }
    if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
      // Usually `helm template` failed before the pipe: nothing read is not "clean".
      out_.errors.push_back(
          {"no input on standard input (an empty stream; did the command "
           "before the pipe fail?)",
           Location{id, 1, 1}});
      return;
    }
    ctx_.files.keep_text(id, *text);
    InputKind kind = opt_.kind.value_or(detect_kind("<stdin>.yaml", *text));
    if (kind == InputKind::unknown) kind = InputKind::values;
    load_text(kind, *text, id, "<stdin>");
  }

  void load_input(const Input& in) {
    ++out_.inputs;
    if (in.kind == InputKind::compose) {
      load_compose(ComposeProject{in.files, opt_.env_file}, ctx_, out_.model);
      return;
    }
    const std::string& path = in.files.front();
    uint32_t id = ctx_.files.add(path);
    auto text = read_file(path, id, opt_.limits.max_file_bytes);
    if (!text) {
      // A file a walk found by an inventory-like name ("hosts", "inventory.db") that is not
      // text was never an input; anything else that cannot be read is reported.
      if (in.explicit_path || is_yaml_name(path) || !text.error().not_text)
        out_.errors.push_back(text.error());
      else --out_.inputs;
      return;
    }
    InputKind kind = in.kind == InputKind::unknown ? detect_kind(path, *text, in.in_chart)
                                                   : in.kind;
    if (kind == InputKind::unknown) {
      // Not a deployment file (a CI config, a workflow, OpenAPI, mkdocs, ...): found by a walk,
      // it is skipped and counted; named, it is an error that says how to force a kind.
      --out_.inputs;
      if (!in.explicit_path) {
        out_.skipped.push_back({path, describe_other(path, *text)});
        return;
      }
      out_.errors.push_back(
          {fmt::format(
               "this looks like {}, not a compose file, Kubernetes manifest, Helm values file, "
               "inventory or env file; to lint it anyway, name its kind with "
               "--kind compose|k8s|values|inventory|env",
               describe_other(path, *text)),
           Location{id, 1, 1}});
      ++out_.inputs;
      return;
    }
    if (kind == InputKind::compose) {
      load_compose(ComposeProject{{path}, opt_.env_file}, ctx_, out_.model);
      return;
    }
    load_text(kind, *text, id, path);
  }

  void load_text(InputKind kind, const std::string& text, uint32_t id, const std::string& path) {
    ctx_.files.set_kind(id, kind);
    if (kind != InputKind::compose) ctx_.saw_text(text, id);  // compose records its own files
    // A whole file encrypted with ansible-vault (group_vars/all/vault.yml) holds no clear text.
    if (text.starts_with("$ANSIBLE_VAULT;")) return;
    switch (kind) {
      case InputKind::compose: load_compose_text(text, id, ctx_, out_.model); break;
      case InputKind::env: load_env_values(text, id, ctx_, out_.model); break;
      case InputKind::kubernetes: load_kubernetes(text, id, ctx_, out_.model); break;
      case InputKind::inventory: load_inventory(text, id, path); break;
      default: load_values(text, id, ctx_, out_.model); break;
    }
  }

  void load_inventory(const std::string& text, uint32_t id, const std::string& path) {
    if (looks_like_ini_inventory(text)) {
      load_inventory_ini(text, id, ctx_, out_.model);
      return;
    }
    for (const char* folder : {"group_vars/", "host_vars/"}) {
      size_t at = path.find(folder);
      if (at == std::string::npos) continue;
      std::string rest = path.substr(at + std::string_view(folder).size());
      std::string name = rest.substr(0, rest.find('/'));
      if (name.find('/') == std::string::npos && rest.find('/') == std::string::npos)
        name = name.substr(0, name.find_last_of('.'));
      load_inventory_yaml(text, id, ctx_, out_.model, name,
                          std::string_view(folder) == "host_vars/");
      return;
    }
    load_inventory_yaml(text, id, ctx_, out_.model);
  }

  void render_chart(const std::string& chart) {
    if (!on_path(opt_.helm)) {
      uint32_t id = ctx_.files.add(chart == "." ? "Chart.yaml" : chart + "/Chart.yaml",
                                   InputKind::kubernetes);
      out_.model.notes.push_back(
          {fmt::format("chart '{}': templates not rendered because helm is not on PATH; "
                       "lint them with `helm template {} | shipshape lint -`",
                       chart, chart),
           NodeRef{Location{id, 1, 1}, "Chart.yaml"}, "chart " + chart});
      return;
    }
    std::vector<std::string> values = opt_.helm_values;
    if (values.empty()) values.emplace_back();
    for (const auto& v : values) {
      ++out_.inputs;
      // Paths from the tree are operands, never flags: a folder named `--post-renderer=sh`
      // must not reach helm as its --post-renderer. Each path is made to start with `/` or
      // `./`, flags come first and `--` ends them; posix_spawn, no shell.
      std::vector<std::string> argv = {opt_.helm, "template"};
      std::string label = chart + " (helm template";
      if (!v.empty()) {
        argv.insert(argv.end(), {"--values", as_operand(v)});
        label += " -f " + v;
      }
      label += ")";
      argv.insert(argv.end(), {"--", "shipshape", as_operand(chart)});
      uint32_t id = ctx_.files.add(label, InputKind::kubernetes);
      Captured c = run_capture(argv, opt_.limits.max_file_bytes);
      if (c.status != 0 || c.too_big) {
        std::string why = c.too_big ? "output over the size limit" : c.err.substr(0, 300);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        out_.errors.push_back(
            {fmt::format("helm template failed (exit {}): {}", c.status, why), Location{id, 1, 1}});
        continue;
      }
      if (auto e = check_text(c.out, id)) {
        out_.errors.push_back(*e);
        continue;
      }
      ctx_.files.keep_text(id, c.out);
      ctx_.saw_text(c.out, id);
      load_kubernetes(c.out, id, ctx_, out_.model);
    }
  }

  const LoadOptions& opt_;
  LoadResult& out_;
  LoadContext ctx_;
};

}  // namespace

LoadResult load(const LoadOptions& given, SourceFiles& files) {
  LoadResult out;
  // One alias budget for the whole run, shared by every loader thread.
  std::atomic<uint64_t> run_alias_nodes{0};
  LoadOptions options = given;
  options.limits.yaml.run_alias_nodes = &run_alias_nodes;
  std::vector<std::string> named = given.paths;
  named.insert(named.end(), given.compose_files.begin(), given.compose_files.end());
  named.insert(named.end(), given.helm_values.begin(), given.helm_values.end());
  if (!given.env_file.empty()) named.push_back(given.env_file);
  ReadBoundary boundary(named);
  if (!options.boundary) options.boundary = &boundary;
  Loader(options, files, out).run();
  if (options.consume) {
    options.consume(0, std::move(out.model));
    out.model = {};
  }
  // Errors in a fixed order, whatever the order of paths or threads.
  std::stable_sort(out.errors.begin(), out.errors.end(), [&](const Error& a, const Error& b) {
    return std::tie(files.path(a.at.file), a.at.line, a.at.column, a.message) <
           std::tie(files.path(b.at.file), b.at.line, b.at.column, b.message);
  });
  return out;
}

model::Loader loader(LoadOptions options, SourceFiles& files) {
  return [options = std::move(options), &files](const model::ModelConsumer& consume) mutable {
    options.consume = consume;
    LoadResult r = load(options, files);
    return model::LoadSummary{std::move(r.errors), r.inputs, std::move(r.skipped)};
  };
}

}  // namespace shipshape::load
