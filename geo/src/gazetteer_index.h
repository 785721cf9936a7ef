// The gazetteer's search and nearest-place indexes, shared by the code that
// builds them (gazetteer_index_build.cpp) and the code that queries them
// (gazetteer_index.cpp). Internal to annals_geo.
//
// Names: every name form of every place is folded (fold_name) and kept in a
// sorted table of unique keys, so an exact match is a binary search and a
// prefix match a lower_bound plus a forward scan. Fuzzy matching filters keys
// by shared padded bigrams of code points (the q-gram lemma: one edit changes
// at most two bigrams) and runs a banded edit distance on the survivors only.
//
// Places: a static k-d tree over the unit vectors of the places' anchors.
// Chord length grows with great-circle distance, so nearest by chord is
// nearest on the sphere, with no trouble at the antimeridian or the poles.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/gazetteer.h"
#include "gazetteer_gram_index.h"

namespace annals {

namespace detail {

// A point on the unit sphere (the k-d tree works on these, not on lon/lat).
struct Vec3 {
  double x = 0, y = 0, z = 0;
};

inline Vec3 unit_vector(LonLat p) {
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double lat = p.lat * kDeg;
  const double lon = p.lon * kDeg;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

inline double axis_value(const Vec3& v, int axis) { return axis == 0 ? v.x : axis == 1 ? v.y : v.z; }

inline double chord2(const Vec3& a, const Vec3& b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

}  // namespace detail

struct Gazetteer::Index {
  // One name form of one place.
  struct Posting {
    std::uint32_t place;
    const std::string* form;  // points into places_, which does not move after build_index()
  };
  // Unique folded keys, sorted, all in one buffer (a string per key cost
  // an allocation per key to build and to free): key k is
  // key_chars[key_start[k] .. key_start[k + 1]), and the same as code points
  // key32_chars[key32_start[k] .. key32_start[k + 1]).
  std::string key_chars;
  std::vector<std::uint32_t> key_start;
  std::vector<char32_t> key32_chars;
  std::vector<std::uint32_t> key32_start;
  std::vector<std::uint32_t> first_posting;  // postings of key k: [first_posting[k], first_posting[k + 1])
  std::vector<Posting> postings;
  detail::GramIndex grams;  // bigram -> keys containing it

  std::size_t key_count() const { return key_start.empty() ? 0 : key_start.size() - 1; }
  std::string_view key(std::size_t k) const {
    return std::string_view(key_chars).substr(key_start[k], key_start[k + 1] - key_start[k]);
  }
  std::u32string_view key32(std::size_t k) const {
    return {key32_chars.data() + key32_start[k], key32_start[k + 1] - key32_start[k]};
  }
  // The first key not less than `q`.
  std::size_t lower_bound(std::string_view q) const {
    std::size_t lo = 0, hi = key_count();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (key(mid) < q)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  }

  // k-d tree: tree_points[i] / tree_places[i], laid out so that the node of a
  // range [lo, hi) is its middle element, split on axis depth % 3.
  std::vector<detail::Vec3> tree_points;
  std::vector<std::uint32_t> tree_places;
};

}  // namespace annals
