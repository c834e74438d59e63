#include "load/interpolate.hpp"

#include <fmt/format.h>

namespace shipshape::load {

namespace {

using model::Origin;

bool name_start(char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

// Ranks origins so a mixed value takes the least "written" one: a value that is partly an
// unresolved reference is a reference, not a secret in clear.
int rank(Origin o) {
  switch (o) {
    case Origin::literal: return 0;
    case Origin::default_value: return 1;
    case Origin::env_file: return 2;
    case Origin::environment: return 3;
    case Origin::unresolved: return 4;
  }
  return 0;
}

class Interpolator {
 public:
  Interpolator(const Variables& vars, Location at, InterpolationBudget* budget)
      : vars_(vars), at_(at), budget_(budget) {}

  Expected<Interpolated> run(std::string_view s) {
    Interpolated out;
    out.at = at_;
    std::string value;
    if (auto e = expand(s, value, out, 0)) return *e;
    if (over_)
      return Error{fmt::format("variables expand this file by more than {:.0f} MB "
                               "(limits.max_interpolation_mb)",
                               static_cast<double>(budget_->limit) / 1048576.0),
                   at_};
    out.value = std::move(value);
    return out;
  }

 private:
  void note(Interpolated& out, Origin o, Location where) {
    out.changed = true;
    if (rank(o) > rank(out.origin)) {
      out.origin = o;
      if (o == Origin::env_file) out.at = where;
    }
  }

  std::optional<Error> expand(std::string_view s, std::string& value, Interpolated& out,
                              int depth) {
    if (depth > 16) return Error{"interpolation nested too deeply", at_};
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c != '$' || i + 1 == s.size()) {
        value += c;
        continue;
      }
      char n = s[i + 1];
      if (n == '$') {  // `$$` is a literal dollar
        value += '$';
        out.changed = true;
        ++i;
      } else if (name_start(n)) {
        size_t j = i + 1;
        while (j < s.size() && name_char(s[j])) ++j;
        substitute(std::string(s.substr(i + 1, j - i - 1)), value, out);
        i = j - 1;
      } else if (n == '{') {
        size_t close = matching_brace(s, i + 1);
        if (close == std::string_view::npos)
          return Error{"invalid interpolation: '${' without a closing '}'", at_};
        if (auto e = braced(s.substr(i + 2, close - i - 2), value, out, depth)) return e;
        i = close;
      } else {
        value += c;
      }
    }
    return std::nullopt;
  }

  static size_t matching_brace(std::string_view s, size_t open) {
    int depth = 0;
    for (size_t i = open; i < s.size(); ++i) {
      if (s[i] == '{') ++depth;
      else if (s[i] == '}' && --depth == 0) return i;
    }
    return std::string_view::npos;
  }

  void substitute(const std::string& name, std::string& value, Interpolated& out) {
    auto it = vars_.find(name);
    if (it == vars_.end()) {
      note(out, Origin::unresolved, at_);
      return;
    }
    if (budget_) {
      if (over_ || it->second.value.size() > budget_->left) {
        over_ = true;
        return;
      }
      budget_->left -= it->second.value.size();
    }
    value += it->second.value;
    note(out, it->second.origin, it->second.at);
  }

  std::optional<Error> braced(std::string_view body, std::string& value, Interpolated& out,
                              int depth) {
    size_t j = 0;
    while (j < body.size() && name_char(body[j])) ++j;
    if (j == 0 || !name_start(body[0]))
      return Error{fmt::format("invalid interpolation: '${{{}}}' is not a variable name",
                               body.substr(0, std::min<size_t>(body.size(), 40))),
                   at_};
    std::string name(body.substr(0, j));
    std::string_view rest = body.substr(j);
    auto it = vars_.find(name);
    bool set = it != vars_.end();
    bool nonempty = set && !it->second.value.empty();
    if (rest.empty()) {
      substitute(name, value, out);
      return std::nullopt;
    }
    bool colon = rest.front() == ':';
    if (colon) rest.remove_prefix(1);
    if (rest.empty()) return Error{"invalid interpolation: missing operator after ':'", at_};
    char op = rest.front();
    std::string_view arg = rest.substr(1);
    bool present = colon ? nonempty : set;
    switch (op) {
      case '-':  // default when unset (or empty with ':')
        if (present) {
          substitute(name, value, out);
        } else {
          std::string d;
          Interpolated inner;
          inner.at = at_;
          if (auto e = expand(arg, d, inner, depth + 1)) return e;
          value += d;
          note(out, inner.origin == Origin::literal ? Origin::default_value : inner.origin,
               inner.at);
        }
        return std::nullopt;
      case '?':  // required: without a value it stays a reference for a linter
        if (present) substitute(name, value, out);
        else note(out, Origin::unresolved, at_);
        return std::nullopt;
      case '+':  // alternative when set
        if (present) {
          std::string a;
          Interpolated inner;
          inner.at = at_;
          if (auto e = expand(arg, a, inner, depth + 1)) return e;
          value += a;
          note(out, inner.origin == Origin::literal ? Origin::default_value : inner.origin,
               inner.at);
        } else {
          out.changed = true;
        }
        return std::nullopt;
      default:
        return Error{fmt::format("invalid interpolation: unknown operator '{}' in '${{{}...}}'", op,
                                 name),
                     at_};
    }
  }

  const Variables& vars_;
  Location at_;
  InterpolationBudget* budget_;
  bool over_ = false;
};

}  // namespace

Expected<Interpolated> interpolate(std::string_view text, const Variables& vars, Location at,
                                   InterpolationBudget* budget) {
  if (text.find('$') == std::string_view::npos) {
    Interpolated out;
    out.value = std::string(text);
    out.at = at;
    return out;
  }
  return Interpolator(vars, at, budget).run(text);
}

Expected<std::vector<EnvEntry>> parse_env_file(std::string_view text, uint32_t file) {
  std::vector<EnvEntry> out;
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    size_t line_start = pos;
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size() || line[i] == '#') {
      if (eol == text.size()) break;
      continue;
    }
    if (line.substr(i).starts_with("export ")) {
      i += 7;
      while (i < line.size() && line[i] == ' ') ++i;
    }
    size_t key_start = i;
    while (i < line.size() && line[i] != '=' && line[i] != ' ' && line[i] != '\t') ++i;
    EnvEntry e;
    e.name = std::string(line.substr(key_start, i - key_start));
    e.at = Location{file, line_no, static_cast<uint32_t>(key_start + 1)};
    bool valid_name = !e.name.empty();
    for (char c : e.name) valid_name = valid_name && c > ' ' && c != '"' && c != '\'';
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (!valid_name || (i < line.size() && line[i] != '=')) {
      return Error{"invalid env file line: expected KEY=VALUE",
                   Location{file, line_no, static_cast<uint32_t>(key_start + 1)}};
    }
    if (i < line.size()) {  // '='
      ++i;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      e.has_value = true;
      e.value_at = Location{file, line_no, static_cast<uint32_t>(i + 1)};
      std::string_view v = line.substr(i);
      if (!v.empty() && (v.front() == '"' || v.front() == '\'')) {
        char q = v.front();
        // A quoted value may span lines; find the closing quote in the whole text.
        size_t abs = line_start + i + 1;
        std::string val;
        size_t k = abs;
        bool closed = false;
        for (; k < text.size(); ++k) {
          char c = text[k];
          if (q == '"' && c == '\\' && k + 1 < text.size()) {
            char n = text[++k];
            val += n == 'n' ? '\n' : n == 't' ? '\t' : n;
            continue;
          }
          if (c == q) {
            closed = true;
            break;
          }
          if (c == '\n') ++line_no;
          val += c;
        }
        if (!closed) return Error{"unterminated quoted value in env file", e.value_at};
        e.value = std::move(val);
        size_t next = text.find('\n', k);
        pos = next == std::string_view::npos ? text.size() + 1 : next + 1;
      } else {
        size_t hash = v.find(" #");
        if (hash != std::string_view::npos) v = v.substr(0, hash);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        e.value = std::string(v);
      }
    }
    out.push_back(std::move(e));
    if (eol == text.size()) break;
  }
  return out;
}

}  // namespace shipshape::load
