#include "load/compose_service.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "load/interpolate.hpp"

namespace shipshape::load {

namespace {

using model::Origin;

bool is_bind_source(std::string_view s) {
  return !s.empty() && (s.front() == '/' || s.front() == '.' || s.front() == '~' ||
                        s.find('/') != std::string_view::npos);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

model::Text text_at(std::string value, const Node* n, const std::string& path) {
  model::Text t = to_text(n, path);
  t.value = std::move(value);
  return t;
}

}  // namespace

bool parse_short_port(std::string_view s, model::Port& out) {
  size_t slash = s.find('/');
  s = s.substr(0, slash);
  if (!s.empty() && s.front() == '[') {  // [ipv6]:host:container
    size_t close = s.find(']');
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != ':')
      return false;
    out.host_ip = std::string(s.substr(1, close - 1));
    s = s.substr(close + 2);
    auto parts = split(s, ':');
    if (parts.size() != 2) return false;
    out.host_port = std::string(parts[0]);
    out.container_port = std::string(parts[1]);
    return !out.container_port.empty();
  }
  auto parts = split(s, ':');
  if (parts.size() == 1) {
    out.container_port = std::string(parts[0]);
  } else if (parts.size() == 2) {
    out.host_port = std::string(parts[0]);
    out.container_port = std::string(parts[1]);
  } else if (parts.size() == 3) {
    out.host_ip = std::string(parts[0]);
    out.host_port = std::string(parts[1]);
    out.container_port = std::string(parts[2]);
  } else {
    return false;
  }
  return !out.container_port.empty();
}

model::Network ServiceExtractor::network(const Node* key, const Node* body) {
  model::Network net;
  net.name = key->text;
  std::string path = child_path("networks", key->text);
  net.ref = Reader::ref(key, path);
  if (!rd_.is_map(body, path)) return net;
  net.internal = rd_.boolean(body->find("internal"), child_path(path, "internal"));
  if (const Node* ext = body->find("external")) {
    if (ext->is_map()) {  // legacy `external: {name: x}`
      net.external = Sourced<bool>{true, Reader::ref(ext, child_path(path, "external")), true};
    } else {
      net.external = rd_.boolean(ext, child_path(path, "external"));
    }
  }
  (void)rd_.text(body->find("driver"), child_path(path, "driver"));  // checked, not used
  return net;
}

model::Workload ServiceExtractor::service(const Node* key, const Node* body) {
  model::Workload w;
  w.source = model::SourceKind::compose;
  w.kind = "service";
  w.name = key->text;
  w.namespace_ = project_;
  std::string base = child_path("services", key->text);
  w.ref = Reader::ref(key, base);
  model::Container c;
  c.name = key->text;
  c.ref = w.ref;
  bool has_networks = false;
  for (const auto& [k, v] : body->entries) {
    if (!k->is_scalar()) continue;
    const std::string& f = k->text;
    std::string path = child_path(base, f);
    auto& sec = c.security;
    if (f == "image") c.image = rd_.text(v, path);
    else if (f == "entrypoint") c.entrypoint = rd_.command(v, path);
    else if (f == "command") c.command = rd_.command(v, path);
    else if (f == "environment") environment(v, path, c);
    else if (f == "env_file") env_files(v, path, c);
    else if (f == "volumes") volumes(v, path, c);
    else if (f == "ports") ports(v, path, c);
    else if (f == "privileged") sec.privileged = rd_.boolean(v, path);
    else if (f == "cap_add") sec.cap_add = rd_.texts(v, path, false);
    else if (f == "cap_drop") sec.cap_drop = rd_.texts(v, path, false);
    else if (f == "security_opt") sec.security_opt = rd_.texts(v, path, false);
    else if (f == "read_only") (void)rd_.boolean(v, path);  // checked, not used
    else if (f == "user") (void)rd_.text(v, path);
    else if (f == "devices") {
      if (v->is_seq()) {
        for (size_t i = 0; i < v->items.size(); ++i) {
          const Node* d = v->items[i];
          const Node* src = d->is_map() ? d->find("source") : d;
          if (src) sec.devices.push_back(rd_.text(src, item_path(path, i)));
        }
      } else {
        rd_.is_seq(v, path);
      }
    } else if (f == "network_mode") {
      w.network_mode = rd_.text(v, path);
      if (w.network_mode.value == "host") w.host.network = {true, w.network_mode.ref, true};
    } else if (f == "pid") host_mode(v, path, w.host.pid);
    else if (f == "ipc") host_mode(v, path, w.host.ipc);
    else if (f == "uts") host_mode(v, path, w.host.uts);
    else if (f == "userns_mode") host_mode(v, path, w.host.userns);
    else if (f == "healthcheck") healthcheck(k, v, path, c);
    else if (f == "deploy") deploy(v, path, c);
    else if (f == "mem_limit") c.resources.limits_memory = rd_.text(v, path);
    else if (f == "cpus" || f == "cpu_quota") {
      if (!c.resources.limits_cpu.set) c.resources.limits_cpu = rd_.text(v, path);
    } else if (f == "mem_reservation") c.resources.requests_memory = rd_.text(v, path);
    else if (f == "restart") w.restart = rd_.text(v, path);
    else if (f == "depends_on") depends_on(v, path, w);
    else if (f == "networks") {
      has_networks = true;
      networks(v, path, w);
    } else if (f == "labels") labels(v, path, w.labels);
    else if (f == "annotations") labels(v, path, w.annotations);
  }
  w.default_network = !has_networks && !w.network_mode.set;
  w.containers.push_back(std::move(c));
  return w;
}

void ServiceExtractor::host_mode(const Node* n, const std::string& path, Sourced<bool>& flag) {
  model::Text t = rd_.text(n, path);
  if (t.set && t.value == "host") flag = {true, t.ref, true};
}

void ServiceExtractor::environment(const Node* n, const std::string& path, model::Container& c) {
  if (!rd_.is_map(n, path)) return;
  for (const auto& [k, v] : n->entries) {
    if (!k->is_scalar()) continue;
    model::EnvVar e;
    e.name = k->text;
    std::string p = child_path(path, k->text);
    e.ref = Reader::ref(k, p);
    if (v->is_null()) {
      e.kind = model::EnvKind::unset;
    } else {
      e.value = rd_.text(v, p);
      if (!e.value.set) continue;
      e.kind = model::is_written(e.value.origin) ? model::EnvKind::literal
                                                 : model::EnvKind::reference;
      if (e.value.origin == Origin::env_file) e.ref.at = e.value.ref.at;
    }
    // An entry in `environment` replaces the same name from env_file.
    std::erase_if(c.env, [&](const model::EnvVar& x) { return x.name == e.name; });
    c.env.push_back(std::move(e));
  }
}

void ServiceExtractor::env_files(const Node* n, const std::string& path, model::Container& c) {
  std::vector<std::pair<const Node*, bool>> files;  // path node, required
  if (n->is_scalar()) {
    files.emplace_back(n, true);
  } else if (rd_.is_seq(n, path)) {
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* item = n->items[i];
      if (item->is_scalar()) {
        files.emplace_back(item, true);
      } else if (rd_.is_map(item, item_path(path, i))) {
        const Node* p = item->find("path");
        auto req = rd_.boolean(item->find("required"), item_path(path, i) + ".required");
        if (p && p->is_scalar()) files.emplace_back(p, !req.set || req.value);
      }
    }
  }
  std::set<std::string> explicit_names;
  for (const auto& e : c.env) explicit_names.insert(e.name);
  for (const auto& [p, required] : files) {
    std::string file_path = join_path(dir_of(ctx_.files.path(p->at.file)), p->text);
    std::error_code ec;
    if (!std::filesystem::exists(file_path, ec)) {
      if (required) rd_.error(fmt::format("{}: env file '{}' not found", path, p->text), p->at);
      continue;
    }
    if (ctx_.boundary)
      if (auto e = ctx_.boundary->refuse(file_path, "env file", p->at)) {
        ctx_.errors.push_back(*e);
        continue;
      }
    uint32_t id = ctx_.files.add(file_path, InputKind::compose);
    auto text = read_file(file_path, id, ctx_.limits.max_env_file_bytes, "limits.max_env_file_kb");
    if (!text) {
      ctx_.errors.push_back(text.error());
      continue;
    }
    ctx_.saw_text(*text, id);
    auto entries = parse_env_file(*text, id);
    if (!entries) {
      ctx_.errors.push_back(entries.error());
      continue;
    }
    for (const auto& entry : *entries) {
      if (explicit_names.count(entry.name)) continue;
      model::EnvVar e;
      e.name = entry.name;
      e.ref = NodeRef{entry.at, child_path(path, entry.name)};
      if (!entry.has_value) {
        e.kind = model::EnvKind::unset;
      } else {
        e.kind = model::EnvKind::literal;
        e.value =
            model::Text{entry.value, NodeRef{entry.value_at, e.ref.path}, Origin::env_file, true};
      }
      std::erase_if(c.env, [&](const model::EnvVar& x) { return x.name == e.name; });
      c.env.push_back(std::move(e));
    }
  }
}

void ServiceExtractor::volumes(const Node* n, const std::string& path, model::Container& c) {
  if (!rd_.is_seq(n, path)) return;
  for (size_t i = 0; i < n->items.size(); ++i) {
    const Node* item = n->items[i];
    std::string p = item_path(path, i);
    model::Mount m;
    m.ref = Reader::ref(item, p);
    if (item->is_scalar()) {
      auto parts = split(item->text, ':');
      if (parts.size() > 1) {  // one part: an anonymous volume at that path
        m.source = text_at(std::string(parts[0]), item, p);
        m.type = is_bind_source(parts[0]) ? model::MountType::bind : model::MountType::volume;
        if (parts.size() >= 3)
          for (auto opt : split(parts[2], ','))
            if (opt == "ro") m.read_only = true;
      }
    } else if (rd_.is_map(item, p)) {
      model::Text type = rd_.text(item->find("type"), p + ".type");
      std::string t = type.set ? type.value : "volume";
      m.type = t == "bind"     ? model::MountType::bind
               : t == "tmpfs"  ? model::MountType::tmpfs
               : t == "npipe"  ? model::MountType::npipe
               : t == "volume" ? model::MountType::volume
                               : model::MountType::other;
      if (const Node* s = item->find("source")) {
        m.source = rd_.text(s, p + ".source");
        m.ref = Reader::ref(s, p + ".source");
      }
      (void)rd_.text(item->find("target"), p + ".target");
      m.read_only = rd_.boolean(item->find("read_only"), p + ".read_only").value;
    } else {
      continue;
    }
    c.mounts.push_back(std::move(m));
  }
}

void ServiceExtractor::ports(const Node* n, const std::string& path, model::Container& c) {
  if (!rd_.is_seq(n, path)) return;
  for (size_t i = 0; i < n->items.size(); ++i) {
    const Node* item = n->items[i];
    std::string p = item_path(path, i);
    model::Port port;
    port.ref = Reader::ref(item, p);
    if (item->is_scalar()) {
      // A port built from an unset variable (`"${API_PORT}:80"`) is unknown here, not wrong.
      if (!model::is_written(static_cast<Origin>(item->origin))) {
        parse_short_port(item->text, port);
        c.ports.push_back(std::move(port));
        continue;
      }
      if (!parse_short_port(item->text, port)) {
        rd_.error(fmt::format("{}: invalid port '{}'", p, item->text.substr(0, 40)), item->at);
        continue;
      }
    } else if (rd_.is_map(item, p)) {
      port.container_port = rd_.text(item->find("target"), p + ".target").value;
      port.host_port = rd_.text(item->find("published"), p + ".published").value;
      port.host_ip = rd_.text(item->find("host_ip"), p + ".host_ip").value;
      (void)rd_.text(item->find("protocol"), p + ".protocol");
    } else {
      continue;
    }
    c.ports.push_back(std::move(port));
  }
}

void ServiceExtractor::healthcheck(const Node* key, const Node* n, const std::string& path,
                                   model::Container& c) {
  model::Probe probe;
  probe.kind = model::ProbeKind::healthcheck;
  probe.ref = Reader::ref(key, path);
  probe.test_ref = probe.ref;
  if (!rd_.is_map(n, path)) {
    c.probes.push_back(std::move(probe));
    return;
  }
  if (auto d = rd_.boolean(n->find("disable"), path + ".disable"); d.set && d.value) {
    probe.disabled = true;
    probe.test_ref = d.ref;
  }
  if (const Node* test = n->find("test")) {
    probe.test_ref = Reader::ref(test, path + ".test");
    if (test->is_scalar()) {
      probe.handler = "CMD-SHELL";
      probe.command.push_back(test->text);
    } else if (test->is_seq()) {
      auto words = rd_.texts(test, path + ".test", false);
      if (!words.empty()) {
        probe.handler = words.front().value;
        for (size_t i = 1; i < words.size(); ++i) probe.command.push_back(words[i].value);
      }
      if (probe.handler != "CMD" && probe.handler != "CMD-SHELL" && probe.handler != "NONE")
        rd_.error(fmt::format("{}.test: a list test must start with CMD, CMD-SHELL or NONE", path),
                  test->at);
      if (probe.handler == "NONE") probe.disabled = true;
    } else {
      rd_.type_error(test, path + ".test", "a string or a sequence");
    }
  }
  c.probes.push_back(std::move(probe));
}

void ServiceExtractor::deploy(const Node* n, const std::string& path, model::Container& c) {
  if (!rd_.is_map(n, path)) return;
  const Node* res = n->find("resources");
  std::string rp = path + ".resources";
  if (!rd_.is_map(res, rp)) return;
  if (const Node* lim = res->find("limits"); rd_.is_map(lim, rp + ".limits")) {
    if (auto m = rd_.text(lim->find("memory"), rp + ".limits.memory"); m.set)
      c.resources.limits_memory = m;
    if (auto m = rd_.text(lim->find("cpus"), rp + ".limits.cpus"); m.set)
      c.resources.limits_cpu = m;
  }
  if (const Node* r = res->find("reservations"); rd_.is_map(r, rp + ".reservations")) {
    if (auto m = rd_.text(r->find("memory"), rp + ".reservations.memory"); m.set)
      c.resources.requests_memory = m;
    if (auto m = rd_.text(r->find("cpus"), rp + ".reservations.cpus"); m.set)
      c.resources.requests_cpu = m;
  }
}

void ServiceExtractor::networks(const Node* n, const std::string& path, model::Workload& w) {
  if (!rd_.is_map(n, path)) return;
  for (const auto& [k, v] : n->entries)
    if (k->is_scalar()) w.networks.push_back(to_text(k, child_path(path, k->text)));
}

void ServiceExtractor::depends_on(const Node* n, const std::string& path, model::Workload& w) {
  if (!rd_.is_map(n, path)) return;
  for (const auto& [k, v] : n->entries) {
    if (!k->is_scalar()) continue;
    model::Dependency d;
    d.service = k->text;
    d.condition = "service_started";
    d.ref = Reader::ref(k, child_path(path, k->text));
    if (v->is_map()) {
      if (const Node* cond = v->find("condition"); cond && cond->is_scalar()) {
        d.condition = cond->text;
        d.ref = Reader::ref(cond, child_path(path, k->text) + ".condition");
      }
    }
    w.depends_on.push_back(std::move(d));
  }
}

void ServiceExtractor::labels(const Node* n, const std::string& path,
                              std::map<std::string, model::Text>& out) {
  if (!rd_.is_map(n, path)) return;
  for (const auto& [k, v] : n->entries) {
    if (!k->is_scalar()) continue;
    std::string p = child_path(path, k->text);
    model::Text t = v->is_null() ? model::Text{"", Reader::ref(k, p), Origin::literal, true}
                                 : rd_.text(v, p);
    if (t.set) out[k->text] = std::move(t);
  }
}

}  // namespace shipshape::load
