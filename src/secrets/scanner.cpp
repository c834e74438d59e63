#include "secrets/scanner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "catalog/catalog.hpp"
#include "secrets/redaction.hpp"

namespace shipshape::secrets {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_hash(std::string_view v) {
  for (std::string_view p : {"$2a$", "$2b$", "$2y$", "$apr1$", "$1$", "$5$", "$6$", "$argon2",
                             "{SHA}", "{SSHA}", "$pbkdf2", "{bcrypt}", "{noop}$", "sha256:"})
    if (v.starts_with(p)) return true;
  return false;
}

bool is_reference(std::string_view v) {
  if (v.find("${") != std::string_view::npos || v.find("{{") != std::string_view::npos) return true;
  // Shell command substitution: `--password="$(cat /run/secrets/db)"` reads a file.
  if (v.find("$(") != std::string_view::npos || v.find('`') != std::string_view::npos) return true;
  for (std::string_view p :
       {"$ANSIBLE_VAULT;", "ENC[", "vault:", "op://", "ref+", "arn:aws:secretsmanager",
        "secretsmanager:", "awssm:", "gcpsm:", "azkv:", "sops:"})
    if (v.starts_with(p)) return true;
  // A bare $NAME is an unexpanded variable (shell, Ansible); `$$NAME` was compose's escape.
  if (v.size() > 1 && v[0] == '$' &&
      (std::isalpha(static_cast<unsigned char>(v[1])) || v[1] == '_')) {
    bool name = true;
    for (char c : v.substr(1))
      name = name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (name) return true;
  }
  return false;
}

bool is_path(std::string_view v) {
  return (v.starts_with("/") || v.starts_with("./") || v.starts_with("~/")) &&
         v.find(' ') == std::string_view::npos && v.find(':') == std::string_view::npos;
}

std::string noun_for(const std::vector<std::string>& words) {
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    const std::string& w = *it;
    if (w == "password" || w == "passwd" || w == "pwd" || w == "pass" || w == "passphrase" ||
        w == "passwords")
      return "a password";
    if (w == "token" || w == "tokens" || w == "pat") return "a token";
    if (w == "credential" || w == "credentials") return "credentials";
    if (w == "key" || w == "apikey" || w == "privatekey" || w == "accesskey" || w == "secretkey" ||
        w == "authkey")
      return "a key";
    if (w == "secret" || w == "secrets") return "a secret";
  }
  return "a secret";
}

}  // namespace

std::vector<std::string> key_words(std::string_view key) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(lower(cur));
    cur.clear();
  };
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      flush();
      continue;
    }
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && !cur.empty()) {
      bool prev_lower = std::islower(static_cast<unsigned char>(cur.back())) ||
                        std::isdigit(static_cast<unsigned char>(cur.back()));
      bool next_lower = i + 1 < key.size() && std::islower(static_cast<unsigned char>(key[i + 1]));
      bool prev_upper = std::isupper(static_cast<unsigned char>(cur.back()));
      if (prev_lower || (prev_upper && next_lower)) flush();  // dbPassword, APIKey
    }
    cur += c;
  }
  flush();
  return words;
}

std::string masked_length(std::string_view value) {
  return fmt::format("{} char{}", value.size(), value.size() == 1 ? "" : "s");
}

Expected<std::shared_ptr<const SecretScanner>> SecretScanner::build(
    const std::vector<UserPattern>& extra, const std::vector<Allow>& allow) {
  std::shared_ptr<SecretScanner> s(new SecretScanner());
  const catalog::SecretData& data = catalog::secrets();
  RE2::Options opt;
  opt.set_log_errors(false);
  auto add = [&](std::string id, std::string name, std::vector<std::string> keywords,
                 const std::string& regex, Location at, bool check) -> std::optional<Error> {
    if (check) {  // a user's pattern: a bad one is a config error now, with its position
      RE2 re(regex, opt);
      if (!re.ok())
        return Error{fmt::format("secrets.patterns: '{}' is not a valid RE2 pattern: {}", id,
                                 re.error()),
                     at};
    }
    Pattern pat;
    pat.id = std::move(id);
    pat.name = std::move(name);
    pat.keywords = std::move(keywords);
    pat.regex = regex;
    s->patterns_.push_back(std::move(pat));
    return std::nullopt;
  };
  for (const catalog::SecretPattern& p : data.patterns)
    if (auto e = add(std::string(p.id), std::string(p.name), {p.keywords.begin(), p.keywords.end()},
                     std::string(p.regex), {}, false))
      return *e;
  for (const auto& u : extra)
    if (auto e = add(u.id, u.name.empty() ? "a secret matching pattern '" + u.id + "'" : u.name, {},
                     u.regex, u.at, true))
      return *e;
  s->secret_words_.insert(data.secret_words.begin(), data.secret_words.end());
  s->modifier_words_.insert(data.modifier_words.begin(), data.modifier_words.end());
  s->never_words_.insert(data.never_words.begin(), data.never_words.end());
  s->public_words_.insert(data.public_words.begin(), data.public_words.end());
  for (const catalog::WordPair& p : data.secret_pairs) s->secret_pairs_.emplace(p.first, p.second);
  std::string ph;
  for (std::string_view p : data.placeholders)
    ph += fmt::format("{}(?:{})", ph.empty() ? "" : "|", p);
  RE2::Options ci = opt;
  ci.set_case_sensitive(false);
  s->placeholder_ = std::make_unique<RE2>("^(?:" + ph + ")$", ci);
  for (const catalog::DefaultCredential& d : data.default_credentials)
    s->defaults_.emplace_back(d.value, d.what);
  s->allow_exact_.insert(data.allowlist.begin(), data.allowlist.end());
  for (const auto& a : allow) {
    if (!a.regex) {
      s->allow_exact_.insert(a.value);
      continue;
    }
    auto re = std::make_unique<RE2>(a.value, opt);
    if (!re->ok())
      return Error{fmt::format("secrets.allowlist: not a valid RE2 pattern: {}", re->error()),
                   a.at};
    s->allow_regex_.push_back(std::move(re));
  }
  return std::shared_ptr<const SecretScanner>(std::move(s));
}

bool SecretScanner::is_secret_key(std::string_view key) const {
  auto words = key_words(key);
  int last = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    if (never_words_.count(words[i])) return false;
    if (secret_words_.count(words[i]) || (i > 0 && secret_pairs_.count({words[i - 1], words[i]})))
      last = static_cast<int>(i);
  }
  if (last < 0) return false;
  for (size_t i = static_cast<size_t>(last) + 1; i < words.size(); ++i)
    if (modifier_words_.count(words[i])) return false;
  return true;
}

bool SecretScanner::is_public_key(std::string_view key) const {
  auto words = key_words(key);
  if (words.empty()) return false;
  for (const auto& w : words)
    if (secret_words_.count(w)) return false;
  for (const auto& w : words)
    if (public_words_.count(w)) return true;
  // "azurestorageaccountname": one run-together word ending in a public word.
  for (const auto& p : public_words_)
    if (p.size() >= 4 && words.back().size() > p.size() && words.back().ends_with(p)) return true;
  return false;
}

bool SecretScanner::is_not_a_secret(std::string_view v) const {
  while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  if (v.empty() || is_reference(v) || is_hash(v)) return true;
  if (allow_exact_.count(v)) return true;
  for (const auto& re : allow_regex_)
    if (RE2::FullMatch(v, *re)) return true;
  return RE2::FullMatch(v, *placeholder_);
}

std::optional<std::string> SecretScanner::default_credential(std::string_view value) const {
  std::string v = lower(value);
  for (const auto& [d, what] : defaults_)
    if (v == d) return what;
  return std::nullopt;
}

const RE2& SecretScanner::Pattern::re() const {
  std::call_once(lazy->once, [&] {
    RE2::Options opt;
    opt.set_log_errors(false);
    lazy->re = std::make_unique<RE2>("(" + regex + ")", opt);
  });
  return *lazy->re;
}

const RE2::Set& SecretScanner::set() const {
  std::call_once(set_once_, [&] {
    RE2::Options opt;
    opt.set_log_errors(false);
    set_ = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
    std::string err;
    for (const auto& p : patterns_) set_->Add(p.regex, &err);
    set_->Compile();
  });
  return *set_;
}

bool SecretScanner::compile_all() const {
  bool ok = true;
  for (const auto& p : patterns_) ok = ok && p.re().ok();
  (void)set();
  return ok;
}

std::optional<Detection> SecretScanner::token(std::string_view value) const {
  // Keyword prefilter: most values contain no pattern's keyword and never reach a regex.
  // One candidate runs its own regex; several go through the set in one pass.
  std::vector<int> hits;
  for (size_t i = 0; i < patterns_.size(); ++i) {
    const Pattern& p = patterns_[i];
    bool candidate = p.keywords.empty();
    for (const auto& k : p.keywords)
      if (!candidate && value.find(k) != std::string_view::npos) candidate = true;
    if (candidate) hits.push_back(static_cast<int>(i));
  }
  if (hits.empty()) return std::nullopt;
  if (hits.size() > 1) {
    std::vector<int> matched;
    if (!set().Match(value, &matched) || matched.empty()) return std::nullopt;
    std::sort(matched.begin(), matched.end());  // earlier patterns are the more specific ones
    hits = std::move(matched);
  }
  for (int i : hits) {
    const Pattern& p = patterns_[static_cast<size_t>(i)];
    re2::StringPiece m;
    if (!RE2::PartialMatch(value, p.re(), &m)) continue;
    std::string_view match(m.data(), m.size());
    if (allow_exact_.count(match)) continue;
    Detection d;
    d.kind = DetectionKind::token;
    std::string prefix(match.substr(0, std::min<size_t>(4, match.size())));
    d.what = p.id == "private-key"
                 ? fmt::format("{} (a PEM block, {} chars)", p.name, value.size())
                 : fmt::format("{} ({}…, {})", p.name, prefix, masked_length(match));
    d.secret = std::string(match);
    return d;
  }
  return std::nullopt;
}

std::optional<Detection> SecretScanner::scan(std::string_view key, std::string_view value,
                                             bool keyed_ok) const {
  if (value.empty() || is_reference(value)) return std::nullopt;
  if (auto t = token(value)) return t;
  // scheme://user:password@host
  static const RE2 url(R"(([a-zA-Z][a-zA-Z0-9+.-]*)://([^:/@\s]*):([^@/\s]+)@([^/\s?#]*))");
  re2::StringPiece scheme, user, pass, host;
  if (value.find("://") != std::string_view::npos &&
      RE2::PartialMatch(value, url, &scheme, &user, &pass, &host)) {
    std::string_view pw(pass.data(), pass.size());
    if (!is_not_a_secret(pw) && !pw.starts_with("$")) {
      Detection d;
      d.kind = DetectionKind::url_password;
      d.what = fmt::format("a URL with a password in clear ({}://{}:****@{})",
                           std::string_view(scheme.data(), scheme.size()),
                           std::string_view(user.data(), user.size()),
                           std::string_view(host.data(), host.size()));
      d.secret = std::string(pw);
      return d;
    }
  }
  if (!keyed_ok || key.empty() || !is_secret_key(key)) return std::nullopt;
  std::string_view v = value;
  while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  if (auto what = default_credential(v)) {
    Detection d;
    d.kind = DetectionKind::default_credential;
    d.what = fmt::format("a well-known default credential ({}, {})", *what, masked_length(v));
    d.secret = std::string(v);
    return d;
  }
  if (is_not_a_secret(v) || is_path(v)) return std::nullopt;
  Detection d;
  d.kind = DetectionKind::keyed;
  d.what = fmt::format("{} in clear ({})", noun_for(key_words(key)), masked_length(v));
  d.secret = std::string(v);
  return d;
}

std::string SecretScanner::mask_line(std::string_view line, const KnownSecrets* known) const {
  std::string out(line);
  if (known) known->mask(out);
  for (const auto& p : patterns_) {
    bool candidate = p.keywords.empty();
    for (const auto& k : p.keywords) candidate = candidate || out.find(k) != std::string::npos;
    if (!candidate) continue;
    re2::StringPiece m;
    int guard = 0;
    while (RE2::PartialMatch(out, p.re(), &m) && guard++ < 32) {
      size_t at = static_cast<size_t>(m.data() - out.data());
      out.replace(at, m.size(), "****");
    }
  }
  static const RE2 url(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)([^@/\s]+)(@))");
  RE2::GlobalReplace(&out, url, "\\1****\\3");
  // `key: value`, `KEY=value`, `- KEY=value`, `key = "value"` with a secret-named key.
  static const RE2 kv(
      R"(^(\s*(?:-\s*)?["']?)([A-Za-z0-9_.\-]+)(["']?\s*[:=]\s*["']?)([^"'#\s][^"'#]*?)(["']?\s*(?:#.*)?)$)");
  re2::StringPiece pre, key, sep, value, post;
  if (RE2::FullMatch(out, kv, &pre, &key, &sep, &value, &post)) {
    std::string_view v(value.data(), value.size());
    if (is_secret_key(std::string_view(key.data(), key.size())) && !is_reference(v) && v != "|" &&
        v != ">" && v != "****")
      out = std::string(pre.data(), pre.size()) + std::string(key.data(), key.size()) +
            std::string(sep.data(), sep.size()) + "****" + std::string(post.data(), post.size());
  }
  return out;
}

}  // namespace shipshape::secrets
