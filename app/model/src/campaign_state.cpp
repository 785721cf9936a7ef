// CampaignModel: the campaign folder loaded once, and the campaign at any
// time t as a pure function of it.
//
// Everything that depends on the data alone is worked out at load: each
// place's statuses as a list of (from t, status, cause) segments, the
// entries of each month, the places each realm cell depends on. state_at
// then only looks things up, so a frame costs O(places + moves + cells) and
// the model stays immutable and safe to share between threads.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"

namespace annals {

namespace {

// What a curated state change does to a place's status. This table is the
// one place the mapping lives; docs/data-format.md ("How states become
// statuses") shows it to data editors.
enum class Effect {
  Set,          // the status becomes `to`
  EndSiege,     // back to what it was before the siege; nothing if not besieged
  CampOfActor,  // an untouched place takes the camper's side; a fallen one keeps its fate
  Keep,         // no change of hands: the status stays
};

struct StateRule {
  std::string_view state;
  Effect effect;
  StatusKind to;
};

constexpr std::array<StateRule, 9> kStateRules = {{
    {"besieged", Effect::Set, StatusKind::Besieged},
    {"siege_lifted", Effect::EndSiege, StatusKind::Other},
    {"relieved", Effect::EndSiege, StatusKind::Other},
    {"taken", Effect::Set, StatusKind::Taken},
    // Plundered, not held: still a place its holders no longer defend, so
    // the map shows it lost.
    {"sacked", Effect::Set, StatusKind::Taken},
    {"massacred", Effect::Set, StatusKind::Massacred},
    {"surrendered", Effect::Set, StatusKind::Surrendered},
    {"camp", Effect::CampOfActor, StatusKind::Other},
    // The outcome of a battle is in the entry's summary; a change of hands
    // is always recorded as a change of its own.
    {"battle", Effect::Keep, StatusKind::Other},
}};

// One rule per state of the vocabulary (kPlaceStates), and none for a word
// outside it: a state added to the vocabulary needs its rule here, and its
// rows in tests/fixtures/state_rules/cases.csv.
constexpr bool one_rule_per_state() {
  for (std::string_view state : kPlaceStates) {
    int rules = 0;
    for (const StateRule& r : kStateRules) rules += r.state == state;
    if (rules != 1) return false;
  }
  return kStateRules.size() == kPlaceStates.size();
}
static_assert(one_rule_per_state(), "kStateRules must have exactly one rule for each of kPlaceStates");

// A place's status before any change: held by the side its gazetteer names.
// None or unknown is Other. The campaign's sides were checked at load.
PlaceStatus initial_status(const Polity& p, const CampaignVocabulary& v) {
  const int side = v.side_index(p.id);
  return side >= 0 ? PlaceStatus{StatusKind::Held, side} : PlaceStatus{StatusKind::Other, -1};
}

// Not yet struck by the war: held by some side, or nobody's.
bool untouched(PlaceStatus s) { return s.kind == StatusKind::Held || s.kind == StatusKind::Other; }

// Still the side's: held by it, or besieged while held by it.
bool still_held_by(PlaceStatus s, int side) {
  return (s.kind == StatusKind::Held || s.kind == StatusKind::Besieged) && s.side == side;
}

std::string read_file(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw DataError(file.string(), "", std::string("cannot read ") + what);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Segment {
  double from = 0;  // campaign time the status holds from
  PlaceStatus status;
  const Entry* cause = nullptr;
};

}  // namespace

ArmyState army_state_at(const ArmyMove& move, double t) {
  ArmyState a;
  a.move = &move;
  const double span = move.end_t - move.start_t;
  if (t >= move.end_t) {
    a.progress = 1;
    a.settled = true;
  } else if (t > move.start_t && span > 0) {
    a.progress = (t - move.start_t) / span;
  }
  return a;
}

struct CampaignModel::Impl {
  CampaignVocabulary vocabulary;
  Calendar calendar;
  EraReckoning reckoning;
  Chronicle chronicle;
  std::shared_ptr<const Gazetteer> gazetteer;
  CampaignTimeline timeline;
  std::vector<ArmyMove> moves;
  std::vector<RealmCell> realm;

  std::vector<std::string> place_ids;       // gazetteer order
  std::vector<Segment> segments;            // per place, sorted by `from`; the first is its 1224 status
  std::vector<std::size_t> segment_begin;   // place i owns [segment_begin[i], segment_begin[i + 1])
  std::vector<const Entry*> month_entries;  // entries sorted by month
  std::vector<std::size_t> month_begin;     // month m owns [month_begin[m], month_begin[m + 1])
  std::vector<std::size_t> moves_by_start;  // indices into moves, by start_t
  // Per realm cell, the place indices that must all still be its side's.
  std::vector<std::vector<std::size_t>> cell_places;

  double entry_time(const Entry& e) const { return std::floor(timeline.time_of_jdn(e.date.first_jdn)); }
  void build_timeline();
  void check_polities(const std::string& gazetteer_path) const;
  void build_statuses();
  void build_month_entries();
  void link_realm(const std::string& realm_path);
};

void CampaignModel::Impl::build_timeline() {
  std::int64_t first = std::numeric_limits<std::int64_t>::max(),
               last = std::numeric_limits<std::int64_t>::min();
  for (const Entry& e : chronicle.entries) {
    if (e.date.first_jdn <= 0) continue;  // an undated entry does not stretch the axis
    first = std::min(first, e.date.first_jdn);
    last = std::max(last, e.date.last_jdn);
  }
  std::vector<LunarMonth> months;
  if (first <= last) {
    const LunarMonth* a = calendar.month_containing(first);
    const LunarMonth* b = calendar.month_containing(last);
    if (!a || !b)
      throw DataError(chronicle.entries_file.string(), "",
                      "the entries' dates lie outside the calendar tables");
    // The axis runs from the first entry's month through the last entry's
    // month; end() is the first day after it, so a chronicle that closes with
    // an epilogue years later has empty months before it.
    months.assign(a, b + 1);
  }
  timeline = CampaignTimeline(std::move(months), reckoning, &calendar, vocabulary.label_polity);
}

void CampaignModel::Impl::check_polities(const std::string& gazetteer_path) const {
  const auto& places = gazetteer->places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    const std::string& id = places[i].polity_1224.id;
    if (id == "none" || id == "unknown" || vocabulary.side_index(id) >= 0) continue;
    std::string sides;
    for (const Side& s : vocabulary.sides) sides += s.id + ", ";
    throw DataError(gazetteer_path, "feature " + std::to_string(i),
                    places[i].id + ": polity_1224 \"" + id + "\" is not a side of the campaign (" + sides +
                        "none or unknown; the sides are in " + vocabulary.file + ")");
  }
  for (std::size_t s = 0; s < vocabulary.sides.size(); ++s) {
    const std::string& capital = vocabulary.sides[s].capital;
    if (!capital.empty() && !vocabulary.from_v1_defaults && !gazetteer->find_by_id(capital))
      throw DataError(vocabulary.file, std::to_string(vocabulary.sides[s].capital_line),
                      "the capital of side \"" + vocabulary.sides[s].id + "\", " + capital +
                          ", is not a place of the gazetteer");
  }
}

void CampaignModel::Impl::build_statuses() {
  const auto& places = gazetteer->places();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < places.size(); ++i) {
    place_ids.push_back(places[i].id);
    index.emplace(places[i].id, i);
  }
  // Each place's history, folded change by change in chronicle order; all
  // changes of one entry take effect at the start of its month.
  std::vector<std::vector<Segment>> history(places.size());
  std::vector<PlaceStatus> before_siege(places.size());
  for (std::size_t i = 0; i < places.size(); ++i) {
    history[i].push_back({timeline.start(), initial_status(places[i].polity_1224, vocabulary), nullptr});
    before_siege[i] = history[i].back().status;
  }
  std::vector<const Entry*> order;
  for (const Entry& e : chronicle.entries) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(),
                   [&](const Entry* a, const Entry* b) { return entry_time(*a) < entry_time(*b); });
  for (const Entry* e : order) {
    const double from = entry_time(*e);
    for (const StateChange& c : e->changes) {
      const auto found = index.find(c.place);
      if (found == index.end())
        throw DataError(chronicle.entries_file.string(), "",
                        e->id + ": a change at " + c.place + ", which is not a place of the gazetteer");
      const auto rule = std::find_if(kStateRules.begin(), kStateRules.end(),
                                     [&](const StateRule& r) { return r.state == c.state; });
      if (rule == kStateRules.end())
        throw DataError(chronicle.entries_file.string(), "", e->id + ": unknown state " + c.state);
      std::vector<Segment>& h = history[found->second];
      const PlaceStatus now = h.back().status;
      PlaceStatus next = now;
      switch (rule->effect) {
        case Effect::Set:
          // A besieged place remembers whose it was, to draw that side's
          // symbol inside the siege ring.
          next = {rule->to, -1};
          if (rule->to == StatusKind::Besieged &&
              (now.kind == StatusKind::Held || now.kind == StatusKind::Besieged))
            next.side = now.side;
          break;
        case Effect::EndSiege:
          if (now.kind == StatusKind::Besieged) next = before_siege[found->second];
          break;
        case Effect::CampOfActor:
          if (untouched(now))
            if (const int side = vocabulary.side_index(c.by); side >= 0) next = {StatusKind::Held, side};
          break;
        case Effect::Keep:
          break;
      }
      if (next == now) continue;
      if (next.kind == StatusKind::Besieged && now.kind != StatusKind::Besieged)
        before_siege[found->second] = now;
      // Several changes in one month: the last one is what the month shows.
      if (h.size() > 1 && h.back().from == from)
        h.back() = {from, next, e};
      else
        h.push_back({from, next, e});
    }
  }
  segment_begin.push_back(0);
  for (const auto& h : history) {
    segments.insert(segments.end(), h.begin(), h.end());
    segment_begin.push_back(segments.size());
  }
}

void CampaignModel::Impl::build_month_entries() {
  const auto n = static_cast<std::size_t>(timeline.month_count());
  std::vector<std::vector<const Entry*>> by_month(n);
  for (const Entry& e : chronicle.entries) {
    if (n == 0) break;
    // A year-only entry (宝庆三年) is shown in its first month.
    by_month[static_cast<std::size_t>(timeline.month_index(entry_time(e)))].push_back(&e);
  }
  month_begin.push_back(0);
  for (const auto& list : by_month) {
    month_entries.insert(month_entries.end(), list.begin(), list.end());
    month_begin.push_back(month_entries.size());
  }
}

void CampaignModel::Impl::link_realm(const std::string& realm_path) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < place_ids.size(); ++i) index.emplace(place_ids[i], i);
  for (std::size_t c = 0; c < realm.size(); ++c) {
    std::vector<std::size_t> ids;
    auto add = [&](const std::string& id) {
      const auto it = index.find(id);
      // parse_realm checked the ids against the gazetteer, so this is only
      // reached if the two disagree.
      if (it == index.end())
        throw DataError(realm_path, "feature " + std::to_string(c), "unknown place " + id);
      ids.push_back(it->second);
    };
    add(realm[c].id);
    for (const std::string& id : realm[c].falls_with) add(id);
    cell_places.push_back(std::move(ids));
  }
}

CampaignModel::CampaignModel() : impl_(std::make_unique<Impl>()) {}
CampaignModel::~CampaignModel() = default;

std::unique_ptr<CampaignModel> CampaignModel::load(const std::filesystem::path& campaign_dir) {
  const CampaignManifest manifest = load_campaign_manifest(campaign_dir);
  Diagnostics diag;
  auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load(manifest.gazetteer, diag));
  for (const Diagnostic& d : diag.items())
    if (d.severity == Severity::Error) throw DataError(d);
  return load(manifest, std::move(gazetteer));
}

std::unique_ptr<CampaignModel> CampaignModel::load(const CampaignManifest& manifest,
                                                   std::shared_ptr<const Gazetteer> gazetteer) {
  std::unique_ptr<CampaignModel> model(new CampaignModel());
  Impl& m = *model->impl_;
  m.vocabulary = manifest.vocabulary;
  m.calendar = Calendar::load(manifest.calendar_tables);
  check_label_polity(m.vocabulary, m.calendar);
  m.reckoning = manifest.era_reckoning;
  m.chronicle = Chronicle::load(manifest);
  m.gazetteer = std::move(gazetteer);

  m.check_polities(manifest.gazetteer.string());
  m.build_timeline();
  m.build_statuses();
  m.build_month_entries();

  if (!manifest.movements.empty())
    m.moves = parse_movements(read_file(manifest.movements, "the movements file"),
                              manifest.movements.string(), m.timeline, m.chronicle);
  for (std::size_t i = 0; i < m.moves.size(); ++i) m.moves_by_start.push_back(i);
  std::stable_sort(m.moves_by_start.begin(), m.moves_by_start.end(),
                   [&](std::size_t a, std::size_t b) { return m.moves[a].start_t < m.moves[b].start_t; });
  if (!manifest.realm.empty())
    m.realm = parse_realm(read_file(manifest.realm, "the realm file"), manifest.realm.string(), *m.gazetteer,
                          m.vocabulary);
  m.link_realm(manifest.realm.string());
  return model;
}

const CampaignTimeline& CampaignModel::timeline() const { return impl_->timeline; }
const Chronicle& CampaignModel::chronicle() const { return impl_->chronicle; }
const Gazetteer& CampaignModel::gazetteer() const { return *impl_->gazetteer; }
const std::vector<ArmyMove>& CampaignModel::moves() const { return impl_->moves; }
const std::vector<RealmCell>& CampaignModel::realm() const { return impl_->realm; }
const Calendar& CampaignModel::calendar() const { return impl_->calendar; }
const EraReckoning& CampaignModel::reckoning() const { return impl_->reckoning; }
const CampaignVocabulary& CampaignModel::vocabulary() const { return impl_->vocabulary; }

double CampaignModel::time_of_entry(const Entry& e) const { return impl_->entry_time(e); }

CampaignState CampaignModel::state_at(double t) const {
  const Impl& m = *impl_;
  CampaignState s;
  s.t = t;
  s.month = m.timeline.month_index(t);

  const std::size_t n = m.place_ids.size();
  s.places.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto first = m.segments.begin() + static_cast<std::ptrdiff_t>(m.segment_begin[i]);
    const auto last = m.segments.begin() + static_cast<std::ptrdiff_t>(m.segment_begin[i + 1]);
    // The latest segment begun by t; the first (the 1224 status) holds
    // before any change, even for t before the axis.
    auto it = std::upper_bound(first + 1, last, t, [](double v, const Segment& seg) { return v < seg.from; });
    const Segment& seg = *(it - 1);
    s.places.push_back(PlaceState{m.place_ids[i], seg.status, seg.from, seg.cause});
  }

  for (std::size_t i : m.moves_by_start) {
    const ArmyMove& move = m.moves[i];
    if (!(move.start_t <= t)) break;  // sorted by start: the rest begin later
    s.armies.push_back(army_state_at(move, t));
  }

  if (m.timeline.month_count() > 0) {
    const auto month = static_cast<std::size_t>(s.month);
    s.entries.assign(m.month_entries.begin() + static_cast<std::ptrdiff_t>(m.month_begin[month]),
                     m.month_entries.begin() + static_cast<std::ptrdiff_t>(m.month_begin[month + 1]));
  }

  for (std::size_t c = 0; c < m.realm.size(); ++c) {
    const auto& deps = m.cell_places[c];
    const int side = m.realm[c].side;
    if (std::all_of(deps.begin(), deps.end(),
                    [&](std::size_t p) { return still_held_by(s.places[p].status, side); }))
      s.realm_cells.push_back(&m.realm[c]);
  }
  return s;
}

}  // namespace annals
