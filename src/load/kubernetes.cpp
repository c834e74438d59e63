#include "load/kubernetes.hpp"

#include <fmt/format.h>
#include <yaml-cpp/binary.h>

#include <set>

#include "load/reader.hpp"
#include "load/yaml_tree.hpp"

namespace shipshape::load {

namespace {

using model::Origin;
using model::Text;

const std::set<std::string, std::less<>> kTemplateKinds = {
    "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"};

class KubeLoader {
 public:
  KubeLoader(LoadContext& ctx, model::Model& out, uint32_t file)
      : ctx_(ctx), rd_(ctx), out_(out), file_(file) {}

  void document(const Node* doc) {
    if (doc->is_null()) return;
    if (!doc->is_map()) {
      rd_.error(fmt::format("expected a Kubernetes object (a mapping with 'kind'), got {}",
                            doc->describe()),
                doc->at);
      return;
    }
    object(doc, "");
  }

 private:
  std::string str(const Node* n) { return n && n->is_scalar() ? n->text : std::string(); }

  void object(const Node* obj, const std::string& prefix) {
    std::string kind = str(obj->find("kind"));
    if (kind.empty()) return;
    if (kind.ends_with("List")) {
      const Node* items = obj->find("items");
      if (rd_.is_seq(items, prefix + "items"))
        for (size_t i = 0; i < items->items.size(); ++i)
          if (rd_.is_map(items->items[i], item_path(prefix + "items", i)))
            object(items->items[i], item_path(prefix + "items", i) + ".");
      return;
    }
    const Node* meta = obj->find("metadata");
    if (meta && !rd_.is_map(meta, prefix + "metadata")) meta = nullptr;
    Meta m;
    m.kind = kind;
    if (meta) {
      m.name_node = meta->find("name");
      m.name = str(m.name_node);
      m.ns = str(meta->find("namespace"));
    }
    m.at = m.name_node ? m.name_node->at : obj->at;
    m.path = fmt::format("{}/{}{}{}:{}", kind, m.ns, m.ns.empty() ? "" : "/", m.name, prefix);
    m.annotations = meta ? meta->find("annotations") : nullptr;
    annotation_ignore(m.annotations, m.path);
    const Node* spec = obj->find("spec");
    if (kind == "Pod") {
      workload(m, meta ? meta->find("labels") : nullptr, spec, "spec");
    } else if (kTemplateKinds.count(kind)) {
      pod_template(m, spec, "spec");
    } else if (kind == "CronJob") {
      const Node* jt = spec && spec->is_map() ? spec->find("jobTemplate") : nullptr;
      const Node* js = jt && jt->is_map() ? jt->find("spec") : nullptr;
      pod_template(m, js, "spec.jobTemplate.spec");
    } else if (kind == "Secret" || kind == "ConfigMap") {
      config_object(m, obj);
    } else if (kind == "NetworkPolicy") {
      network_policy(m, spec);
    } else if (kind == "ServiceAccount" || kind == "Role" || kind == "ClusterRole" ||
               kind == "RoleBinding" || kind == "ClusterRoleBinding") {
      rbac(m, obj);
    }
  }

  struct Meta {
    std::string kind, name, ns, path;
    const Node* name_node = nullptr;
    const Node* annotations = nullptr;
    Location at;
  };

  void pod_template(const Meta& m, const Node* spec, const std::string& path) {
    if (!spec || !rd_.is_map(spec, m.path + path)) return;
    const Node* tmpl = spec->find("template");
    if (!tmpl || !rd_.is_map(tmpl, m.path + path + ".template")) return;
    const Node* tmeta = tmpl->find("metadata");
    const Node* labels = tmeta && tmeta->is_map() ? tmeta->find("labels") : nullptr;
    if (tmeta && tmeta->is_map()) annotation_ignore(tmeta->find("annotations"), m.path);
    model::Workload* w = workload(m, labels, tmpl->find("spec"), path + ".template.spec");
    if (w && tmeta && tmeta->is_map())
      annotations(tmeta->find("annotations"), w->annotations,
                  m.path + path + ".template.metadata.annotations");
  }

  // `shipshape.io/ignore: "SS203 -- reason"` suppresses findings about this object; unlike a
  // comment it survives `helm template`.
  void annotation_ignore(const Node* annotations, const std::string& scope) {
    if (!annotations || !annotations->is_map()) return;
    const Node* v = annotations->find("shipshape.io/ignore");
    if (!v || !v->is_scalar()) return;
    Ignore ig = parse_ignore(v->text);
    ig.at = v->at;
    ig.scope = scope;
    out_.ignores.push_back(std::move(ig));
  }

  void annotations(const Node* n, std::map<std::string, Text>& out, const std::string& path) {
    if (!n || !n->is_map()) return;
    for (const auto& [k, v] : n->entries)
      if (k->is_scalar() && v->is_scalar()) out[k->text] = to_text(v, child_path(path, k->text));
  }

  model::Workload* workload(const Meta& m, const Node* labels, const Node* spec,
                            const std::string& rel) {
    std::string path = m.path + rel;
    if (!spec || !rd_.is_map(spec, path)) return nullptr;
    model::Workload w;
    w.source = model::SourceKind::kubernetes;
    w.kind = m.kind;
    w.name = m.name;
    w.namespace_ = m.ns;
    w.ref = NodeRef{m.at, m.path + "metadata.name"};
    if (labels && rd_.is_map(labels, path + ".labels"))
      for (const auto& [k, v] : labels->entries)
        if (k->is_scalar() && v->is_scalar())
          w.labels[k->text] = to_text(v, path + ".labels." + k->text);
    annotations(m.annotations, w.annotations, m.path + "metadata.annotations");
    w.host.network = rd_.boolean(spec->find("hostNetwork"), path + ".hostNetwork");
    w.host.pid = rd_.boolean(spec->find("hostPID"), path + ".hostPID");
    w.host.ipc = rd_.boolean(spec->find("hostIPC"), path + ".hostIPC");
    (void)rd_.text(spec->find("serviceAccountName"),
                   path + ".serviceAccountName");  // checked, not used
    w.restart = rd_.text(spec->find("restartPolicy"), path + ".restartPolicy");
    model::Security pod_sec;
    security(spec->find("securityContext"), path + ".securityContext", pod_sec);
    std::map<std::string, model::Mount> vols = volumes(spec->find("volumes"), path + ".volumes");
    for (const char* field : {"initContainers", "containers"}) {
      const Node* list = spec->find(field);
      std::string lp = path + "." + field;
      if (!rd_.is_seq(list, lp)) continue;
      for (size_t i = 0; i < list->items.size(); ++i) {
        const Node* c = list->items[i];
        if (!rd_.is_map(c, item_path(lp, i))) continue;
        w.containers.push_back(container(c, item_path(lp, i), vols, pod_sec));
        w.containers.back().init = std::string_view(field) == "initContainers";
      }
    }
    out_.workloads.push_back(std::move(w));
    return &out_.workloads.back();
  }

  std::map<std::string, model::Mount> volumes(const Node* n, const std::string& path) {
    std::map<std::string, model::Mount> out;
    if (!rd_.is_seq(n, path)) return out;
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* v = n->items[i];
      if (!v->is_map()) continue;
      std::string name = str(v->find("name"));
      std::string p = item_path(path, i);
      model::Mount m;
      m.ref = Reader::ref(v, p);
      if (const Node* hp = v->find("hostPath"); hp && hp->is_map()) {
        m.type = model::MountType::host_path;
        if (const Node* hpp = hp->find("path")) {
          m.source = rd_.text(hpp, p + ".hostPath.path");
          m.ref = m.source.ref;
        }
      } else if (v->find("secret")) {
        m.type = model::MountType::secret;
      } else if (v->find("configMap")) {
        m.type = model::MountType::config;
      } else {
        m.type = model::MountType::volume;
      }
      if (!m.source.set) m.source = Text{name, m.ref, Origin::literal, true};
      out[name] = std::move(m);
    }
    return out;
  }

  void security(const Node* n, const std::string& path, model::Security& s) {
    if (!rd_.is_map(n, path)) return;
    auto set_bool = [&](const char* key, Sourced<bool>& field) {
      if (auto b = rd_.boolean(n->find(key), path + "." + key); b.set) field = b;
    };
    set_bool("privileged", s.privileged);
    set_bool("allowPrivilegeEscalation", s.allow_privilege_escalation);
    // Checked (a wrong type is an error), not used by any rule.
    (void)rd_.boolean(n->find("runAsNonRoot"), path + ".runAsNonRoot");
    (void)rd_.boolean(n->find("readOnlyRootFilesystem"), path + ".readOnlyRootFilesystem");
    (void)rd_.text(n->find("runAsUser"), path + ".runAsUser");
    if (const Node* caps = n->find("capabilities"); rd_.is_map(caps, path + ".capabilities")) {
      s.cap_add = rd_.texts(caps->find("add"), path + ".capabilities.add", false);
      s.cap_drop = rd_.texts(caps->find("drop"), path + ".capabilities.drop", false);
    }
    if (const Node* sp = n->find("seccompProfile"); rd_.is_map(sp, path + ".seccompProfile"))
      if (auto t = rd_.text(sp->find("type"), path + ".seccompProfile.type"); t.set)
        s.seccomp_profile = t;
    if (const Node* ap = n->find("appArmorProfile"); rd_.is_map(ap, path + ".appArmorProfile"))
      if (auto t = rd_.text(ap->find("type"), path + ".appArmorProfile.type"); t.set)
        s.apparmor_profile = t;
  }

  model::Container container(const Node* n, const std::string& path,
                             const std::map<std::string, model::Mount>& vols,
                             const model::Security& pod_sec) {
    model::Container c;
    const Node* name = n->find("name");
    c.name = str(name);
    c.ref = NodeRef{name ? name->at : n->at, path};
    c.image = rd_.text(n->find("image"), path + ".image");
    c.entrypoint = rd_.texts(n->find("command"), path + ".command", false);
    c.command = rd_.texts(n->find("args"), path + ".args", false);
    // Pod-level settings are the defaults a container may override.
    c.security.seccomp_profile = pod_sec.seccomp_profile;
    c.security.apparmor_profile = pod_sec.apparmor_profile;
    security(n->find("securityContext"), path + ".securityContext", c.security);
    env(n->find("env"), path + ".env", c);
    ports(n->find("ports"), path + ".ports", c);
    mounts(n->find("volumeMounts"), path + ".volumeMounts", vols, c);
    resources(n->find("resources"), path + ".resources", c);
    for (auto [key, kind] : {std::pair{"livenessProbe", model::ProbeKind::liveness},
                             std::pair{"readinessProbe", model::ProbeKind::readiness},
                             std::pair{"startupProbe", model::ProbeKind::startup}})
      probe(n, key, kind, path, c);
    return c;
  }

  void env(const Node* n, const std::string& path, model::Container& c) {
    if (!rd_.is_seq(n, path)) return;
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* e = n->items[i];
      std::string p = item_path(path, i);
      if (!rd_.is_map(e, p)) continue;
      model::EnvVar v;
      const Node* name = e->find("name");
      v.name = str(name);
      v.ref = NodeRef{name ? name->at : e->at, p};
      if (const Node* val = e->find("value")) {
        v.value = rd_.text(val, p + ".value");
        v.ref = v.value.set ? v.value.ref : v.ref;
        v.kind = model::EnvKind::literal;
      } else if (const Node* from = e->find("valueFrom"); from && from->is_map()) {
        v.kind = from->find("secretKeyRef")      ? model::EnvKind::secret_ref
                 : from->find("configMapKeyRef") ? model::EnvKind::config_map_ref
                                                 : model::EnvKind::field_ref;
      } else {
        v.kind = model::EnvKind::literal;
        v.value = Text{"", v.ref, Origin::literal, true};
      }
      c.env.push_back(std::move(v));
    }
  }

  void ports(const Node* n, const std::string& path, model::Container& c) {
    if (!rd_.is_seq(n, path)) return;
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* p = n->items[i];
      std::string pp = item_path(path, i);
      if (!rd_.is_map(p, pp)) continue;
      model::Port port;
      port.ref = Reader::ref(p, pp);
      port.container_port = rd_.text(p->find("containerPort"), pp + ".containerPort").value;
      port.host_port = rd_.text(p->find("hostPort"), pp + ".hostPort").value;
      port.host_ip = rd_.text(p->find("hostIP"), pp + ".hostIP").value;
      (void)rd_.text(p->find("protocol"), pp + ".protocol");
      c.ports.push_back(std::move(port));
    }
  }

  void mounts(const Node* n, const std::string& path,
              const std::map<std::string, model::Mount>& vols, model::Container& c) {
    if (!rd_.is_seq(n, path)) return;
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* vm = n->items[i];
      std::string p = item_path(path, i);
      if (!rd_.is_map(vm, p)) continue;
      auto it = vols.find(str(vm->find("name")));
      model::Mount m = it != vols.end() ? it->second : model::Mount{};
      (void)rd_.text(vm->find("mountPath"), p + ".mountPath");
      m.read_only = rd_.boolean(vm->find("readOnly"), p + ".readOnly").value;
      if (m.type != model::MountType::host_path) m.ref = Reader::ref(vm, p);
      c.mounts.push_back(std::move(m));
    }
  }

  void resources(const Node* n, const std::string& path, model::Container& c) {
    if (!rd_.is_map(n, path)) return;
    if (const Node* l = n->find("limits"); rd_.is_map(l, path + ".limits")) {
      c.resources.limits_memory = rd_.text(l->find("memory"), path + ".limits.memory");
      c.resources.limits_cpu = rd_.text(l->find("cpu"), path + ".limits.cpu");
    }
    if (const Node* r = n->find("requests"); rd_.is_map(r, path + ".requests")) {
      c.resources.requests_memory = rd_.text(r->find("memory"), path + ".requests.memory");
      c.resources.requests_cpu = rd_.text(r->find("cpu"), path + ".requests.cpu");
    }
  }

  void probe(const Node* container, const char* key, model::ProbeKind kind, const std::string& path,
             model::Container& c) {
    const Node* n = container->find(key);
    std::string p = path + "." + key;
    if (!n) return;
    model::Probe pr;
    pr.kind = kind;
    pr.ref = NodeRef{n->at, p};
    for (const auto& e : container->entries)
      if (e.first->is_scalar() && e.first->text == key) pr.ref.at = e.first->at;
    pr.test_ref = pr.ref;
    if (!rd_.is_map(n, p)) {
      c.probes.push_back(std::move(pr));
      return;
    }
    for (const char* t : {"initialDelaySeconds", "periodSeconds", "timeoutSeconds",
                          "failureThreshold", "successThreshold"})
      pr.timing += str(n->find(t)) + "/";
    for (const auto& [hk, hn] : n->entries) {
      const std::string& h = hk->text;
      if (!hk->is_scalar() || !hn->is_map() ||
          (h != "exec" && h != "httpGet" && h != "tcpSocket" && h != "grpc"))
        continue;
      pr.handler = h;
      pr.test_ref = NodeRef{hk->at, p + "." + h};  // the `exec:` line, not its first child
      for (auto& t : rd_.texts(hn->find("command"), p + "." + h + ".command", false))
        pr.command.push_back(t.value);
      pr.http_path = str(hn->find("path"));
      pr.port = str(hn->find("port"));
    }
    c.probes.push_back(std::move(pr));
  }

  void config_object(const Meta& m, const Node* obj) {
    model::ConfigObject o;
    o.kind = m.kind;
    o.name = m.name;
    o.namespace_ = m.ns;
    o.type = str(obj->find("type"));
    for (const char* field : {"data", "stringData"}) {
      const Node* data = obj->find(field);
      std::string path = m.path + field;
      if (!rd_.is_map(data, path)) continue;
      bool encoded = m.kind == "Secret" && std::string_view(field) == "data";
      for (const auto& [k, v] : data->entries) {
        if (!k->is_scalar()) continue;
        model::DataEntry e;
        e.key = k->text;
        std::string p = child_path(path, k->text);
        e.value = rd_.text(v, p);
        e.value.ref = NodeRef{k->at, p};
        if (encoded && !e.value.value.empty()) {
          auto bytes = YAML::DecodeBase64(e.value.value);
          if (bytes.empty()) {
            e.decode_failed = true;
            e.value.value.clear();
            out_.notes.push_back(
                {fmt::format("{} '{}' key '{}' is not valid base64", m.kind, m.name, k->text),
                 e.value.ref, m.ns.empty() ? "Secret " + m.name : "Secret " + m.ns + "/" + m.name});
          } else {
            e.value.value.assign(bytes.begin(), bytes.end());
          }
        }
        o.entries.push_back(std::move(e));
      }
    }
    out_.configs.push_back(std::move(o));
  }

  model::LabelSelector selector(const Node* n) {
    model::LabelSelector s;
    if (!n || !n->is_map()) return s;
    s.set = true;
    if (const Node* ml = n->find("matchLabels"); ml && ml->is_map())
      for (const auto& [k, v] : ml->entries)
        if (k->is_scalar() && v->is_scalar()) s.match_labels[k->text] = v->text;
    if (const Node* me = n->find("matchExpressions"); me && me->is_seq())
      for (const Node* e : me->items) {
        if (!e->is_map()) continue;
        model::LabelRequirement r{str(e->find("key")), str(e->find("operator")), {}};
        if (const Node* vals = e->find("values"); vals && vals->is_seq())
          for (const Node* v : vals->items) r.values.push_back(str(v));
        s.match_expressions.push_back(std::move(r));
      }
    return s;
  }

  std::vector<model::PolicyRule> policy_rules(const Node* n, const char* peers_key,
                                              const std::string& path) {
    std::vector<model::PolicyRule> out;
    if (!rd_.is_seq(n, path)) return out;
    for (size_t i = 0; i < n->items.size(); ++i) {
      const Node* r = n->items[i];
      model::PolicyRule rule;
      rule.ref = Reader::ref(r, item_path(path, i));
      if (r->is_map()) {
        if (const Node* peers = r->find(peers_key); peers && peers->is_seq())
          for (const Node* p : peers->items) {
            if (!p->is_map()) continue;
            model::PolicyPeer peer;
            peer.pod_selector = selector(p->find("podSelector"));
            peer.namespace_selector = selector(p->find("namespaceSelector"));
            if (const Node* ib = p->find("ipBlock"); ib && ib->is_map())
              peer.ip_block = str(ib->find("cidr"));
            rule.peers.push_back(std::move(peer));
          }
        if (const Node* ports = r->find("ports"); ports && ports->is_seq())
          for (const Node* p : ports->items)
            if (p->is_map()) rule.ports.push_back(str(p->find("port")));
      }
      out.push_back(std::move(rule));
    }
    return out;
  }

  void network_policy(const Meta& m, const Node* spec) {
    model::NetworkPolicy np;
    np.name = m.name;
    np.namespace_ = m.ns;
    np.ref = NodeRef{m.at, m.path + "metadata.name"};
    if (spec && rd_.is_map(spec, m.path + "spec")) {
      np.pod_selector = selector(spec->find("podSelector"));
      for (auto& t : rd_.texts(spec->find("policyTypes"), m.path + "spec.policyTypes", false))
        np.policy_types.push_back(t.value);
      np.has_ingress_key = spec->find("ingress") != nullptr;
      np.has_egress_key = spec->find("egress") != nullptr;
      np.ingress = policy_rules(spec->find("ingress"), "from", m.path + "spec.ingress");
      np.egress = policy_rules(spec->find("egress"), "to", m.path + "spec.egress");
    }
    out_.network_policies.push_back(std::move(np));
  }

  void rbac(const Meta& m, const Node* obj) {
    model::RbacObject r;
    r.kind = m.kind;
    r.name = m.name;
    r.namespace_ = m.ns;
    r.ref = NodeRef{m.at, m.path + "metadata.name"};
    if (const Node* rules = obj->find("rules"); rd_.is_seq(rules, m.path + "rules"))
      for (size_t i = 0; i < rules->items.size(); ++i) {
        const Node* rule = rules->items[i];
        std::string p = item_path(m.path + "rules", i);
        if (!rd_.is_map(rule, p)) continue;
        model::RbacRule rr;
        rr.ref = Reader::ref(rule, p);
        for (auto& t : rd_.texts(rule->find("apiGroups"), p + ".apiGroups", false))
          rr.api_groups.push_back(t.value);
        for (auto& t : rd_.texts(rule->find("resources"), p + ".resources", false))
          rr.resources.push_back(t.value);
        for (auto& t : rd_.texts(rule->find("verbs"), p + ".verbs", false))
          rr.verbs.push_back(t.value);
        r.rules.push_back(std::move(rr));
      }
    if (const Node* subs = obj->find("subjects"); subs && subs->is_seq())
      for (const Node* s : subs->items)
        if (s->is_map())
          r.subjects.push_back(
              {str(s->find("kind")), str(s->find("name")), str(s->find("namespace"))});
    if (const Node* rr = obj->find("roleRef"); rr && rr->is_map()) {
      r.role_ref_kind = str(rr->find("kind"));
      r.role_ref_name = str(rr->find("name"));
    }
    out_.rbac.push_back(std::move(r));
  }

  LoadContext& ctx_;
  Reader rd_;
  model::Model& out_;
  uint32_t file_;
};

}  // namespace

void record_helm_sources(std::string_view text, uint32_t file, SourceFiles& files) {
  uint32_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view l = text.substr(pos, eol - pos);
    if (l.starts_with("# Source: ")) {
      std::string_view src = l.substr(10);
      while (!src.empty() && (src.back() == '\r' || src.back() == ' ')) src.remove_suffix(1);
      files.add_helm_source(file, line, std::string(src));
    } else if (l.starts_with("---")) {
      files.add_helm_source(file, line, "");
    }
    pos = eol + 1;
    ++line;
  }
}

void load_kubernetes(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out) {
  record_helm_sources(text, file, ctx.files);
  Arena arena;
  YamlParse parsed = parse_yaml(text, file, arena, ctx.limits.yaml);
  for (auto& e : parsed.errors) ctx.errors.push_back(e);
  KubeLoader loader(ctx, out, file);
  for (const Node* doc : parsed.documents) loader.document(doc);
}

}  // namespace shipshape::load
