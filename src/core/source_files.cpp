#include "core/source_files.hpp"

#include <algorithm>

namespace shipshape {

SourceFiles::SourceFiles() { entries_.emplace_back(); }

uint32_t SourceFiles::add(std::string display, InputKind kind) {
  std::lock_guard lock(mu_);
  entries_.push_back(Entry{std::move(display), {}, std::nullopt, false, kind});
  return static_cast<uint32_t>(entries_.size() - 1);
}

void SourceFiles::set_kind(uint32_t id, InputKind kind) {
  std::lock_guard lock(mu_);
  if (id < entries_.size()) entries_[id].kind = kind;
}

InputKind SourceFiles::kind(uint32_t id) const {
  std::lock_guard lock(mu_);
  return id < entries_.size() ? entries_[id].kind : InputKind::unknown;
}

uint32_t SourceFiles::add_unread(std::string display) {
  std::lock_guard lock(mu_);
  entries_.push_back(Entry{std::move(display), {}, std::nullopt, true});
  return static_cast<uint32_t>(entries_.size() - 1);
}

bool SourceFiles::is_unread(uint32_t id) const {
  std::lock_guard lock(mu_);
  return id < entries_.size() && entries_[id].unread;
}

const std::string& SourceFiles::path(uint32_t id) const {
  std::lock_guard lock(mu_);
  // deque references stay valid while elements are only appended.
  return id < entries_.size() ? entries_[id].path : entries_[0].path;
}

uint32_t SourceFiles::size() const {
  std::lock_guard lock(mu_);
  return static_cast<uint32_t>(entries_.size());
}

void SourceFiles::add_helm_source(uint32_t file, uint32_t first_line, std::string source) {
  std::lock_guard lock(mu_);
  if (file >= entries_.size()) return;
  auto [it, added] =
      template_ids_.try_emplace(std::move(source), static_cast<uint32_t>(templates_.size()));
  if (added) templates_.push_back(&it->first);
  entries_[file].helm_sources.emplace_back(first_line, it->second);
}

std::string SourceFiles::helm_source(const Location& at) const {
  std::lock_guard lock(mu_);
  if (at.file >= entries_.size()) return {};
  const auto& ranges = entries_[at.file].helm_sources;
  auto it = std::upper_bound(ranges.begin(), ranges.end(), at.line,
                             [](uint32_t line, const auto& r) { return line < r.first; });
  if (it == ranges.begin()) return {};
  return *templates_[std::prev(it)->second];
}

void SourceFiles::keep_text(uint32_t file, std::string text) {
  std::lock_guard lock(mu_);
  if (file < entries_.size()) entries_[file].text = std::move(text);
}

std::optional<std::string> SourceFiles::kept_text(uint32_t file) const {
  std::lock_guard lock(mu_);
  if (file >= entries_.size()) return std::nullopt;
  return entries_[file].text;
}

}  // namespace shipshape
