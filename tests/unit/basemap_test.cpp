// The base map's assets load, project and turn into a sensible scene; broken
// assets give errors that name the file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "annals/geo/basemap.h"
#include "annals/geo/diagnostic.h"
#include "annals/model/paths.h"
#include "annals/render/scene.h"
#include "test_projection.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const Basemap& shipped() {
  static const Basemap b = load_basemap(assets_dir() / "basemap");
  return b;
}

TEST(Basemap, ShippedLayersLoad) {
  const Basemap& b = shipped();
  EXPECT_GT(b.terrain.width, 1000);
  EXPECT_NEAR(b.terrain.west, 60.0, 1e-6);
  EXPECT_NEAR(b.terrain.north, 55.0, 1e-6);
  EXPECT_EQ(b.land.kind, GeometryKind::Polygons);
  EXPECT_EQ(b.rivers_major.kind, GeometryKind::Lines);
  EXPECT_GT(b.rivers_detail.point_count(), 10000u);
  // The Yellow River is in Natural Earth's named rivers.
  bool yellow = false;
  for (const auto& f : b.rivers_major.features)
    if (f.attributes.count("name") && f.attributes.at("name").find("Huang") != std::string::npos)
      yellow = true;
  EXPECT_TRUE(yellow);
}

TEST(Basemap, ElevationsArePlausible) {
  const ElevationGrid& g = shipped().terrain;
  // Yinchuan plain (~1100 m) and the Qilian Shan crest south of Zhangye (> 3500 m).
  auto at = [&](double lon, double lat) {
    return g.at(int((lon - g.west) / g.lon_step()), int((g.north - lat) / g.lat_step()));
  };
  EXPECT_NEAR(at(106.27, 38.47), 1110, 150);
  EXPECT_GT(at(99.5, 38.6), 3500);
}

TEST(Basemap, SceneHasEveryLayerAndFramesTheCampaign) {
  auto p = std::make_shared<const Projection>(projection_definition("albers", test::v1_projection()));
  SceneInputs in;
  in.basemap = &shipped();
  in.extent_lonlat = {88.0, 32.0, 114.0, 45.5};
  in.graticule_lonlat = {60, 25, 125, 55};
  in.places = {PlaceMarker{"zhongxingfu", "中兴府", "Zhōngxīngfǔ", "Zhongxing", {106.27, 38.47}, {}, 0}};
  const Scene s = build_scene(in, p);
  for (const char* id : {"graticule", "coast", "rivers-great", "rivers-intermittent", "borders"}) {
    bool found = false;
    for (const auto& l : s.lines)
      if (l.id == id) found = l.segment_count() > 0;
    EXPECT_TRUE(found) << id;
  }
  EXPECT_GT(s.terrain.texture.width, 1000);
  // The relief is warped into the projection: its alpha is the land mask,
  // land at Yinchuan, water in Qinghai Lake (a lake polygon) and in the Bohai
  // Sea (outside the land polygons). Looked up by projected position.
  auto alpha = [&](double lon, double lat) {
    XY xy;
    EXPECT_TRUE(p->forward({lon, lat}, xy));
    const double texel = s.terrain.texel_m();
    return s.terrain.texture.pixel(int((xy.x - s.terrain.bounds.min_x) / texel),
                                   int((s.terrain.bounds.max_y - xy.y) / texel))[3];
  };
  EXPECT_EQ(alpha(106.27, 38.47), 255);
  EXPECT_LE(alpha(100.2, 36.9), 1);
  EXPECT_LE(alpha(120.0, 39.0), 1);
  // The place is inside the projected extent.
  EXPECT_GT(s.places[0].position.x, s.extent.min_x);
  EXPECT_LT(s.places[0].position.x, s.extent.max_x);
  EXPECT_GT(s.extent.width(), 1500e3);  // 88–114°E is ~2,200 km wide at 38°N
  EXPECT_LT(s.extent.width(), 3000e3);
}

TEST(Basemap, MissingAndCorruptFilesNameTheFile) {
  const fs::path dir = fs::temp_directory_path() / ("annals-basemap-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  try {
    load_basemap(dir);
    FAIL() << "an empty folder must not load";
  } catch (const DataError& e) {
    EXPECT_NE(e.diagnostic().format().find("dem_context.tif"), std::string::npos) << e.what();
  }
  std::ofstream(dir / "dem_context.tif") << "not a tiff";
  try {
    load_elevation(dir / "dem_context.tif");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, (dir / "dem_context.tif").string());
    EXPECT_NE(e.diagnostic().message.find("GDAL cannot read this as a raster"), std::string::npos);
  }
  std::ofstream(dir / "lines.geojson") << "{\"type\": \"FeatureCollection\", \"features\": [";
  EXPECT_THROW(load_vector_layer(dir / "lines.geojson"), DataError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace annals

namespace annals {
namespace {

// Bring your own terrain: any raster GDAL reads, in any CRS, replaces the
// shipped relief; one that misses the campaign is refused with a clear error.
class OwnDem : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-dem-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path make(const std::string& name, const std::string& gdal_command) {
    const fs::path out = dir_ / name;
    const std::string cmd = gdal_command + " " + (assets_dir() / "basemap" / "dem_context.tif").string() +
                            " " + out.string() + " > /dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return out;
  }
  fs::path dir_;
};

TEST_F(OwnDem, ProjectedRasterIsWarpedToLonLat) {
  const fs::path merc = make("merc.tif", "gdalwarp -q -t_srs EPSG:3857 -te_srs EPSG:4326 -te 95 35 110 42");
  const ElevationGrid g = load_elevation(merc);
  EXPECT_NEAR(g.west, 95, 0.1);
  EXPECT_NEAR(g.east, 110, 0.1);
  EXPECT_NEAR(g.south, 35, 0.1);
  EXPECT_NEAR(g.north, 42, 0.1);
  auto at = [&](double lon, double lat) {
    return g.at(int((lon - g.west) / g.lon_step()), int((g.north - lat) / g.lat_step()));
  };
  EXPECT_NEAR(at(106.27, 38.47), 1110, 200);  // Yinchuan plain, as in the shipped DEM
}

TEST_F(OwnDem, LargeRasterIsAveragedDownToTheLimit) {
  const ElevationGrid g = load_elevation(assets_dir() / "basemap" / "dem_context.tif", 500);
  EXPECT_EQ(g.width, 500);
  EXPECT_LE(g.height, 500);
  EXPECT_NEAR(g.east, 125, 1e-6);  // the extent is kept
}

TEST_F(OwnDem, OnlyTheMapsRegionIsReadAtFullResolution) {
  // A window of the shipped 2′ grid: whole cells, at their own resolution.
  const fs::path dem = assets_dir() / "basemap" / "dem_context.tif";
  const ElevationGrid whole = load_elevation(dem);
  const ElevationGrid part = load_elevation(dem, 4096, {100.01, 30.0, 110.0, 40.0});
  EXPECT_NEAR(part.west, 100.0, 1e-9);  // the cell holding 100.01°E starts at 100°E
  EXPECT_NEAR(part.east, 110.0, 1e-9);
  EXPECT_NEAR(part.south, 30.0, 1e-9);
  EXPECT_NEAR(part.north, 40.0, 1e-9);
  EXPECT_EQ(part.width, 300);
  EXPECT_EQ(part.height, 300);
  EXPECT_NEAR(part.lon_step(), whole.lon_step(), 1e-12);
  // The same heights as the whole grid, cell for cell.
  const int dc = int(std::lround((part.west - whole.west) / whole.lon_step()));
  const int dr = int(std::lround((whole.north - part.north) / whole.lat_step()));
  for (int r = 0; r < part.height; r += 37)
    for (int c = 0; c < part.width; c += 41)
      EXPECT_EQ(part.at(c, r), whole.at(c + dc, r + dr)) << c << "," << r;
  // A window the raster does not reach at all is an error naming the file.
  try {
    load_elevation(dem, 4096, {-80, 10, -70, 20});
    FAIL() << "the Andes are not in a DEM of Asia";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, dem.string());
    EXPECT_NE(e.diagnostic().message.find("does not reach"), std::string::npos) << e.what();
  }
}

TEST_F(OwnDem, RasterThatMissesTheCampaignIsRefused) {
  const fs::path small = make("small.tif", "gdal_translate -q -projwin 100 40 105 36");
  const ElevationGrid g = load_elevation(small);
  try {
    require_coverage(g, small.string(), 88, 32, 114, 45.5);
    FAIL() << "a DEM of 100–105°E cannot cover 88–114°E";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, small.string());
    EXPECT_NE(e.diagnostic().message.find("covers 100.00–105.00°E"), std::string::npos) << e.what();
    EXPECT_NE(e.diagnostic().message.find("needs 88.00–114.00°E"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace annals
