// The fuzzy-search filter of the gazetteer: for every padded bigram of code
// points, the keys (numbered by the caller) that contain it. Internal to
// annals_geo.
//
// Kept as flat arrays (a posting list per bigram, all in one vector, found
// through an open-addressing table) rather than a hash map of vectors: with
// a few hundred thousand keys the map's node and vector allocations cost
// more than the rest of index building.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace annals::detail {

using Gram = std::uint64_t;

// Padded bigrams of a key, sorted and deduplicated: "^a", "ab", "b$" for
// "ab". Overwrites `out`.
void bigrams(std::u32string_view key, std::vector<Gram>& out);

class GramIndex {
 public:
  // Adds the next key: keys are numbered 0, 1, ... in the order added, and
  // every posting list comes out in that order.
  void add_key(std::u32string_view key);
  // Builds the posting lists; call once, after the last add_key.
  void finish();
  // The keys containing `gram`, in increasing order (empty if none).
  std::span<const std::uint32_t> keys_with(Gram gram) const;

 private:
  static constexpr Gram kEmptySlot = ~Gram{0};  // not a bigram: its halves are not code points
  std::uint32_t id_of(Gram gram) const;         // kNoId when absent
  std::uint32_t insert(Gram gram);
  void grow();

  // Open addressing, linear probing; gram and id side by side, so that a
  // probe touches one cache line.
  struct Slot {
    Gram gram = kEmptySlot;
    std::uint32_t id = 0;
  };
  std::vector<Slot> slots_;
  std::uint32_t distinct_ = 0;
  // Posting lists of gram id g: keys_[first_[g] .. first_[g + 1]).
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> keys_;
  // While adding: the gram ids of every key, and where each key's ids end.
  std::vector<std::uint32_t> pending_ids_;
  std::vector<std::uint32_t> pending_end_;
  std::vector<Gram> scratch_;
};

}  // namespace annals::detail
