#include "annals/geo/projection.h"

#include <proj.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <locale>
#include <sstream>

namespace annals {

namespace {
// Shortest decimal that reads back as the same double ("30", "38.75"), so the
// definitions stay readable.
std::string number(double v) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(15) << v;
  return out.str();
}
}  // namespace

ProjectionParameters projection_parameters_for(double west, double south, double east, double north) {
  ProjectionParameters p;
  p.centre = {(west + east) / 2, (south + north) / 2};
  const double sixth = (north - south) / 6;
  p.parallel_1 = south + sixth;
  p.parallel_2 = north - sixth;
  return p;
}

std::string projection_definition(std::string_view name, const ProjectionParameters& p) {
  const std::string lat0 = number(p.centre.lat), lon0 = number(p.centre.lon);
  const std::string conic = " +lat_1=" + number(p.parallel_1) + " +lat_2=" + number(p.parallel_2) +
                            " +lat_0=" + lat0 + " +lon_0=" + lon0 + " +datum=WGS84 +units=m +no_defs";
  if (name == "albers") return "+proj=aea" + conic;
  if (name == "lcc") return "+proj=lcc" + conic;
  if (name == "eqc")
    return "+proj=eqc +lat_ts=" + lat0 + " +lon_0=" + lon0 + " +datum=WGS84 +units=m +no_defs";
  if (name == "webmerc") return "EPSG:3857";
  if (name == "aeqd")
    return "+proj=aeqd +lat_0=" + std::to_string(p.centre.lat) + " +lon_0=" + std::to_string(p.centre.lon) +
           " +datum=WGS84 +units=m +no_defs";
  throw ProjectionError("unknown projection '" + std::string(name) +
                        "' (expected albers, lcc, eqc, webmerc or aeqd)");
}

struct Projection::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;
  ~Impl() {
    if (pj) proj_destroy(pj);
    if (ctx) proj_context_destroy(ctx);
  }
};

Projection::Projection(const std::string& definition)
    : impl_(std::make_unique<Impl>()), definition_(definition) {
  impl_->ctx = proj_context_create();
  PJ* raw = proj_create_crs_to_crs(impl_->ctx, "EPSG:4326", definition.c_str(), nullptr);
  if (!raw) {
    int err = proj_context_errno(impl_->ctx);
    throw ProjectionError("PROJ cannot use '" + definition +
                          "': " + proj_context_errno_string(impl_->ctx, err));
  }
  // EPSG:4326 is latitude-first; normalise so we always pass lon,lat.
  impl_->pj = proj_normalize_for_visualization(impl_->ctx, raw);
  proj_destroy(raw);
  if (!impl_->pj) throw ProjectionError("PROJ cannot normalise axis order for '" + definition + "'");
}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

bool Projection::forward(LonLat in, XY& out) const {
  PJ_COORD c = proj_coord(in.lon, in.lat, 0, 0);
  PJ_COORD r = proj_trans(impl_->pj, PJ_FWD, c);
  if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return false;
  out = {r.xy.x, r.xy.y};
  return true;
}

bool Projection::inverse(XY in, LonLat& out) const {
  PJ_COORD c = proj_coord(in.x, in.y, 0, 0);
  PJ_COORD r = proj_trans(impl_->pj, PJ_INV, c);
  if (!std::isfinite(r.lp.lam) || !std::isfinite(r.lp.phi) || r.lp.lam == HUGE_VAL) return false;
  out = {r.lp.lam, r.lp.phi};
  return true;
}

void Projection::forward_in_place(std::vector<double>& v) const {
  const std::size_t n = v.size() / 2;
  if (n == 0) return;
  proj_trans_generic(impl_->pj, PJ_FWD, v.data(), 2 * sizeof(double), n, v.data() + 1, 2 * sizeof(double), n,
                     nullptr, 0, 0, nullptr, 0, 0);
  for (double& d : v)
    if (!std::isfinite(d) || d == HUGE_VAL) d = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace annals
