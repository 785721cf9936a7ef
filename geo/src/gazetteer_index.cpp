// Queries on the gazetteer's indexes (see gazetteer_index.h): find by id,
// search by name and nearest places.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <queue>

#include "gazetteer_index.h"
#include "gazetteer_text.h"

namespace annals {

namespace {

using detail::Gram;

// How many edits a fuzzy match may need, by query length in code points:
// short names tolerate one slip, long ones a few.
int max_edits(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

}  // namespace

using detail::axis_value;
using detail::chord2;
using detail::unit_vector;
using detail::Vec3;

const Place* Gazetteer::find_by_id(std::string_view id) const {
  // Ids are indexed as a name form; the posting check keeps "find by id"
  // from answering for another place whose name folds the same way.
  if (!index_) return nullptr;
  const Index& ix = *index_;
  const std::string key = fold_name(id);
  const std::size_t k = ix.lower_bound(key);
  if (k == ix.key_count() || ix.key(k) != key) return nullptr;
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
  if (shared.size() < ix.key_count()) shared.assign(ix.key_count(), 0);
  std::vector<Candidate> found;

  // Best candidate per place. Between forms with the same score, the one the
  // user typed verbatim wins ("Qingdao" over "Qīngdǎo" for "Qingdao"),
  // then the shortest ("Qingdao" over "Qing Island" for "qing").
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
               (verbatim == was_verbatim && ix.key(key).size() < ix.key(best.key).size());
      }
      if (take) best = c;
    }
  };

  // Exact and prefix: the keys starting with q form one contiguous run.
  for (std::size_t k = ix.lower_bound(q); k < ix.key_count() && ix.key(k).substr(0, q.size()) == q; ++k)
    offer(k, ix.key(k).size() == q.size() ? 1.0 : 0.75, 0);

  // Fuzzy, only when exact and prefix matches leave room in the answer.
  if (found.size() < limit) {
    const std::u32string q32 = detail::utf8_to_u32(q);
    const int k = max_edits(q32.size());
    std::vector<Gram> grams;
    detail::bigrams(q32, grams);
    // q-gram lemma: one edit destroys at most two padded bigrams.
    const int threshold = std::max(1, static_cast<int>(grams.size()) - 2 * k);
    std::vector<std::uint32_t> candidates;
    touched_keys.clear();
    for (Gram g : grams) {
      for (std::uint32_t key : ix.grams.keys_with(g)) {
        if (shared[key]++ == 0) touched_keys.push_back(key);
        if (shared[key] == threshold) candidates.push_back(key);
      }
    }
    for (std::uint32_t key : touched_keys) shared[key] = 0;
    for (std::uint32_t key : candidates) {
      const std::u32string_view text = ix.key32(key);
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
