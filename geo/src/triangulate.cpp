#include "annals/geo/triangulate.h"

#include <algorithm>
#include <cmath>

namespace annals {

namespace {

double cross(const XY& o, const XY& a, const XY& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

bool same(const XY& a, const XY& b) { return a.x == b.x && a.y == b.y; }

// The ring without its closing point and repeated points; empty if fewer
// than three remain.
std::vector<XY> clean(const std::vector<XY>& ring) {
  std::vector<XY> out;
  for (const XY& p : ring)
    if (out.empty() || !same(out.back(), p)) out.push_back(p);
  while (out.size() > 1 && same(out.front(), out.back())) out.pop_back();
  if (out.size() < 3) out.clear();
  return out;
}

double signed_area(const std::vector<XY>& r) {
  double a = 0;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].x - r[i].x) * (r[j].y + r[i].y);
  return a / 2;  // positive counter-clockwise (y up)
}

// Whether segments ab and cd meet, touching included.
bool segments_meet(const XY& a, const XY& b, const XY& c, const XY& d) {
  auto on = [](const XY& p, const XY& q, const XY& r) {  // r on pq, given collinear
    return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y &&
           r.y <= std::max(p.y, q.y);
  };
  const double d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 == 0 && on(a, b, c)) || (d2 == 0 && on(a, b, d)) || (d3 == 0 && on(c, d, a)) ||
         (d4 == 0 && on(c, d, b));
}

// Strictly inside the ring (crossing number); points on it do not occur
// here, as rings that meet were turned away before.
bool inside(const std::vector<XY>& ring, const XY& p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
        p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
      in = !in;
  return in;
}

// Inside or on the counter-clockwise triangle abc.
bool in_triangle(const XY& a, const XY& b, const XY& c, const XY& p) {
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

// Ear clipping of one simple counter-clockwise ring: O(n^2), which is fine
// for the few hundred points of a realm's cell.
bool clip_ears(std::vector<XY> r, std::vector<XY>& out) {
  while (r.size() >= 3) {
    const std::size_t n = r.size();
    bool clipped = false;
    for (std::size_t i = 0; i < n && !clipped; ++i) {
      const XY &a = r[(i + n - 1) % n], &b = r[i], &c = r[(i + 1) % n];
      const double turn = cross(a, b, c);
      if (turn == 0) {  // a straight run: no area to lose
        r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
        clipped = true;
        break;
      }
      if (turn < 0) continue;  // reflex
      bool ear = true;
      for (std::size_t k = 0; k < n && ear; ++k) {
        if (k == i || k == (i + n - 1) % n || k == (i + 1) % n) continue;
        const XY& p = r[k];
        if (same(p, a) || same(p, b) || same(p, c)) continue;
        if (in_triangle(a, b, c, p)) ear = false;
      }
      if (!ear) continue;
      out.insert(out.end(), {a, b, c});
      r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
      clipped = true;
    }
    // A simple ring always has an ear; none means rounding left the ring
    // not quite simple, and the stencil fill is the safe answer.
    if (!clipped) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<XY>> triangulate_simple_rings(const std::vector<std::vector<XY>>& rings,
                                                        std::size_t max_points) {
  std::vector<std::vector<XY>> rs;
  std::size_t total = 0;
  for (const auto& ring : rings) {
    for (const XY& p : ring)
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    auto r = clean(ring);
    if (r.empty()) continue;  // no area
    total += r.size();
    if (total > max_points) return std::nullopt;
    if (signed_area(r) < 0) std::reverse(r.begin(), r.end());
    rs.push_back(std::move(r));
  }
  // No two edges meet but neighbours in one ring, at their shared point.
  struct Edge {
    std::size_t ring, index;
  };
  std::vector<Edge> edges;
  for (std::size_t k = 0; k < rs.size(); ++k)
    for (std::size_t i = 0; i < rs[k].size(); ++i) edges.push_back({k, i});
  auto point = [&](const Edge& e, int which) {
    const auto& r = rs[e.ring];
    return r[(e.index + static_cast<std::size_t>(which)) % r.size()];
  };
  for (std::size_t u = 0; u < edges.size(); ++u)
    for (std::size_t v = u + 1; v < edges.size(); ++v) {
      const Edge &e = edges[u], &f = edges[v];
      if (e.ring == f.ring) {
        const std::size_t n = rs[e.ring].size();
        const bool f_follows = (e.index + 1) % n == f.index, e_follows = (f.index + 1) % n == e.index;
        if (f_follows || e_follows) {
          // Neighbours share a point; they must not fold back along each
          // other (a spike whose sides overlap).
          const XY& shared = f_follows ? point(e, 1) : point(e, 0);
          const XY& p = f_follows ? point(e, 0) : point(e, 1);
          const XY& q = f_follows ? point(f, 1) : point(f, 0);
          if (cross(p, shared, q) == 0 &&
              (q.x - shared.x) * (p.x - shared.x) + (q.y - shared.y) * (p.y - shared.y) > 0)
            return std::nullopt;
          continue;
        }
      }
      if (segments_meet(point(e, 0), point(e, 1), point(f, 0), point(f, 1))) return std::nullopt;
    }
  // No ring inside another (a hole, or an island in a hole).
  for (std::size_t a = 0; a < rs.size(); ++a)
    for (std::size_t b = 0; b < rs.size(); ++b)
      if (a != b && inside(rs[b], rs[a].front())) return std::nullopt;
  std::vector<XY> out;
  out.reserve(3 * total);
  for (const auto& r : rs)
    if (!clip_ears(r, out)) return std::nullopt;
  return out;
}

}  // namespace annals
