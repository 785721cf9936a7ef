// The campaign loader as a whole. A copy of the shipped campaign (and of the
// calendar tables its manifest points at) is made once per process in a
// temporary folder; each input replaces some of its files and the campaign is
// then loaded as `annals check` loads it, and as the viewer does (straight
// into CampaignModel, with no validation first).
//
// Input: sections, each a line "=== NAME" and then the file's new text, up to
// the next "\n=== " or the end. NAME is one of the files below; a file no
// section names keeps its shipped text. Whole files as sections let the
// fuzzer break one file of an otherwise consistent campaign, which is how
// loaders meet bad data, and reach the checks that compare files.
#include <stdlib.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "common.h"

namespace annals::fuzz {

namespace {

namespace fs = std::filesystem;

struct File {
  std::string_view name;  // in "=== NAME"
  std::string_view path;  // under the copy's root
};
constexpr std::array<File, 10> kFiles = {{
    {"campaign.json", "campaigns/xixia-1224/campaign.json"},
    {"gazetteer.geojson", "campaigns/xixia-1224/gazetteer.geojson"},
    {"entries.json", "campaigns/xixia-1224/entries.json"},
    {"curation.json", "campaigns/xixia-1224/curation.json"},
    {"pua-map.csv", "campaigns/xixia-1224/pua-map.csv"},
    {"source", "campaigns/xixia-1224/source/xixia-shushi-juan42.txt"},
    {"movements.geojson", "campaigns/xixia-1224/movements.geojson"},
    {"realm.geojson", "campaigns/xixia-1224/realm.geojson"},
    {"months.csv", "calendar/months.csv"},
    {"eras.csv", "calendar/eras.csv"},
}};

class CampaignCopy {
 public:
  CampaignCopy() {
    std::string tmpl = (fs::temp_directory_path() / "annals-fuzz-campaign-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw InvariantError("cannot make a temporary folder");
    root_ = tmpl;
    for (const File& f : kFiles) {
      const std::string text = read_bytes(shipped_path(f));
      shipped_.push_back(text);
      on_disk_.push_back("");
      write(f, text);
      on_disk_.back() = text;
    }
  }
  ~CampaignCopy() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  CampaignCopy(const CampaignCopy&) = delete;
  CampaignCopy& operator=(const CampaignCopy&) = delete;

  const fs::path& root() const { return root_; }
  fs::path dir() const { return root_ / "campaigns" / "xixia-1224"; }

  // Every file as the sections say, the shipped text where they say nothing.
  // Only files that differ from what is on disk are written.
  void set(const std::map<std::string_view, std::string_view>& sections) {
    for (std::size_t i = 0; i < kFiles.size(); ++i) {
      const auto it = sections.find(kFiles[i].name);
      const std::string_view want = it == sections.end() ? std::string_view(shipped_[i]) : it->second;
      if (on_disk_[i] == want) continue;
      write(kFiles[i], want);
      on_disk_[i] = std::string(want);
    }
  }

  // Whether a path the manifest names stays inside the copy: a manifest may
  // name any file, and one such as /dev/zero would only stall the fuzzer.
  bool inside(const fs::path& p) const {
    const std::string normal = p.lexically_normal().string();
    const std::string prefix = root_.string() + "/";
    return normal.rfind(prefix, 0) == 0;
  }

 private:
  // The copy's root mirrors data/: campaigns/xixia-1224/… and calendar/….
  static fs::path shipped_path(const File& f) { return source_root() / "data" / f.path; }
  void write(const File& f, std::string_view text) {
    const fs::path p = root_ / f.path;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw InvariantError("cannot write " + p.string());
  }

  fs::path root_;
  std::vector<std::string> shipped_, on_disk_;
};

std::map<std::string_view, std::string_view> split_sections(std::string_view input) {
  std::map<std::string_view, std::string_view> out;
  constexpr std::string_view kMark = "=== ";
  std::size_t pos = input.rfind(kMark, 0) == 0 ? 0 : input.find("\n=== ");
  if (pos != 0 && pos != std::string_view::npos) ++pos;
  while (pos != std::string_view::npos) {
    const std::size_t name_start = pos + kMark.size();
    const std::size_t eol = input.find('\n', name_start);
    if (eol == std::string_view::npos) break;
    const std::size_t next = input.find("\n=== ", eol);
    const std::size_t end = next == std::string_view::npos ? input.size() : next + 1;
    out[input.substr(name_start, eol - name_start)] = input.substr(eol + 1, end - eol - 1);
    pos = next == std::string_view::npos ? next : next + 1;
  }
  return out;
}

// The paths a manifest names, movements and realm included.
bool manifest_stays_inside(const CampaignCopy& copy) {
  const fs::path dir = copy.dir();
  const std::string text = read_bytes(dir / "campaign.json");
  CampaignManifest m;
  try {
    m = parse_campaign_manifest(text, dir);
  } catch (const DataError&) {
    return true;  // the loaders stop at the manifest and read nothing else
  }
  for (const fs::path& p : {m.source_text, m.gazetteer, m.entries, m.curation, m.pua_map, m.calendar_tables})
    if (!copy.inside(p)) return false;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  for (const char* key : {"movements", "realm"})
    if (j.is_object() && j.contains(key) && j[key].is_string() &&
        !copy.inside(dir / j[key].get<std::string>()))
      return false;
  return true;
}

void expect_inside(const CampaignCopy& copy, const Diagnostic& d) {
  if (!copy.inside(d.file) && d.file != copy.dir().string())
    throw InvariantError("an error about a file outside the campaign: " + d.format());
}

void exercise(const CampaignModel& model) {
  const CampaignTimeline& tl = model.timeline();
  for (double t : {-1.0, 0.0, 0.5, tl.end() / 2, tl.end(), tl.end() + 1, std::nan("")}) {
    const CampaignState s = model.state_at(t);
    if (s.places.size() != model.gazetteer().size()) throw InvariantError("state_at() lost places");
  }
  for (int i = -1; i <= tl.month_count(); ++i) {
    tl.label_chinese(i);
    tl.label_julian(i);
    tl.starts_year(i);
  }
  for (const Entry& e : model.chronicle().entries) model.time_of_entry(e);
  for (const char* typed : {"宝庆二年六月", "1226-07-15", "乾定三年二月", "宝庆三年七月十二日"}) {
    try {
      model.parse_time(typed);
    } catch (const CalendarError&) {
    }
  }
}

}  // namespace

void campaign(std::string_view input) {
  static CampaignCopy copy;
  copy.set(split_sections(input));
  if (!manifest_stays_inside(copy)) return;
  const fs::path dir = copy.dir();

  // As `annals check` runs (app/cli/cmd_check.cpp).
  Diagnostics diag;
  try {
    const CampaignManifest m = load_campaign_manifest(dir);
    const Gazetteer gazetteer = Gazetteer::load(m.gazetteer, diag);
    const std::vector<std::string> id_list = gazetteer.ids();
    const std::set<std::string> ids(id_list.begin(), id_list.end());
    const Calendar calendar = Calendar::load(m.calendar_tables);
    validate_chronicle(dir, calendar, ids, diag);
    if (!diag.has_errors()) Chronicle::load(dir);
  } catch (const DataError& e) {
    expect_inside(copy, e.diagnostic());
  }
  for (const Diagnostic& d : diag.items()) expect_inside(copy, d);

  // As the viewer and `annals still` load it.
  try {
    exercise(*CampaignModel::load(dir));
  } catch (const DataError& e) {
    expect_inside(copy, e.diagnostic());
  }
}

}  // namespace annals::fuzz
