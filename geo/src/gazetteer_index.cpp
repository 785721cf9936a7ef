// Search and nearest-place indexes of the gazetteer.
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
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <queue>
#include <unordered_map>

#include "annals/geo/gazetteer.h"
#include "gazetteer_text.h"

namespace annals {

namespace {

using Gram = std::uint64_t;
constexpr char32_t kBegin = 0x110000;  // outside Unicode: cannot collide with text
constexpr char32_t kEnd = 0x110001;

// Padded bigrams of a key, deduplicated: "^a", "ab", "b$" for "ab".
std::vector<Gram> bigrams(std::u32string_view key) {
  std::vector<Gram> out;
  out.reserve(key.size() + 1);
  char32_t prev = kBegin;
  for (char32_t c : key) {
    out.push_back((static_cast<Gram>(prev) << 32) | c);
    prev = c;
  }
  out.push_back((static_cast<Gram>(prev) << 32) | kEnd);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// How many edits a fuzzy match may need, by query length in code points:
// short names tolerate one slip, long ones a few.
int max_edits(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

struct Vec3 {
  double x = 0, y = 0, z = 0;
};

Vec3 unit_vector(LonLat p) {
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double lat = p.lat * kDeg;
  const double lon = p.lon * kDeg;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double axis_value(const Vec3& v, int axis) { return axis == 0 ? v.x : axis == 1 ? v.y : v.z; }

double chord2(const Vec3& a, const Vec3& b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

}  // namespace

struct Gazetteer::Index {
  // One name form of one place.
  struct Posting {
    std::uint32_t place;
    const std::string* form;  // points into places_, which does not move after build_index()
  };
  std::vector<std::string> keys;             // unique folded keys, sorted
  std::vector<std::u32string> keys32;        // the same keys as code points
  std::vector<std::uint32_t> first_posting;  // postings of key k: [first_posting[k], first_posting[k + 1])
  std::vector<Posting> postings;
  std::unordered_map<Gram, std::vector<std::uint32_t>> gram_keys;  // bigram -> keys containing it

  // k-d tree: tree_points[i] / tree_places[i], laid out so that the node of a
  // range [lo, hi) is its middle element, split on axis depth % 3.
  std::vector<Vec3> tree_points;
  std::vector<std::uint32_t> tree_places;
};

// Defined here, where Index is a complete type (unique_ptr needs it).
Gazetteer::Gazetteer() = default;
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

void Gazetteer::build_index() {
  index_ = std::make_unique<Index>();
  Index& ix = *index_;

  auto build_tree = [this, &ix] {
    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < places_.size(); ++i)
      if (places_[i].located) ids.push_back(static_cast<std::uint32_t>(i));
    std::vector<Vec3> pts(places_.size());
    for (auto i : ids) pts[i] = unit_vector(places_[i].anchor);
    // Median splits in place; an explicit stack avoids deep recursion.
    struct Range {
      std::size_t lo, hi;
      int depth;
    };
    std::vector<Range> stack = {{0, ids.size(), 0}};
    while (!stack.empty()) {
      auto [lo, hi, depth] = stack.back();
      stack.pop_back();
      if (hi - lo <= 1) continue;
      const std::size_t mid = lo + (hi - lo) / 2;
      const int axis = depth % 3;
      std::nth_element(ids.begin() + static_cast<std::ptrdiff_t>(lo),
                       ids.begin() + static_cast<std::ptrdiff_t>(mid),
                       ids.begin() + static_cast<std::ptrdiff_t>(hi), [&](std::uint32_t a, std::uint32_t b) {
                         return axis_value(pts[a], axis) < axis_value(pts[b], axis);
                       });
      stack.push_back({lo, mid, depth + 1});
      stack.push_back({mid + 1, hi, depth + 1});
    }
    ix.tree_points.reserve(ids.size());
    for (auto i : ids) ix.tree_points.push_back(pts[i]);
    ix.tree_places = std::move(ids);
  };

  struct Raw {
    std::string key;
    std::uint32_t place;
    std::uint32_t order;  // preference among one place's forms: the text's own name first
    const std::string* form;
  };
  auto raw_less = [](const Raw& a, const Raw& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.place != b.place) return a.place < b.place;
    return a.order < b.order;
  };
  auto collect = [this, &raw_less](std::size_t from, std::size_t to, std::vector<Raw>& raw) {
    raw.reserve((to - from) * 9);
    std::vector<const std::string*> seen;  // forms already added for the current place
    for (std::size_t i = from; i < to; ++i) {
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
        std::string key = fold_name(form);
        if (!key.empty()) raw.push_back({std::move(key), static_cast<std::uint32_t>(i), order, &form});
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
    std::sort(raw.begin(), raw.end(), raw_less);
  };
  std::vector<Raw> raw;
  collect(0, places_.size(), raw);

  ix.postings.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i == 0 || raw[i].key != raw[i - 1].key) {
      ix.first_posting.push_back(static_cast<std::uint32_t>(ix.postings.size()));
      ix.keys.push_back(std::move(raw[i].key));
    }
    ix.postings.push_back({raw[i].place, raw[i].form});
  }
  ix.first_posting.push_back(static_cast<std::uint32_t>(ix.postings.size()));

  ix.keys32.reserve(ix.keys.size());
  ix.gram_keys.reserve(ix.keys.size());
  for (std::size_t k = 0; k < ix.keys.size(); ++k) {
    ix.keys32.push_back(detail::utf8_to_u32(ix.keys[k]));
    for (Gram g : bigrams(ix.keys32.back())) ix.gram_keys[g].push_back(static_cast<std::uint32_t>(k));
  }

  build_tree();
}

const Place* Gazetteer::find_by_id(std::string_view id) const {
  // Ids are indexed as a name form; the posting check keeps "find by id"
  // from answering for another place whose name folds the same way.
  if (!index_) return nullptr;
  const Index& ix = *index_;
  const std::string key = fold_name(id);
  auto it = std::lower_bound(ix.keys.begin(), ix.keys.end(), key);
  if (it == ix.keys.end() || *it != key) return nullptr;
  const auto k = static_cast<std::size_t>(it - ix.keys.begin());
  for (auto i = ix.first_posting[k]; i < ix.first_posting[k + 1]; ++i)
    if (places_[ix.postings[i].place].id == id) return &places_[ix.postings[i].place];
  return nullptr;
}

std::vector<std::string> Gazetteer::ids() const {
  std::vector<std::string> out;
  out.reserve(places_.size());
  for (const auto& p : places_) out.push_back(p.id);
  return out;
}

std::vector<SearchResult> Gazetteer::search(std::string_view query, std::size_t limit) const {
  std::vector<SearchResult> results;
  if (!index_ || limit == 0) return results;
  const Index& ix = *index_;
  const std::string q = fold_name(query);
  if (q.empty()) return results;

  // Candidates stay light (no string copies) until the final top `limit`
  // are chosen; per-thread scratch arrays avoid clearing whole tables per
  // query, so a search costs what it touches, not what the gazetteer holds.
  struct Candidate {
    std::uint32_t place;
    std::uint32_t key;
    const std::string* form;
    double score;
    int distance;
  };
  thread_local std::vector<std::int32_t> slot_of_place;
  thread_local std::vector<std::uint16_t> shared;
  thread_local std::vector<std::uint32_t> touched_keys;
  if (slot_of_place.size() < places_.size()) slot_of_place.assign(places_.size(), -1);
  if (shared.size() < ix.keys.size()) shared.assign(ix.keys.size(), 0);
  std::vector<Candidate> found;

  // Best candidate per place. Between forms with the same score, the one the
  // user typed verbatim wins ("Lingzhou" over "Língzhōu" for "Lingzhou"),
  // then the shortest ("Lingzhou" over "Ling Prefecture" for "ling").
  auto offer = [&](std::size_t key, double score, int distance) {
    for (auto i = ix.first_posting[key]; i < ix.first_posting[key + 1]; ++i) {
      const auto& post = ix.postings[i];
      const Candidate c{post.place, static_cast<std::uint32_t>(key), post.form, score, distance};
      std::int32_t& slot = slot_of_place[post.place];
      if (slot < 0) {
        slot = static_cast<std::int32_t>(found.size());
        found.push_back(c);
        continue;
      }
      Candidate& best = found[static_cast<std::size_t>(slot)];
      bool take = score > best.score;
      if (score == best.score) {
        const bool verbatim = *c.form == query, was_verbatim = *best.form == query;
        take = (verbatim && !was_verbatim) ||
               (verbatim == was_verbatim && ix.keys[key].size() < ix.keys[best.key].size());
      }
      if (take) best = c;
    }
  };

  // Exact and prefix: the keys starting with q form one contiguous run.
  auto first = std::lower_bound(ix.keys.begin(), ix.keys.end(), q);
  for (auto it = first; it != ix.keys.end() && it->compare(0, q.size(), q) == 0; ++it)
    offer(static_cast<std::size_t>(it - ix.keys.begin()), it->size() == q.size() ? 1.0 : 0.75, 0);

  // Fuzzy, only when exact and prefix matches leave room in the answer.
  if (found.size() < limit) {
    const std::u32string q32 = detail::utf8_to_u32(q);
    const int k = max_edits(q32.size());
    const std::vector<Gram> grams = bigrams(q32);
    // q-gram lemma: one edit destroys at most two padded bigrams.
    const int threshold = std::max(1, static_cast<int>(grams.size()) - 2 * k);
    std::vector<std::uint32_t> candidates;
    touched_keys.clear();
    for (Gram g : grams) {
      auto it = ix.gram_keys.find(g);
      if (it == ix.gram_keys.end()) continue;
      for (std::uint32_t key : it->second) {
        if (shared[key]++ == 0) touched_keys.push_back(key);
        if (shared[key] == threshold) candidates.push_back(key);
      }
    }
    for (std::uint32_t key : touched_keys) shared[key] = 0;
    for (std::uint32_t key : candidates) {
      const std::u32string& text = ix.keys32[key];
      const auto len_diff = static_cast<long>(text.size()) - static_cast<long>(q32.size());
      if (std::labs(len_diff) > k) continue;
      const int d = detail::bounded_edit_distance(q32, text, k);
      if (d == 0 || d > k) continue;  // d == 0 was found as exact above
      const double longest = static_cast<double>(std::max(text.size(), q32.size()));
      offer(key, 0.5 * (1.0 - static_cast<double>(d) / (longest + 1.0)), d);
    }
  }
  for (const auto& c : found) slot_of_place[c.place] = -1;

  auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    const int ia = importance(places_[a.place].kind), ib = importance(places_[b.place].kind);
    if (ia != ib) return ia < ib;
    return places_[a.place].id < places_[b.place].id;
  };
  const std::size_t n = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(), better);
  results.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Candidate& c = found[i];
    const MatchKind kind = c.score == 1.0    ? MatchKind::Exact
                           : c.score == 0.75 ? MatchKind::Prefix
                                             : MatchKind::Fuzzy;
    results.push_back({&places_[c.place], c.score, *c.form, kind, c.distance});
  }
  return results;
}

std::vector<NearestResult> Gazetteer::nearest(double lon, double lat, std::size_t k) const {
  std::vector<NearestResult> out;
  if (!index_ || k == 0 || index_->tree_places.empty()) return out;
  const Index& ix = *index_;
  const Vec3 q = unit_vector({lon, lat});

  // Max-heap of the best k so far, by squared chord.
  using Item = std::pair<double, std::uint32_t>;
  std::priority_queue<Item> best;
  // Depth-first, nearer side first; the far side is visited only when the
  // splitting plane is closer than the current k-th best.
  auto visit = [&](auto&& self, std::size_t lo, std::size_t hi, int depth) -> void {
    if (lo >= hi) return;
    const std::size_t mid = lo + (hi - lo) / 2;
    const Vec3& p = ix.tree_points[mid];
    const double d2 = chord2(p, q);
    if (best.size() < k)
      best.emplace(d2, static_cast<std::uint32_t>(mid));
    else if (d2 < best.top().first) {
      best.pop();
      best.emplace(d2, static_cast<std::uint32_t>(mid));
    }
    if (hi - lo == 1) return;
    const int axis = depth % 3;
    const double diff = axis_value(q, axis) - axis_value(p, axis);
    const bool left_first = diff < 0;
    if (left_first)
      self(self, lo, mid, depth + 1);
    else
      self(self, mid + 1, hi, depth + 1);
    if (best.size() < k || diff * diff < best.top().first) {
      if (left_first)
        self(self, mid + 1, hi, depth + 1);
      else
        self(self, lo, mid, depth + 1);
    }
  };
  visit(visit, 0, ix.tree_points.size(), 0);

  out.reserve(best.size());
  while (!best.empty()) {
    const Place& place = places_[ix.tree_places[best.top().second]];
    out.push_back({&place, great_circle_km({lon, lat}, place.anchor)});
    best.pop();
  }
  std::sort(out.begin(), out.end(), [](const NearestResult& a, const NearestResult& b) {
    if (a.distance_km != b.distance_km) return a.distance_km < b.distance_km;
    return a.place->id < b.place->id;
  });
  return out;
}

}  // namespace annals
