// The plan of a fix: one parsed copy of each file a fix touches, with the edits and the
// intents (keys to set, lines to add) of every fixer that ran on it, so that fixes to one file
// compose; and the helpers fixers share to find what a finding is about.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "fix/fix.hpp"
#include "fix/yaml_edit.hpp"
#include "model/model.hpp"

namespace shipshape::fix {

/// A file's text ("" when it cannot be read).
std::string read(const std::string& path);

class Plan {
 public:
  Plan(const model::Model& m, const SourceFiles& f) : model(m), files(f) {}
  const model::Model& model;
  const SourceFiles& files;
  std::string description;
  std::vector<std::string> advice;

  YamlFile* yaml(const std::string& path, uint32_t line) {
    auto key = path + "#" + std::to_string(doc_of(path, line));
    auto it = yamls_.find(key);
    if (it == yamls_.end())
      it = yamls_.emplace(key, std::make_unique<YamlFile>(read(path), line)).first;
    return it->second->ok() ? it->second.get() : nullptr;
  }
  void edit(const std::string& path, Edit e) { edits_[path].insert(std::move(e)); }
  /// Removes one item (its lines) of the block sequence under `key`; when every item goes,
  /// the key goes too (an empty `volumes:` is not a list).
  void remove_item(const std::string& path, YamlFile& y, const load::Node* key,
                   const load::Node* seq, const load::Node* item) {
    for (uint32_t l = item->at.line; l <= y.last_line(item); ++l) edit(path, y.remove_line(l));
    auto& removed = removed_items_[{path, key->at.line}];
    removed.insert(item->at.line);
    if (removed.size() == seq->items.size()) edit(path, y.remove_line(key->at.line));
  }
  bool tier_policy = false;
  void add_line(const std::string& path, const std::string& line) { added_[path].insert(line); }

  std::vector<FileChange> changes() const;

 private:
  // Documents of a stream are parsed separately; the key tells them apart.
  uint32_t doc_of(const std::string& path, uint32_t line);
  std::map<std::string, std::unique_ptr<YamlFile>> yamls_;
  std::map<std::string, std::vector<uint32_t>> doc_starts_;
  std::map<std::string, std::set<Edit>> edits_;
  std::map<std::string, std::set<std::string>> added_;
  std::map<std::pair<std::string, uint32_t>, std::set<uint32_t>> removed_items_;
};

/// A logical path split into keys and `[i]` items: "a.b[0].c" -> a, b, [0], c.
std::vector<std::string> split_path(const std::string& path);
/// The workload and container a finding is about (nullptr when the model has none).
std::pair<const model::Workload*, const model::Container*> subject_of(const engine::Finding& f,
                                                                      const Plan& p);
/// The structural part of a Kubernetes logical path ("Deployment/ns/web:spec.template..."):
/// after the last ':', since metadata.name may hold one but the structural path never does.
std::vector<std::string> manifest_path(std::string_view logical);
/// The YAML path of a workload's container in its file: the service's key for compose (taken
/// from the model, since a service key may contain '.' or ':'), the pod spec's for Kubernetes.
std::vector<std::string> container_path(const model::Workload& w, const model::Container& c);
/// Whether a workload is a compose service.
bool compose(const model::Workload* w);
/// The repository part of an image reference: "docker.io/library/redis:7" -> "redis".
std::string repo(const std::string& image);

}  // namespace shipshape::fix
