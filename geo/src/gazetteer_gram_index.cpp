// See gazetteer_gram_index.h.
#include "gazetteer_gram_index.h"

#include <algorithm>

namespace annals::detail {

namespace {

constexpr char32_t kBegin = 0x110000;  // outside Unicode: cannot collide with text
constexpr char32_t kEnd = 0x110001;
constexpr std::uint32_t kNoId = 0xFFFFFFFFu;

std::size_t slot_of(Gram gram, std::size_t mask) {
  // Fibonacci hashing: bigrams of nearby code points differ in low bits only.
  return static_cast<std::size_t>((gram * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

}  // namespace

void bigrams(std::u32string_view key, std::vector<Gram>& out) {
  out.clear();
  char32_t prev = kBegin;
  for (char32_t c : key) {
    out.push_back((static_cast<Gram>(prev) << 32) | c);
    prev = c;
  }
  out.push_back((static_cast<Gram>(prev) << 32) | kEnd);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::uint32_t GramIndex::id_of(Gram gram) const {
  if (slots_.empty()) return kNoId;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = slot_of(gram, mask);; s = (s + 1) & mask) {
    if (slots_[s].gram == gram) return slots_[s].id;
    if (slots_[s].gram == kEmptySlot) return kNoId;
  }
}

std::uint32_t GramIndex::insert(Gram gram) {
  if (2 * (distinct_ + 1) > slots_.size()) grow();  // load factor <= 1/2
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = slot_of(gram, mask);; s = (s + 1) & mask) {
    if (slots_[s].gram == gram) return slots_[s].id;
    if (slots_[s].gram == kEmptySlot) {
      slots_[s] = {gram, distinct_};
      return distinct_++;
    }
  }
}

void GramIndex::grow() {
  std::vector<Slot> old(std::max<std::size_t>(1024, 2 * slots_.size()));
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.gram == kEmptySlot) continue;
    std::size_t s = slot_of(slot.gram, mask);
    while (slots_[s].gram != kEmptySlot) s = (s + 1) & mask;
    slots_[s] = slot;
  }
}

void GramIndex::add_key(std::u32string_view key) {
  bigrams(key, scratch_);
  for (Gram g : scratch_) pending_ids_.push_back(insert(g));
  pending_end_.push_back(static_cast<std::uint32_t>(pending_ids_.size()));
}

void GramIndex::finish() {
  // Counting sort by gram id; keys are visited in order, so every posting
  // list is sorted without a sort.
  first_.assign(distinct_ + 1, 0);
  for (std::uint32_t id : pending_ids_) ++first_[id + 1];
  for (std::size_t g = 0; g < distinct_; ++g) first_[g + 1] += first_[g];
  keys_.resize(pending_ids_.size());
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  std::uint32_t begin = 0;
  for (std::uint32_t k = 0; k < pending_end_.size(); ++k) {
    for (std::uint32_t i = begin; i < pending_end_[k]; ++i) keys_[fill[pending_ids_[i]]++] = k;
    begin = pending_end_[k];
  }
  pending_ids_ = {};
  pending_end_ = {};
  scratch_ = {};
}

std::span<const std::uint32_t> GramIndex::keys_with(Gram gram) const {
  const std::uint32_t id = id_of(gram);
  if (id == kNoId) return {};
  return {keys_.data() + first_[id], keys_.data() + first_[id + 1]};
}

}  // namespace annals::detail
