// Switches that switch: the base map's layers.json names every layer the
// scene draws, each in every label language, and nothing else; `annals
// still --layers` refuses an id that is no layer and lists the valid ones.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

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

Scene scene_of(const Basemap& b) {
  SceneInputs in;
  in.basemap = &b;
  return build_scene(
      in, std::make_shared<const Projection>(projection_definition("albers", test::v1_projection())));
}

TEST(LayerSwitches, EveryLayerOfTheSceneHasOneSwitchNamedInEveryLanguage) {
  const Scene s = scene_of(shipped());
  std::set<std::string> drawn{"terrain"};
  for (const LineLayer& l : s.lines) drawn.insert(l.id);
  for (const FillLayer& f : s.fills)
    if (!is_dynamic_layer(f.id)) drawn.insert(f.id);
  std::set<std::string> switched;
  for (const LayerSwitch& l : s.switches) {
    EXPECT_TRUE(switched.insert(l.id).second) << "two switches for " << l.id;
    for (std::string_view language : kLabelLanguages) {
      const auto it = l.names.find(std::string(language));
      ASSERT_NE(it, l.names.end()) << l.id << " has no " << language << " name";
      EXPECT_FALSE(it->second.empty()) << l.id;
    }
  }
  EXPECT_EQ(switched, drawn);
  EXPECT_TRUE(s.find_switch("lake-shores")) << "the lake shores change the frame: they need a switch";
  EXPECT_FALSE(s.find_switch("lakes")) << "no layer is called lakes: its switch would switch nothing";
  EXPECT_FALSE(s.find_switch("borders")->on_by_default) << "modern borders are off unless asked for";
  // Their names are baked for the panel.
  const auto strings = s.strings();
  EXPECT_NE(std::find(strings.begin(), strings.end(), s.find_switch("lake-shores")->names.at("zh")),
            strings.end());
}

class LayerDescriptions : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-layers-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string error_of(const std::string& text) {
    std::ofstream(dir_ / "layers.json") << text;
    try {
      load_layer_descriptions(dir_ / "layers.json");
    } catch (const DataError& e) {
      EXPECT_EQ(e.diagnostic().file, (dir_ / "layers.json").string());
      return e.diagnostic().where + ": " + e.diagnostic().message;
    }
    return "(loaded)";
  }
  static std::string layers(const std::string& list) {
    return R"({"format": "annals-basemap-layers", "format_version": 1, "layers": [)" + list + "]}";
  }
  fs::path dir_;
};

TEST_F(LayerDescriptions, EachLayerNeedsAnIdAndANameInEveryLanguage) {
  const std::string good = R"({"id": "coast", "name": {"zh": "海岸", "en": "Coast"}})";
  EXPECT_EQ(error_of(layers(good)), "(loaded)");
  EXPECT_EQ(error_of(layers(good + R"(, {"id": "graticule", "name": {"zh": "经纬网"}})")),
            "layer 1: graticule has no name in the label language \"en\"");
  EXPECT_EQ(error_of(layers(good + R"(, {"id": "graticule", "name": {"zh": "", "en": "Graticule"}})")),
            "layer 1: graticule has no name in the label language \"zh\"");
  EXPECT_EQ(error_of(layers(R"({"name": {"zh": "海岸", "en": "Coast"}})")), "layer 0: expected an \"id\"");
  EXPECT_EQ(error_of(layers(good + ", " + good)), "layer 1: duplicate id \"coast\"");
  EXPECT_EQ(error_of("{\n  \"format\": \"annals-basemap-layers\",\n  \"layers\": [,]\n}"),
            "3: malformed JSON");
  EXPECT_NE(error_of(R"({"format": "annals-layers", "format_version": 1, "layers": []})")
                .find("expected \"format\""),
            std::string::npos);
  EXPECT_EQ(error_of(R"({"format": "annals-basemap-layers", "format_version": 1})"),
            ": expected \"layers\" to be an array");
}

// A layer the scene draws with no entry (it would have no switch), or an
// entry for no layer (a switch that switches nothing), stops the load.
TEST(LayerSwitches, TheDescriptionsMustNameExactlyTheLayersDrawn) {
  Basemap without = shipped();
  std::erase_if(without.layers, [](const LayerDescription& d) { return d.id == "lake-shores"; });
  try {
    scene_of(without);
    ADD_FAILURE() << "a scene with an unswitchable layer was built";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, shipped().layers_file.string());
    EXPECT_NE(e.diagnostic().message.find("'lake-shores' has no entry"), std::string::npos) << e.what();
  }
  Basemap extra = shipped();
  extra.layers.push_back({"lakes", {{"zh", "湖泊"}, {"en", "Lakes"}}});
  try {
    scene_of(extra);
    ADD_FAILURE() << "a scene with a dead switch was built";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().where, "layer " + std::to_string(extra.layers.size() - 1));
    EXPECT_NE(e.diagnostic().message.find("'lakes' is not a layer of the base map"), std::string::npos)
        << e.what();
  }
}

struct CommandRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

CommandRun run(const std::string& args) {
  const std::string cmd = std::string(ANNALS_BINARY) + " " + args + " 2>&1";
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(LayerSwitches, StillRefusesAnUnknownLayerAndListsTheLayers) {
  const fs::path out = fs::temp_directory_path() / ("annals-layers-" + std::to_string(::getpid()) + ".png");
  const CommandRun r = run("still --out " + out.string() + " --size 64x64 --layers -nonsense");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("--layers: there is no layer 'nonsense'"), std::string::npos) << r.out;
  for (const LayerSwitch& l : scene_of(shipped()).switches)
    EXPECT_NE(r.out.find(l.id), std::string::npos) << l.id;
  EXPECT_FALSE(fs::exists(out)) << "nothing is written";
  // A malformed spec is refused before anything is loaded.
  const CommandRun form = run("still --out " + out.string() + " --layers borders");
  EXPECT_EQ(form.code, 1);
  EXPECT_NE(form.out.find("+id or -id"), std::string::npos) << form.out;
}

}  // namespace
}  // namespace annals
