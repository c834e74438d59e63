#include "rules/cross_input.hpp"

#include <algorithm>
#include <tuple>

#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

std::optional<std::string_view> IndexedWorkload::label(std::string_view key) const {
  PackedReader r(labels);
  for (uint64_t n = r.number(); n > 0; --n) {
    std::string_view k = r.text(), v = r.text();
    if (k == key) return v;
  }
  return std::nullopt;
}

void CrossInputIndex::add(size_t slot, const model::Model& part,
                          const std::vector<FoundSecret>& secrets) {
  auto s = static_cast<uint32_t>(slot);
  PackedWriter& w = scratch_;
  for (const FoundSecret& f : secrets) {
    w.clear();
    w.number(static_cast<uint64_t>(f.detection.kind))
        .text(f.detection.secret)
        .text(f.candidate.label)
        .text(f.candidate.subject)
        .text(f.candidate.value.ref.path);
    secrets_.push_back({s, f.candidate.value.ref.at, arena_.add(w.bytes())});
  }
  for (const model::Workload& wl : part.workloads) {
    if (wl.source != model::SourceKind::kubernetes) continue;
    w.clear();
    w.text(wl.namespace_)
        .text(wl.subject())
        .text(wl.named())
        .text(wl.ref.path)
        .number(wl.labels.size());
    for (const auto& [key, value] : wl.labels) w.text(key).text(value.value);
    workloads_.push_back({s, wl.ref.at, arena_.add(w.bytes())});
  }
  for (const model::NetworkPolicy& np : part.network_policies)
    if (np.pod_selector.set) policies_.push_back(IndexedPolicy{np.namespace_, np.pod_selector});
}

void CrossInputIndex::seal() {
  // Within a slot, records were added in order: their places in the arena order them.
  auto by_slot = [](const Entry& a, const Entry& b) {
    return std::tie(a.slot, a.record) < std::tie(b.slot, b.record);
  };
  // Secrets by value, so each value's holders are side by side.
  std::sort(secrets_.begin(), secrets_.end(), [&](const Entry& a, const Entry& b) {
    if (auto c = secret_of(a) <=> secret_of(b); c != 0) return c < 0;
    return by_slot(a, b);
  });
  std::sort(workloads_.begin(), workloads_.end(), by_slot);
}

std::string_view CrossInputIndex::secret_of(const Entry& e) const {
  PackedReader r(arena_.at(e.record));
  r.number();
  return r.text();
}

IndexedSecret CrossInputIndex::secret(const Entry& e) const {
  PackedReader r(arena_.at(e.record));
  IndexedSecret k;
  k.kind = static_cast<secrets::DetectionKind>(r.number());
  k.secret = r.text();
  k.label = r.text();
  k.subject = r.text();
  k.at = e.at;
  k.path = r.text();
  return k;
}

void CrossInputIndex::for_each_repeated_secret(
    const std::function<void(std::span<const IndexedSecret>)>& fn) const {
  std::vector<IndexedSecret> group;
  for (size_t i = 0, j; i < secrets_.size(); i = j) {
    std::string_view value = secret_of(secrets_[i]);
    for (j = i + 1; j < secrets_.size() && secret_of(secrets_[j]) == value;) ++j;
    if (j - i < 2) continue;
    group.clear();
    for (size_t k = i; k < j; ++k) group.push_back(secret(secrets_[k]));
    fn(group);
  }
}

std::vector<IndexedWorkload> CrossInputIndex::workloads() const {
  std::vector<IndexedWorkload> out;
  out.reserve(workloads_.size());
  for (const Entry& e : workloads_) {
    PackedReader r(arena_.at(e.record));
    IndexedWorkload k;
    k.namespace_ = r.text();
    k.subject = r.text();
    k.named = r.text();
    k.at = e.at;
    k.path = r.text();
    k.labels = r.position();
    out.push_back(k);
  }
  return out;
}

}  // namespace shipshape::rules
