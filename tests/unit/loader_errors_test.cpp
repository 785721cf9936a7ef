// Bad input for the loaders that had no negative test: the base map's region
// labels, a raster with no band or not north-up, an empty or unusable font
// file, a chronicle text that cannot be read. Each is refused with an error
// naming the file, never read as something else.
#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "annals/geo/basemap.h"
#include "annals/geo/diagnostic.h"
#include "annals/geo/raster.h"
#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "annals/model/source_text.h"
#include "annals/render/fonts.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

class LoaderErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-loaders-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // The shipped base map with one file replaced by `text`.
  fs::path basemap_with(const std::string& file, const std::string& text) {
    const fs::path b = dir_ / "basemap";
    fs::create_directories(b);
    for (const auto& e : fs::directory_iterator(assets_dir() / "basemap"))
      if (e.path().filename() != file) fs::create_symlink(e.path(), b / e.path().filename());
    std::ofstream(b / file) << text;
    return b;
  }
  // The DataError `f` throws, as "where: message", checking it names `file`.
  template <typename F>
  std::string error_of(F f, const fs::path& file) {
    try {
      f();
    } catch (const DataError& e) {
      EXPECT_EQ(e.diagnostic().file, file.string()) << e.what();
      return e.diagnostic().where + ": " + e.diagnostic().message;
    } catch (const std::exception& e) {
      return std::string("not a DataError: ") + e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
};

// --- region labels -------------------------------------------------------------

std::string region(const std::string& properties,
                   const std::string& geometry = R"({"type": "Point", "coordinates": [100, 40]})") {
  return R"({"type": "Feature", "properties": {)" + properties + R"(}, "geometry": )" + geometry + "}";
}
std::string collection(const std::string& features) {
  return R"({"type": "FeatureCollection", "features": [)" + features + "]}";
}

TEST_F(LoaderErrors, RegionLabelsMustBeNamedPoints) {
  const std::string gobi = region(R"("name_zh": "戈壁", "name_en": "Gobi", "rank": 1)");
  const fs::path lines =
      basemap_with("region_labels.geojson",
                   collection(region(R"("name_zh": "戈壁", "name_en": "Gobi")",
                                     R"({"type": "LineString", "coordinates": [[100, 40], [101, 41]]})")));
  EXPECT_EQ(error_of([&] { load_basemap(lines); }, lines / "region_labels.geojson"),
            ": expected Point features (label positions)");
  fs::remove_all(dir_ / "basemap");
  const fs::path unnamed = basemap_with("region_labels.geojson",
                                        collection(gobi + ", " + region(R"("name_zh": "阴山", "rank": 2)")));
  EXPECT_EQ(error_of([&] { load_basemap(unnamed); }, unnamed / "region_labels.geojson"),
            "feature 1: a region label needs name_zh and name_en");
  fs::remove_all(dir_ / "basemap");
  const fs::path good = basemap_with("region_labels.geojson", collection(gobi));
  EXPECT_EQ(load_basemap(good).region_labels.features.size(), 1u) << "the same file with good labels loads";
}

TEST_F(LoaderErrors, AMissingOrBrokenLayersFileStopsTheBaseMap) {
  const fs::path b = basemap_with("layers.json", "{\"format\": ");
  EXPECT_EQ(error_of([&] { load_basemap(b); }, b / "layers.json"), "1: malformed JSON");
  fs::remove(b / "layers.json");
  EXPECT_EQ(error_of([&] { load_basemap(b); }, b / "layers.json"),
            ": cannot read the base map's layer descriptions");
}

// --- rasters -------------------------------------------------------------------

// A VRT over nothing (its one band reads as zeros) with this geotransform and SRS.
void write_vrt(const fs::path& file, const std::string& geotransform, const std::string& srs = "EPSG:4326") {
  std::ofstream(file) << "<VRTDataset rasterXSize=\"40\" rasterYSize=\"30\">\n"
                      << (srs.empty() ? "" : "  <SRS>" + srs + "</SRS>\n") << "  <GeoTransform>"
                      << geotransform << "</GeoTransform>\n"
                      << "  <VRTRasterBand dataType=\"Float32\" band=\"1\"/>\n</VRTDataset>\n";
}

TEST_F(LoaderErrors, ARasterMustBeANorthUpGeoreferencedGridWithABand) {
  write_vrt(dir_ / "plain.vrt", "100, 0.1, 0, 40, 0, -0.1");
  EXPECT_EQ(load_elevation(dir_ / "plain.vrt").width, 40) << "the plain grid loads";
  write_vrt(dir_ / "rotated.vrt", "100, 0.1, 0.02, 40, 0.01, -0.1");
  EXPECT_EQ(error_of([&] { load_elevation(dir_ / "rotated.vrt"); }, dir_ / "rotated.vrt"),
            ": raster is not a north-up grid; expected a plain geotransform");
  write_vrt(dir_ / "south-up.vrt", "100, 0.1, 0, 37, 0, 0.1");
  EXPECT_EQ(error_of([&] { load_elevation(dir_ / "south-up.vrt"); }, dir_ / "south-up.vrt"),
            ": raster is not a north-up grid; expected a plain geotransform");
  write_vrt(dir_ / "nowhere.vrt", "100, 0.1, 0, 40, 0, -0.1", "");
  EXPECT_EQ(error_of([&] { load_elevation(dir_ / "nowhere.vrt"); }, dir_ / "nowhere.vrt"),
            ": raster has no coordinate reference system; expected a georeferenced elevation model");
  // A GeoPackage of two rasters opens as a container of subdatasets: no band of its own.
  const fs::path gpkg = dir_ / "two.gpkg";
  const std::string dem = (assets_dir() / "basemap" / "dem_context.tif").string();
  const std::string make =
      "gdal_translate -q -of GPKG -projwin 100 40 101 39 " + dem + " " + gpkg.string() +
      " -co RASTER_TABLE=a > /dev/null 2>&1 && gdal_translate -q -of GPKG -projwin 101 40 102 39 " + dem +
      " " + gpkg.string() + " -co RASTER_TABLE=b -co APPEND_SUBDATASET=YES > /dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0) << make;
  EXPECT_EQ(error_of([&] { load_elevation(gpkg); }, gpkg),
            ": raster has no band; expected elevations in band 1");
  std::ofstream(dir_ / "empty.tif") << "";
  EXPECT_NE(error_of([&] { load_elevation(dir_ / "empty.tif"); }, dir_ / "empty.tif")
                .find("GDAL cannot read this as a raster"),
            std::string::npos);
}

// --- fonts ---------------------------------------------------------------------

TEST_F(LoaderErrors, AnEmptyOrUnusableFontFileIsRefused) {
  std::ofstream(dir_ / "empty.ttf") << "";
  EXPECT_EQ(error_of(
                [&] {
                  load_font_bytes({dir_ / "empty.ttf", 0});
                },
                dir_ / "empty.ttf"),
            ": font file is empty or truncated");
  std::ofstream(dir_ / "short.ttf", std::ios::binary)
      << std::string("\x00\x01\x00\x00", 4);  // a TrueType tag, no more
  ASSERT_EQ(fs::file_size(dir_ / "short.ttf"), 4u);
  EXPECT_EQ(error_of(
                [&] {
                  load_font_bytes({dir_ / "short.ttf", 0});
                },
                dir_ / "short.ttf"),
            ": font file is empty or truncated");
  EXPECT_EQ(error_of([&] { load_font_bytes({dir_, 0}); }, dir_), ": cannot read font file");
  EXPECT_EQ(error_of(
                [&] {
                  load_font_bytes({dir_ / "none.ttf", 0});
                },
                dir_ / "none.ttf"),
            ": cannot read font file");

  // Bytes that are no font, and a face the file does not have, cannot be baked.
  GlyphSet glyphs;
  glyphs.add("西夏", "test");
  const FontFile text{dir_ / "text.ttf", 0};
  std::ofstream(text.path) << std::string(4096, 'x');
  {
    ImFontAtlas atlas;
    EXPECT_EQ(
        error_of([&] { bake_fonts(atlas, text, *load_font_bytes(text), glyphs, FontSizes{}, 1.0f, nullptr); },
                 text.path),
        ": cannot bake glyphs from font face 0");
  }
  const FontFile noto = find_cjk_font();
  const auto bytes = load_font_bytes(noto);
  {
    ImFontAtlas atlas;
    const FontFile no_such_face{noto.path, 40};
    EXPECT_EQ(error_of([&] { bake_fonts(atlas, no_such_face, *bytes, glyphs, FontSizes{}, 1.0f, nullptr); },
                       noto.path),
              ": cannot bake glyphs from font face 40");
  }
  ImFontAtlas atlas;
  EXPECT_NE(bake_fonts(atlas, noto, *bytes, glyphs, FontSizes{}, 1.0f, nullptr).label, nullptr)
      << "the font's own face bakes";
  // ANNALS_FONT naming an empty file gets as far as reading it, and stops there.
  ::setenv("ANNALS_FONT", (dir_ / "empty.ttf").c_str(), 1);
  EXPECT_EQ(error_of([&] { load_font_bytes(find_cjk_font()); }, dir_ / "empty.ttf"),
            ": font file is empty or truncated");
  ::unsetenv("ANNALS_FONT");
}

// --- the chronicle's text --------------------------------------------------------

TEST_F(LoaderErrors, AnUnreadableSourceTextIsAnErrorNotAnEmptyText) {
  EXPECT_EQ(error_of([&] { SourceText::load(dir_ / "none.txt"); }, dir_ / "none.txt"),
            ": cannot read the chronicle text");
  fs::create_directories(dir_ / "folder.txt");
  EXPECT_EQ(error_of([&] { SourceText::load(dir_ / "folder.txt"); }, dir_ / "folder.txt"),
            ": cannot read the chronicle text");
  std::ofstream(dir_ / "one.txt") << "春正月。\n";
  EXPECT_EQ(SourceText::load(dir_ / "one.txt").lines.size(), 1u) << "a readable text loads";

  // Through the campaign check: a campaign whose source names a folder.
  const fs::path campaign = dir_ / "campaign";
  fs::copy(fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns" / "chronicle-mini", campaign,
           fs::copy_options::recursive);
  fs::remove(campaign / "source" / "mini.txt");
  fs::create_directories(campaign / "source" / "mini.txt");
  Diagnostics diag;
  validate_chronicle(campaign, Calendar::load(fs::path(ANNALS_SOURCE_ROOT) / "data" / "calendar"), {}, diag);
  bool reported = false;
  for (const Diagnostic& d : diag.items())
    reported =
        reported || (d.severity == Severity::Error && d.file == (campaign / "source" / "mini.txt").string() &&
                     d.message == "cannot read the chronicle text");
  EXPECT_TRUE(reported) << "no error names the unreadable text";
}

}  // namespace
}  // namespace annals
