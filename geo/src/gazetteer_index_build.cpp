// Building the gazetteer's indexes (see gazetteer_index.h): run once per
// load, so its cost is part of every Gazetteer::load.
#include <algorithm>
#include <cstdint>
#include <memory>

#include "gazetteer_index.h"
#include "gazetteer_text.h"

namespace annals {

using detail::axis_value;
using detail::unit_vector;
using detail::Vec3;

// Defined here, where Index is a complete type (unique_ptr needs it).
Gazetteer::Gazetteer() = default;
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

void Gazetteer::build_index() {
  index_ = std::make_unique<Index>();
  Index& ix = *index_;

  auto build_tree = [this, &ix] {
    // Points travel with their place numbers: the splits then read
    // neighbouring memory instead of looking each point up by number.
    struct Item {
      Vec3 point;
      std::uint32_t place;
    };
    std::vector<Item> items;
    for (std::size_t i = 0; i < places_.size(); ++i)
      if (places_[i].located)
        items.push_back({unit_vector(places_[i].anchor), static_cast<std::uint32_t>(i)});
    // Median splits in place; an explicit stack avoids deep recursion.
    struct Range {
      std::size_t lo, hi;
      int depth;
    };
    std::vector<Range> stack = {{0, items.size(), 0}};
    while (!stack.empty()) {
      auto [lo, hi, depth] = stack.back();
      stack.pop_back();
      if (hi - lo <= 1) continue;
      const std::size_t mid = lo + (hi - lo) / 2;
      const int axis = depth % 3;
      std::nth_element(items.begin() + static_cast<std::ptrdiff_t>(lo),
                       items.begin() + static_cast<std::ptrdiff_t>(mid),
                       items.begin() + static_cast<std::ptrdiff_t>(hi), [axis](const Item& a, const Item& b) {
                         return axis_value(a.point, axis) < axis_value(b.point, axis);
                       });
      stack.push_back({lo, mid, depth + 1});
      stack.push_back({mid + 1, hi, depth + 1});
    }
    ix.tree_points.reserve(items.size());
    ix.tree_places.reserve(items.size());
    for (const Item& item : items) {
      ix.tree_points.push_back(item.point);
      ix.tree_places.push_back(item.place);
    }
  };

  // One entry per distinct form of each place, its folded key in `folded`.
  // `prefix` holds the key's first 8 bytes, big-endian, so that most
  // comparisons in the sort are one integer compare, not a memcmp.
  struct Raw {
    std::uint64_t prefix;
    std::uint32_t offset, length;
    std::uint32_t place;
    std::uint32_t order;  // preference among one place's forms: the text's own name first
    const std::string* form;
  };
  std::string folded;
  std::vector<Raw> raw;
  raw.reserve(places_.size() * 9);
  auto key_of = [&folded](const Raw& r) { return std::string_view(folded).substr(r.offset, r.length); };
  std::vector<const std::string*> seen;  // forms already added for the current place
  for (std::size_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    seen.clear();
    std::uint32_t order = 0;
    // Every distinct form is kept, even when several fold alike, so that
    // search can report the form the user actually typed.
    auto add = [&](const std::string& form) {
      ++order;
      for (const std::string* s : seen)
        if (*s == form) return;
      seen.push_back(&form);
      const std::size_t offset = folded.size();
      detail::append_folded(form, folded);
      const std::size_t length = folded.size() - offset;
      if (length == 0) return;
      std::uint64_t prefix = 0;
      for (std::size_t b = 0; b < 8; ++b)
        prefix = (prefix << 8) | (b < length ? static_cast<unsigned char>(folded[offset + b]) : 0u);
      raw.push_back({prefix, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(length),
                     static_cast<std::uint32_t>(i), order, &form});
    };
    add(p.name);
    for (const auto& s : p.names.as_written) add(s);
    add(p.names.simplified);
    add(p.names.traditional);
    add(p.names.pinyin);
    add(p.names.pinyin_plain);
    add(p.names.english);
    for (const auto& s : p.aliases) add(s);
    add(p.id);
  }
  // By key (byte order, as std::string compares), then place, then order.
  // Equal prefixes mean equal first 8 bytes (zero-padded), so only the
  // tails past them are left to compare.
  auto tail = [&key_of](const Raw& r) { return key_of(r).substr(std::min<std::size_t>(r.length, 8)); };
  std::sort(raw.begin(), raw.end(), [&tail](const Raw& a, const Raw& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    if (a.length != b.length || a.length > 8)
      if (const int c = tail(a).compare(tail(b)); c != 0) return c < 0;
    if (a.length != b.length) return a.length < b.length;  // "ab" before "ab\0"
    if (a.place != b.place) return a.place < b.place;
    return a.order < b.order;
  });
  auto same_key = [&tail](const Raw& a, const Raw& b) {
    return a.prefix == b.prefix && a.length == b.length && (a.length <= 8 || tail(a) == tail(b));
  };

  ix.postings.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i == 0 || !same_key(raw[i], raw[i - 1])) {
      ix.first_posting.push_back(static_cast<std::uint32_t>(ix.postings.size()));
      ix.key_start.push_back(static_cast<std::uint32_t>(ix.key_chars.size()));
      ix.key_chars.append(key_of(raw[i]));
    }
    ix.postings.push_back({raw[i].place, raw[i].form});
  }
  ix.first_posting.push_back(static_cast<std::uint32_t>(ix.postings.size()));
  ix.key_start.push_back(static_cast<std::uint32_t>(ix.key_chars.size()));
  raw = {};
  folded = {};

  const std::size_t keys = ix.key_count();
  ix.key32_chars.reserve(ix.key_chars.size());
  ix.key32_start.reserve(keys + 1);
  for (std::size_t k = 0; k < keys; ++k) {
    ix.key32_start.push_back(static_cast<std::uint32_t>(ix.key32_chars.size()));
    const std::string_view key = ix.key(k);
    for (std::size_t i = 0; i < key.size();) ix.key32_chars.push_back(detail::next_code_point(key, i));
  }
  ix.key32_start.push_back(static_cast<std::uint32_t>(ix.key32_chars.size()));
  for (std::size_t k = 0; k < keys; ++k) ix.grams.add_key(ix.key32(k));
  ix.grams.finish();

  build_tree();
}

}  // namespace annals
