// Ids seen while loading a gazetteer, each with the feature that used it
// first. Internal to annals_geo.
//
// An open-addressing table over one buffer of id bytes: a std::unordered_map
// of std::string cost a node (and often a string) allocation per feature,
// which showed up in profiles of 100,000-place gazetteers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

class IdMap {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Records `id` for `feature` unless already there; returns the feature
  // recorded before, or npos when `id` is new.
  std::size_t insert(std::string_view id, std::size_t feature) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const std::size_t hash = std::hash<std::string_view>{}(id);
    std::size_t s = probe(id, hash);
    if (slots_[s].used) return slots_[s].feature;
    slots_[s] = {hash, chars_.size(), id.size(), feature, true};
    chars_.append(id);
    ++count_;
    return npos;
  }

  // The feature recorded for `id`, or npos.
  std::size_t find(std::string_view id) const {
    if (slots_.empty()) return npos;
    const Slot& slot = slots_[probe(id, std::hash<std::string_view>{}(id))];
    return slot.used ? slot.feature : npos;
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::size_t offset = 0, length = 0;  // the id is chars_[offset, offset + length)
    std::size_t feature = 0;
    bool used = false;
  };

  // The slot holding `id`, or the empty slot where it belongs.
  std::size_t probe(std::string_view id, std::size_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      if (!slot.used) return s;
      if (slot.hash == hash && std::string_view(chars_).substr(slot.offset, slot.length) == id) return s;
    }
  }

  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (!slot.used) continue;
      std::size_t s = slot.hash & mask;
      while (slots_[s].used) s = (s + 1) & mask;
      slots_[s] = slot;
    }
  }

  std::string chars_;  // every id, back to back
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace annals::detail
