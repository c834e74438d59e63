#include "rules/secret_candidates.hpp"

#include <functional>

#include <fmt/format.h>
#include <re2/re2.h>

#include <cctype>

namespace shipshape::rules {

namespace {

using model::Text;

bool written(const Text& t) { return t.set && model::is_written(t.origin); }

// Derived text: a piece of a command, keeping the command's position.
Text piece(const Text& from, std::string value) {
  Text t = from;
  t.value = std::move(value);
  return t;
}

bool is_db_client(const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (w.find("mysql") != std::string::npos || w.find("mariadb") != std::string::npos) return true;
  return false;
}

// Secrets passed on a command line: --password=x, --token x, -pX (mysql), -a X (redis-cli),
// KEY=VALUE assignments, and tokens or URLs anywhere.
void command_candidates(const std::vector<Text>& argv, const std::string& what,
                        const model::Workload& w, const model::Container& c,
                        std::vector<Candidate>& out) {
  std::vector<std::pair<std::string, const Text*>> words;
  for (const auto& a : argv) {
    if (!written(a)) continue;
    auto split = shell_words(a.value);
    if (split.size() > 1 && argv.size() == 1) {
      for (auto& s : split) words.emplace_back(std::move(s), &a);
    } else {
      words.emplace_back(a.value, &a);
    }
  }
  std::vector<std::string> plain;
  for (const auto& [word, t] : words) plain.push_back(word);
  bool db = is_db_client(plain);
  auto add = [&](std::string key, std::string value, const Text* from) {
    out.push_back({what, std::move(key), piece(*from, std::move(value)), w.subject(c),
                   Where::command, &w, &c});
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i].first;
    const Text* from = words[i].second;
    size_t name_at = word.find_first_not_of('-');
    bool is_flag = name_at != std::string::npos &&
                   (word.starts_with("--") || (name_at == 1 && word.size() > 2 && word[1] != 'p'));
    if (is_flag) {  // --password=x, --token x
      size_t eq = word.find('=');
      std::string flag =
          word.substr(name_at, eq == std::string::npos ? std::string::npos : eq - name_at);
      if (eq != std::string::npos) add(flag, word.substr(eq + 1), from);
      else if (i + 1 < words.size() && !words[i + 1].first.starts_with("-"))
        add(flag, words[i + 1].first, words[i + 1].second);
    } else if (db && word.starts_with("-p") && word.size() > 2) {
      add("password", word.substr(2), from);
    } else if (word == "-a" && i + 1 < words.size() &&
               (i > 0 && plain[0].find("redis") != std::string::npos)) {
      add("password", words[i + 1].first, words[i + 1].second);
    } else if (size_t eq = word.find('='); eq != std::string::npos && eq > 0) {
      add(word.substr(0, eq), word.substr(eq + 1), from);
    } else {
      add("", word, from);
    }
  }
}

void workload_candidates(const model::Workload& w, std::vector<Candidate>& out) {
  for (const auto& c : w.containers) {
    for (const auto& e : c.env)
      if (e.kind == model::EnvKind::literal && written(e.value) && !e.is_file_path())
        out.push_back({e.name, e.name, e.value, w.subject(c), Where::env, &w, &c});
    std::string who = w.named(c);
    command_candidates(c.entrypoint, "the entrypoint of " + who, w, c, out);
    command_candidates(c.command, "the command of " + who, w, c, out);
    for (const auto& p : c.probes) {
      std::vector<Text> argv;
      for (const auto& word : p.command)
        argv.push_back(Text{word, p.test_ref, model::Origin::literal, true});
      command_candidates(argv, "the healthcheck of " + who, w, c, out);
    }
  }
  for (const auto& [k, v] : w.labels)
    if (written(v))
      out.push_back({"label '" + k + "'", k, v, w.subject(), Where::label, &w, nullptr});
}

std::string host_of(const model::Inventory& inv, const std::string& path) {
  for (const auto& h : inv.hosts)
    if (!h.ref.path.empty() && (path == h.ref.path || path.starts_with(h.ref.path + ".")))
      return "host " + h.name;
  return "inventory";
}

}  // namespace

std::vector<std::string> shell_words(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  char quote = 0;
  bool any = false;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty() || any) words.push_back(cur);
      cur.clear();
      any = false;
    } else {
      cur += c;
    }
  }
  if (!cur.empty() || any) words.push_back(cur);
  return words;
}

void for_each_candidate(const model::Model& m, const std::function<void(Candidate&)>& fn) {
  // Handed over as they are made, never all held at once: candidates copy their values, and a
  // repository's values files alone hold millions of scalars.
  std::vector<Candidate> batch;  // one workload's
  for (const auto& w : m.workloads) {
    workload_candidates(w, batch);
    for (auto& c : batch) fn(c);
    batch.clear();
  }
  for (const auto& o : m.configs) {
    std::string name = o.namespace_.empty() ? o.name : o.namespace_ + "/" + o.name;
    for (const auto& e : o.entries) {
      if (e.decode_failed || !written(e.value)) continue;
      bool secret = o.kind == "Secret";
      Candidate c{fmt::format("{} '{}' key '{}'", o.kind, name, e.key), e.key, e.value,
                  o.kind + " " + name, secret ? Where::secret_data : Where::config_data};
      fn(c);
    }
  }
  for (const auto& v : m.values)
    for (const auto& s : v.scalars)
      if (!s.encrypted && written(s.value)) {
        Candidate c{s.value.ref.path, s.key, s.value, v.subject, Where::values};
        fn(c);
      }
  for (const auto& inv : m.inventories)
    for (const auto& s : inv.scalars)
      if (!s.encrypted && written(s.value)) {
        Candidate c{s.value.ref.path, s.key, s.value, host_of(inv, s.value.ref.path),
                    Where::inventory};
        fn(c);
      }
}

namespace {

// Helm values often name a Secret or a key inside one (`existingSecret: db-creds`,
// `passwordKey: password`, `authKey: auth`): a lowercase Kubernetes-style name under a key
// ending in secret/key is a name, not a secret.
bool names_a_secret_object(const std::string& key, const std::string& value) {
  auto words = secrets::key_words(key);
  if (words.empty() ||
      (words.back() != "secret" && words.back() != "key" && words.back() != "secrets"))
    return false;
  static const RE2 k8s_name(R"([a-z0-9]([-a-z0-9._]{0,61}[a-z0-9])?)");
  return RE2::FullMatch(value, k8s_name);
}

// A multi-line value is a file (grafana.ini, alertmanager.yaml, .env): scan its
// `key = value` / `key: value` lines rather than flag the whole file.
std::optional<secrets::Detection> scan_file_content(const secrets::SecretScanner& scanner,
                                                    std::string_view text) {
  if (auto d = scanner.scan("", text, false)) return d;
  static const RE2 assignment(
      R"(^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^"'#\s][^"'#]*?)["']?\s*,?\s*$)");
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    re2::StringPiece line(text.data() + pos, eol - pos), k, v;
    if (RE2::FullMatch(line, assignment, &k, &v)) {
      std::string key(k.data(), k.size()), value(v.data(), v.size());
      if (auto d = scanner.scan(key, value)) return d;
    }
    pos = eol + 1;
  }
  return std::nullopt;
}

// POSTGRES_PASSWORD pairs with POSTGRES_USER; MINIO_ROOT_PASSWORD with MINIO_ROOT_USER.
const model::EnvVar* user_of(const Candidate& c) {
  if (!c.container || c.where != Where::env) return nullptr;
  for (std::string_view word : {"PASSWORD", "PASSWD", "PASS", "PWD", "password", "pass"}) {
    if (!c.key.ends_with(word)) continue;
    std::string stem = c.key.substr(0, c.key.size() - word.size());
    bool upper = std::isupper(static_cast<unsigned char>(word[0]));
    for (const auto& e : c.container->env)
      if (e.kind == model::EnvKind::literal && (e.name == stem + (upper ? "USER" : "user") ||
                                                e.name == stem + (upper ? "USERNAME" : "username")))
        return &e;
    return nullptr;
  }
  return nullptr;
}

}  // namespace

std::vector<FoundSecret> find_secrets(const model::Model& model,
                                      const secrets::SecretScanner& scanner) {
  std::vector<FoundSecret> out;
  for_each_candidate(model, [&](Candidate& c) {
    const std::string& v = c.value.value;
    bool file = (c.where == Where::secret_data || c.where == Where::config_data ||
                 c.where == Where::values) &&
                v.find('\n') != std::string::npos && v.find('\n') + 1 < v.size();
    if (c.where == Where::values && names_a_secret_object(c.key, v)) return;
    std::optional<secrets::Detection> d = file ? scan_file_content(scanner, v)
                                               : scanner.scan(c.key, v, c.where != Where::label);
    if (!d && !file && c.where == Where::secret_data && !scanner.is_not_a_secret(v) &&
        !scanner.is_public_key(c.key) && v.find("BEGIN CERTIFICATE") == std::string::npos) {
      d = secrets::Detection{
          secrets::DetectionKind::keyed,
          fmt::format("a value committed in clear, base64 is not encryption ({})",
                      secrets::masked_length(v)),
          v};
    }
    // shipsec:shipsec — a password that repeats its user name is the first thing tried.
    if (d && d->kind != secrets::DetectionKind::default_credential)
      if (const model::EnvVar* user = user_of(c); user && user->value.value == v)
        d = secrets::Detection{
            secrets::DetectionKind::default_credential,
            fmt::format("the same value as {}, a password that repeats the user name", user->name),
            v};
    if (d) out.push_back({std::move(c), std::move(*d)});
  });
  return out;
}

std::vector<std::string> redactions_of(const FoundSecret& f) {
  std::vector<std::string> out = {f.detection.secret};
  const std::string& whole = f.candidate.value.value;
  if (whole != f.detection.secret && !whole.empty()) out.push_back(whole);
  if (whole.find('\n') != std::string::npos) {
    // A block scalar: masked on every line, and each line as written ("pa$$" for "pa$").
    size_t pos = 0;
    while (pos < whole.size()) {
      size_t eol = whole.find('\n', pos);
      if (eol == std::string::npos) eol = whole.size();
      std::string_view line(whole.data() + pos, eol - pos);
      size_t a = line.find_first_not_of(" \t\r"), b = line.find_last_not_of(" \t\r");
      if (a != std::string_view::npos) out.emplace_back(line.substr(a, b - a + 1));
      pos = eol + 1;
    }
  }
  // Compose writes a literal `$` as `$$`: the text in the file differs from the value.
  for (size_t i = 0, n = out.size(); i < n; ++i)
    if (out[i].find('$') != std::string::npos) {
      std::string doubled;
      for (char c : out[i]) doubled += c == '$' ? std::string("$$") : std::string(1, c);
      out.push_back(std::move(doubled));
    }
  return out;
}

}  // namespace shipshape::rules
