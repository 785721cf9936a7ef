// Polygon triangulation for one-pass fills: the triangles must cover the
// polygon exactly (their areas add up to its area, each lies inside it, none
// is turned over), and rings the ear clipper cannot take (holes, crossings,
// nesting, too many points) must be refused so the stencil fill is used.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "annals/geo/triangulate.h"

namespace annals {

namespace {

using Ring = std::vector<XY>;

double ring_area(const Ring& r) {
  double a = 0;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].x - r[i].x) * (r[j].y + r[i].y);
  return std::abs(a / 2);
}

double turn(const XY& a, const XY& b, const XY& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool inside(const Ring& ring, const XY& p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
        p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x)
      in = !in;
  return in;
}

// Checks the triangles against the rings (no holes): areas add up, none is
// turned over or empty, and the centroid of each lies inside one ring.
void expect_covers(const std::vector<Ring>& rings, const std::vector<XY>& t) {
  ASSERT_EQ(t.size() % 3, 0u);
  double want = 0, got = 0;
  for (const Ring& r : rings) want += ring_area(r);
  for (std::size_t i = 0; i < t.size(); i += 3) {
    const double a = turn(t[i], t[i + 1], t[i + 2]);
    EXPECT_GT(a, 0) << "triangle " << i / 3 << " is turned over or empty";
    got += a / 2;
    const XY c{(t[i].x + t[i + 1].x + t[i + 2].x) / 3, (t[i].y + t[i + 1].y + t[i + 2].y) / 3};
    bool in = false;
    for (const Ring& r : rings) in = in || inside(r, c);
    EXPECT_TRUE(in) << "triangle " << i / 3 << " lies outside the polygon";
  }
  EXPECT_NEAR(got, want, 1e-9 * want);
}

const Ring kSquare{{0, 0}, {1, 0}, {1, 1}, {0, 1}};

}  // namespace

TEST(Triangulate, ASquareEitherWayRoundIsTwoTriangles) {
  Ring cw(kSquare.rbegin(), kSquare.rend());
  for (const Ring& r : {kSquare, cw}) {
    auto t = triangulate_simple_rings({r});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->size(), 6u);
    expect_covers({r}, *t);
  }
}

TEST(Triangulate, ConcaveRingsAreCoveredExactly) {
  // An L, a comb (every other vertex reflex) and a closed ring with repeated
  // points and a straight run, as GeoJSON may carry.
  const Ring l{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}};
  Ring comb{{0, 0}, {10, 0}, {10, 4}};
  for (int i = 9; i >= 0; --i) comb.push_back({double(i) + 0.5, 1}), comb.push_back({double(i), 4});
  const Ring messy{{0, 0}, {1, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}};
  for (const Ring& r : {l, comb, messy}) {
    auto t = triangulate_simple_rings({r});
    ASSERT_TRUE(t);
    expect_covers({r}, *t);
  }
}

TEST(Triangulate, ARandomStarIsCoveredExactly) {
  // Star-shaped about the origin, so simple, and very concave.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> radius(0.2, 1.0);
  for (int trial = 0; trial < 20; ++trial) {
    Ring r;
    const int n = 40 + trial * 10;
    for (int i = 0; i < n; ++i) {
      const double a = 2 * M_PI * i / n, k = radius(rng);
      r.push_back({1000 + 500 * k * std::cos(a), -300 + 500 * k * std::sin(a)});
    }
    auto t = triangulate_simple_rings({r});
    ASSERT_TRUE(t) << "trial " << trial;
    EXPECT_EQ(t->size(), 3u * (r.size() - 2));
    expect_covers({r}, *t);
  }
}

TEST(Triangulate, SeparateRingsAreEachTriangulated) {
  const Ring other{{5, 5}, {7, 5}, {6, 8}};
  auto t = triangulate_simple_rings({kSquare, other});
  ASSERT_TRUE(t);
  expect_covers({kSquare, other}, *t);
}

TEST(Triangulate, RingsItCannotTakeAreRefused) {
  const Ring hole{{0.25, 0.25}, {0.75, 0.25}, {0.75, 0.75}, {0.25, 0.75}};
  EXPECT_FALSE(triangulate_simple_rings({kSquare, hole})) << "a hole";
  EXPECT_FALSE(triangulate_simple_rings({hole, kSquare})) << "a hole given first";
  EXPECT_FALSE(triangulate_simple_rings({{{0, 0}, {1, 1}, {1, 0}, {0, 1}}})) << "a bow tie";
  EXPECT_FALSE(triangulate_simple_rings({kSquare, {{1, 1}, {2, 1}, {2, 2}}})) << "rings touching";
  EXPECT_FALSE(triangulate_simple_rings({kSquare, {{0.5, 0.5}, {2, 0.5}, {2, 2}}})) << "rings crossing";
  EXPECT_FALSE(triangulate_simple_rings({{{0, 0}, {2, 0}, {2, 2}, {2, 1}, {0, 2}}}))
      << "a spike back along itself";
  EXPECT_FALSE(triangulate_simple_rings({{{0, 0}, {1, 0}, {std::numeric_limits<double>::quiet_NaN(), 1}}}))
      << "a point that did not project";
  Ring big;
  for (int i = 0; i < 2000; ++i) big.push_back({std::cos(i * 0.00314), std::sin(i * 0.00314)});
  EXPECT_FALSE(triangulate_simple_rings({big}, 1024)) << "too many points";
  EXPECT_TRUE(triangulate_simple_rings({big}, 2000)) << "the same within the limit";
}

// Any rings at all (random points, so mostly crossing themselves, on a
// coarse grid so points repeat and edges run straight through each other):
// refused, or covered exactly; never a crash or a wrong cover.
TEST(Triangulate, RandomRingsAreRefusedOrCoveredExactly) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> coord(0, 6), count(3, 9), rings(1, 3);
  int covered = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<Ring> rs(static_cast<std::size_t>(rings(rng)));
    for (Ring& r : rs)
      for (int i = count(rng); i > 0; --i) r.push_back({double(coord(rng)), double(coord(rng))});
    const auto t = triangulate_simple_rings(rs);
    if (!t) continue;
    ++covered;
    // Accepted rings are simple and apart, so their areas are the polygon's.
    std::vector<Ring> with_area;
    for (const Ring& r : rs)
      if (ring_area(r) > 0) with_area.push_back(r);
    if (with_area.empty()) {
      EXPECT_TRUE(t->empty());
      continue;
    }
    expect_covers(with_area, *t);
    if (HasFailure()) FAIL() << "trial " << trial;
  }
  EXPECT_GT(covered, 100) << "some random rings are simple";
}

TEST(Triangulate, RingsWithoutAreaGiveNoTriangles) {
  auto t = triangulate_simple_rings({{{0, 0}, {1, 1}}, {}});
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->empty());
}

}  // namespace annals
