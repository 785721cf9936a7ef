// The campaign at time t: a pure function of the data and t.
//
// Time is continuous and counted in the chronicle's own lunar months: t = 0
// is the first day of the campaign's first month, t = 1 the first day of the
// next lunar month, and so on (leap months are months like any other); the
// fraction is the share of that month's days elapsed. CampaignModel is built
// once from the campaign folder; state_at(t) only reads it, needs no OpenGL,
// and is cheap enough to call every frame (see tests/bench/state_bench.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/lonlat.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_vocabulary.h"

namespace annals {

struct Chronicle;
struct CampaignManifest;
struct Entry;
class Gazetteer;

// The campaign's months as a continuous axis.
class CampaignTimeline {
 public:
  CampaignTimeline() = default;
  // `label_polity`: whose era names label the months (campaign.json's
  // calendar.label_polity); empty, or no era of it in force, takes the first
  // polity that has one.
  CampaignTimeline(std::vector<LunarMonth> months, EraReckoning reckoning, const Calendar* calendar,
                   std::string label_polity = {});

  int month_count() const { return static_cast<int>(months_.size()); }
  const LunarMonth& month(int index) const { return months_.at(static_cast<std::size_t>(index)); }
  double start() const { return 0.0; }
  double end() const { return month_count(); }

  double time_of_jdn(std::int64_t jdn) const;    // clamped to [start, end]
  std::int64_t jdn_of_time(double t) const;      // the day t falls in
  int month_index(double t) const;               // floor(t), clamped to a valid month
  int month_containing(std::int64_t jdn) const;  // index of the month holding that day; -1 outside

  // "宝庆二年六月", "宝庆三年闰五月": the era of the label polity.
  std::string label_chinese(int index) const;
  // "June 1226": the Julian month in which the lunar month's 15th day falls.
  std::string label_julian(int index) const;
  // Index of the month whose Chinese year differs from the previous month's (year boundaries).
  bool starts_year(int index) const;

  const Calendar* calendar() const { return calendar_; }
  const EraReckoning& reckoning() const { return reckoning_; }

 private:
  std::vector<LunarMonth> months_;
  EraReckoning reckoning_;
  const Calendar* calendar_ = nullptr;
  // Made once: the labels are asked for every frame.
  std::vector<std::string> labels_chinese_, labels_julian_;
};

// An army's move, from data: a route with waypoints along valleys and
// corridors, timed to the month of the entry that records it.
struct ArmyMove {
  std::string id;
  std::string entry_id;  // the entry it illustrates
  std::string actor;     // the side that moves: an actor id, coloured as its side when it is one
  std::string label;     // short caption, may be empty
  std::vector<LonLat> path;
  std::vector<bool> inferred;  // per leg (path.size() - 1): true where the route is inferred, not stated
  double start_t = 0, end_t = 0;
  std::string led_by;      // actor id of the commander, may be empty
  std::vector<int> basis;  // source lines the move rests on
  std::string note;        // the reasoning behind the route
};

struct ArmyState {
  const ArmyMove* move = nullptr;
  double progress = 0;   // 0..1 along the path: grows through the month of its move
  bool settled = false;  // done: drawn as a faded trace
};

// A move at t: progress 0 until start_t, growing linearly to 1 at end_t;
// settled from end_t on.
ArmyState army_state_at(const ArmyMove& move, double t);

struct PlaceState {
  std::string id;
  PlaceStatus status;
  double since = 0;              // when it entered this status
  const Entry* cause = nullptr;  // the entry that changed it, if any
};

// A cell of a side's realm: an area around a prefecture seat, clipped to an
// approximate outline of the realm. It stays the side's while its seat and
// every place in falls_with are held by that side (held, or besieged while
// held by it).
struct RealmCell {
  std::string id;                          // the seat's place id
  int side = -1;                           // whose realm: an index into CampaignVocabulary::sides
  std::vector<std::vector<LonLat>> rings;  // polygon rings (even-odd), closed as in GeoJSON
  std::string seat;                        // the seat's name (沙州)
  std::vector<std::string> falls_with;     // other place ids whose fall also ends the cell (the capital …)
  std::string note;
};

struct CampaignState {
  double t = 0;
  int month = 0;                              // timeline month index
  std::vector<PlaceState> places;             // one per gazetteer place, in gazetteer order
  std::vector<ArmyState> armies;              // moves begun by t
  std::vector<const Entry*> entries;          // entries of the current month (the chronicle panel)
  std::vector<const RealmCell*> realm_cells;  // the realm cells still held by their side at t
};

class CampaignModel {
 public:
  // Reads the campaign's chronicle, gazetteer, movements and realm data.
  // Throws DataError (path:line or path:feature) for bad files.
  static std::unique_ptr<CampaignModel> load(const std::filesystem::path& campaign_dir);
  // The same from a manifest and gazetteer already read: the viewer, still and
  // export read a campaign's files once and share the gazetteer with the map.
  static std::unique_ptr<CampaignModel> load(const CampaignManifest& manifest,
                                             std::shared_ptr<const Gazetteer> gazetteer);

  const CampaignTimeline& timeline() const;
  const Chronicle& chronicle() const;
  const Gazetteer& gazetteer() const;
  const std::vector<ArmyMove>& moves() const;
  const std::vector<RealmCell>& realm() const;
  const Calendar& calendar() const;
  const EraReckoning& reckoning() const;         // the campaign's era reckonings (campaign.json)
  const CampaignVocabulary& vocabulary() const;  // sides, statuses, legend (campaign.json)

  // The start of the month of an entry (entries that name only a year start at its first month).
  double time_of_entry(const Entry& e) const;

  // The time a user typed: an era date ("宝庆二年六月", "乾定三年二月",
  // "宝庆三年七月十二日") or a Julian date ("1226-07-15"); a month alone means
  // its first day. Throws CalendarError saying what is wrong.
  double parse_time(std::string_view text) const;

  // Pure: the same t gives the same state, whatever was asked before.
  CampaignState state_at(double t) const;

  ~CampaignModel();
  CampaignModel(const CampaignModel&) = delete;
  CampaignModel& operator=(const CampaignModel&) = delete;

 private:
  CampaignModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The two data files behind moves() and realm() (docs/data-format.md).
// Each throws DataError(path, "feature N", why), N counted from 0 as the
// gazetteer counts, or (path, line) for malformed JSON.
std::vector<ArmyMove> parse_movements(std::string_view text, const std::string& path,
                                      const CampaignTimeline& timeline, const Chronicle& chronicle);
// A cell's side is its "side" property, which must be its seat's polity_1224
// (the seat's side when it is absent).
std::vector<RealmCell> parse_realm(std::string_view text, const std::string& path, const Gazetteer& gazetteer,
                                   const CampaignVocabulary& vocabulary);

}  // namespace annals
