#include "annals/model/chronicle.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "annals/geo/utf8.h"
#include "annals/model/annals_layout.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/json_locations.h"
#include "annals/model/pua_map.h"
#include "annals/model/source_text.h"
#include "json_document.h"

namespace annals {

namespace {

using nlohmann::json;

std::string read_text(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw DataError(file.string(), "", std::string("cannot read ") + what);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// entries.json's text. It is made by segment.py, so a missing one says how.
std::string read_entries(const CampaignManifest& m) {
  std::error_code ec;
  if (!std::filesystem::exists(m.entries, ec))
    throw DataError(m.entries.string(), "",
                    "no such file: the chronicle's entries are made from the text and curation.json; make it "
                    "with: python3 tools/chronicle/segment.py --campaign " +
                        m.dir.string());
  return read_text(m.entries, "the chronicle's entries");
}

// The largest integer entries.json and curation.json may hold where an int
// is kept (line numbers, years, days).
constexpr std::int64_t kMaxInt = 1000000;

// A JSON value as a message shows it: a string as it is, anything else as JSON.
std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// Typed access to a parsed JSON document whose errors name the line of the
// offending value.
class Reader {
 public:
  Reader(std::string file, const JsonLocations& loc) : file_(std::move(file)), loc_(loc) {}

  [[noreturn]] void fail(const std::string& ptr, const std::string& why) const {
    throw DataError(file_, std::to_string(loc_.line(ptr)), why);
  }

  const json& field(const json& obj, const std::string& ptr, const char* key) const {
    if (!obj.is_object()) fail(ptr, "expected an object");
    auto it = obj.find(key);
    if (it == obj.end()) fail(ptr, std::string("missing \"") + key + "\"");
    return *it;
  }
  std::string str(const json& obj, const std::string& ptr, const char* key) const {
    const json& v = field(obj, ptr, key);
    if (!v.is_string()) fail(ptr + "/" + key, std::string("expected \"") + key + "\" to be a string");
    return v.get<std::string>();
  }
  // Optional strings may be absent or null.
  std::string opt_str(const json& obj, const std::string& ptr, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) fail(ptr + "/" + key, std::string("expected \"") + key + "\" to be a string");
    return it->get<std::string>();
  }
  std::int64_t int64(const json& obj, const std::string& ptr, const char* key) const {
    const json& v = field(obj, ptr, key);
    if (!v.is_number_integer())
      fail(ptr + "/" + key, std::string("expected \"") + key + "\" to be an integer");
    return v.get<std::int64_t>();
  }
  int integer(const json& obj, const std::string& ptr, const char* key) const {
    const std::int64_t v = int64(obj, ptr, key);
    if (v < -kMaxInt || v > kMaxInt) fail(ptr + "/" + key, std::string("\"") + key + "\" is out of range");
    return static_cast<int>(v);
  }
  std::optional<int> opt_int(const json& obj, const std::string& ptr, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    return integer(obj, ptr, key);
  }
  bool boolean(const json& obj, const std::string& ptr, const char* key) const {
    const json& v = field(obj, ptr, key);
    if (!v.is_boolean()) fail(ptr + "/" + key, std::string("expected \"") + key + "\" to be true or false");
    return v.get<bool>();
  }
  const json& array(const json& obj, const std::string& ptr, const char* key) const {
    const json& v = field(obj, ptr, key);
    if (!v.is_array()) fail(ptr + "/" + key, std::string("expected \"") + key + "\" to be an array");
    return v;
  }
  int element_int(const json& v, const std::string& ptr) const {
    if (!v.is_number_integer()) fail(ptr, "expected an integer");
    const std::int64_t n = v.get<std::int64_t>();
    if (n < -kMaxInt || n > kMaxInt) fail(ptr, "the integer is out of range");
    return static_cast<int>(n);
  }
  // A Julian Day Number: days of years -270,000 to 270,000 are enough for
  // any chronicle, and keep the day arithmetic far from overflow.
  std::int64_t jdn(const json& obj, const std::string& ptr, const char* key) const {
    const std::int64_t v = int64(obj, ptr, key);
    if (v < -100000000 || v > 100000000)
      fail(ptr + "/" + key, std::string("\"") + key + "\" is out of range");
    return v;
  }

 private:
  std::string file_;
  const JsonLocations& loc_;
};

std::vector<PlaceRef> read_places(const Reader& r, const json& arr, const std::string& ptr) {
  std::vector<PlaceRef> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    out.push_back({r.str(arr[i], p, "id"), r.opt_str(arr[i], p, "written"), r.integer(arr[i], p, "line")});
  }
  return out;
}

std::vector<ActorRef> read_actors(const Reader& r, const json& arr, const std::string& ptr) {
  std::vector<ActorRef> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    out.push_back({r.str(arr[i], p, "id"), r.opt_str(arr[i], p, "written"), r.integer(arr[i], p, "line")});
  }
  return out;
}

std::vector<StateChange> read_changes(const Reader& r, const json& arr, const std::string& ptr) {
  std::vector<StateChange> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    out.push_back({r.str(arr[i], p, "place"), r.str(arr[i], p, "state"), r.integer(arr[i], p, "line"),
                   r.opt_str(arr[i], p, "by")});
  }
  return out;
}

EntryDate read_date(const Reader& r, const json& d, const std::string& ptr) {
  EntryDate out;
  out.as_written = r.str(d, ptr, "as_written");
  const json& eras = r.array(d, ptr, "eras");
  for (std::size_t i = 0; i < eras.size(); ++i) {
    const std::string p = ptr + "/eras/" + std::to_string(i);
    out.eras.push_back({r.str(eras[i], p, "polity"), r.str(eras[i], p, "era"), r.integer(eras[i], p, "year"),
                        r.str(eras[i], p, "as_written")});
  }
  out.season = r.opt_str(d, ptr, "season");
  out.polity = r.str(d, ptr, "polity");
  out.era = r.str(d, ptr, "era");
  out.year = r.integer(d, ptr, "year");
  out.chinese_year = r.integer(d, ptr, "chinese_year");
  out.month = r.opt_int(d, ptr, "month").value_or(0);
  out.leap = r.boolean(d, ptr, "leap");
  out.day = r.opt_int(d, ptr, "day");
  out.inherited = r.boolean(d, ptr, "inherited");
  out.year_from_line = r.integer(d, ptr, "year_from_line");
  out.month_from_line = r.integer(d, ptr, "month_from_line");
  out.first_jdn = r.jdn(d, ptr, "first_jdn");
  out.last_jdn = r.jdn(d, ptr, "last_jdn");
  out.first_julian = r.str(d, ptr, "first_julian");
  out.last_julian = r.str(d, ptr, "last_julian");
  return out;
}

Chronicle chronicle_from_json(const json& root, const Reader& r, const std::filesystem::path& file) {
  Chronicle c;
  c.entries_file = file;
  if (!root.is_object()) r.fail("", "expected an object with \"entries\"");
  // Comparisons, not json::value(), which throws nlohmann's type_error for a
  // value of another type.
  if (!root.contains("format") || root["format"] != "annals-entries")
    r.fail("/format", "expected \"format\": \"annals-entries\"");
  if (!root.contains("format_version") || root["format_version"] != 1)
    r.fail("/format_version", "expected \"format_version\": 1");
  const json& src = r.field(root, "", "source");
  c.source_file = r.str(src, "/source", "file");
  c.source_sha256 = r.str(src, "/source", "sha256");
  c.source_lines = r.integer(src, "/source", "lines");
  c.layout = r.opt_str(src, "/source", "layout");
  if (c.layout.empty()) c.layout = "gangmu";
  if (auto it = root.find("actors"); it != root.end()) {
    if (!it->is_object()) r.fail("/actors", "expected \"actors\" to be an object");
    for (auto a = it->begin(); a != it->end(); ++a) {
      const std::string p = "/actors/" + json_pointer_escape(a.key());
      c.actors.push_back({a.key(), r.str(a.value(), p, "kind"), r.opt_str(a.value(), p, "zh"),
                          r.opt_str(a.value(), p, "en"), r.opt_str(a.value(), p, "note")});
    }
  }
  const json& entries = r.array(root, "", "entries");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json& e = entries[i];
    const std::string p = "/entries/" + std::to_string(i);
    Entry out;
    out.id = r.str(e, p, "id");
    out.seq = r.integer(e, p, "seq");
    const json& lines = r.array(e, p, "lines");
    if (lines.size() != 2) r.fail(p + "/lines", "expected \"lines\" as [first, last]");
    out.first_line = r.element_int(lines[0], p + "/lines/0");
    out.last_line = r.element_int(lines[1], p + "/lines/1");
    if (auto span = e.find("span"); span != e.end()) {
      if (!span->is_array() || span->size() != 2) r.fail(p + "/span", "expected \"span\" as [first, last]");
      out.span_first = r.element_int((*span)[0], p + "/span/0");
      out.span_last = r.element_int((*span)[1], p + "/span/1");
    }
    out.headline_line = r.integer(e, p, "headline_line");
    out.headline = r.str(e, p, "headline");
    out.headline_normalized = r.str(e, p, "headline_normalized");
    out.detail_line = r.opt_int(e, p, "detail_line").value_or(0);
    out.detail = r.opt_str(e, p, "detail");
    out.detail_normalized = r.opt_str(e, p, "detail_normalized");
    const json& com = r.array(e, p, "commentary");
    for (std::size_t k = 0; k < com.size(); ++k) {
      const std::string q = p + "/commentary/" + std::to_string(k);
      out.commentary.push_back({r.str(com[k], q, "kind"), r.integer(com[k], q, "line"),
                                r.str(com[k], q, "text"), r.str(com[k], q, "text_normalized")});
    }
    out.date = read_date(r, r.field(e, p, "date"), p + "/date");
    out.kind = r.str(e, p, "kind");
    const json& basis = r.array(e, p, "basis");
    for (std::size_t k = 0; k < basis.size(); ++k)
      out.basis.push_back(r.element_int(basis[k], p + "/basis/" + std::to_string(k)));
    out.places = read_places(r, r.array(e, p, "places"), p + "/places");
    out.actors = read_actors(r, r.array(e, p, "actors"), p + "/actors");
    out.changes = read_changes(r, r.array(e, p, "changes"), p + "/changes");
    out.summary = r.opt_str(e, p, "summary");
    out.note = r.opt_str(e, p, "note");
    out.gloss = r.opt_str(e, p, "gloss");
    c.entries.push_back(std::move(out));
  }
  return c;
}

template <std::size_t N>
bool in_vocabulary(const std::array<std::string_view, N>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

template <std::size_t N>
std::string join_words(const std::array<std::string_view, N>& words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

std::string julian_text(std::int64_t jdn) { return format_iso(julian_from_jdn(jdn)); }

std::string line_of_text(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  return std::to_string(pos == std::string::npos ? 1 : line_of_offset(text, pos));
}

// Everything validate_chronicle needs to share between its checks.
struct Context {
  CampaignManifest manifest;
  const Calendar& calendar;
  const std::set<std::string>& place_ids;
  Diagnostics& diag;
  std::string source_file, entries_file, curation_file;
  std::optional<SourceText> source;
  std::optional<PuaMap> pua;
  std::optional<Chronicle> chronicle;
  std::optional<SourceLayout> layout;  // campaign.json's source.layout, read once the text is
  json entries_json;
  JsonLocations entries_loc;
  std::string regenerate;  // the command that rebuilds entries.json

  void entry_error(std::size_t index, const std::string& sub, const std::string& message) {
    diag.error(entries_file, std::to_string(entries_loc.line("/entries/" + std::to_string(index) + sub)),
               message);
  }
  // Normalized text of a source line, or nullptr if unavailable.
  std::optional<std::string> normalized_line(int line) const {
    if (!source || !pua || line < 1 || line > static_cast<int>(source->lines.size())) return std::nullopt;
    return pua->normalize(source->lines[static_cast<std::size_t>(line - 1)]);
  }
};

void check_source(Context& cx) {
  const std::string manifest_file = cx.manifest.file.string();
  try {
    cx.source = SourceText::load(cx.manifest.source_text);
  } catch (const DataError& e) {
    cx.diag.add(e.diagnostic());
    return;
  }
  const std::string digest = sha256_hex(cx.source->bytes);
  std::string manifest_text;
  try {
    manifest_text = read_text(cx.manifest.file, "the campaign manifest");
  } catch (const DataError&) {
  }
  std::string pinned = cx.manifest.source_sha256;
  std::transform(pinned.begin(), pinned.end(), pinned.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  if (pinned.empty()) {
    cx.diag.warning(
        manifest_file, line_of_text(manifest_text, "\"source\""),
        "source.sha256 is missing, so changes to the text go unnoticed; the text's SHA-256 is " + digest);
  } else if (pinned != digest) {
    cx.diag.error(manifest_file, line_of_text(manifest_text, "\"sha256\""),
                  "source.sha256 is " + cx.manifest.source_sha256 + " but " + cx.source_file +
                      " has SHA-256 " + digest + ": the text is not the one the campaign was made from");
  }
  if (auto bad = invalid_utf8_diagnostic(cx.source->bytes, cx.source_file)) cx.diag.add(std::move(*bad));
  // The text is kept byte for byte, so a CR is never stripped: reported once,
  // and nothing is compared with lines that end in it (every line would differ).
  if (const auto cr = cx.source->bytes.find('\r'); cr != std::string::npos) {
    cx.diag.error(cx.source_file, std::to_string(line_of_offset(cx.source->bytes, cr)),
                  "carriage return (CRLF line ends); expected LF line ends");
    cx.source.reset();
  }
}

void check_pua(Context& cx) {
  try {
    cx.pua = PuaMap::load(cx.manifest.pua_map);
  } catch (const DataError& e) {
    cx.diag.add(e.diagnostic());
    return;
  }
  if (!cx.source) return;
  const std::string map_name = cx.manifest.pua_map.filename().string();
  for (std::size_t n = 0; n < cx.source->lines.size(); ++n)
    for (const auto& u : cx.pua->unmapped(cx.source->lines[n]))
      cx.diag.error(cx.source_file, std::to_string(n + 1),
                    format_code_point(u.code_point) + " (Private Use Area) has no mapping in " + map_name);
}

void check_text(Context& cx, std::size_t i, const Entry& e) {
  if (!cx.source) return;
  const auto& lines = cx.source->lines;
  const int count = static_cast<int>(lines.size());
  auto compare = [&](int line, const std::string& stored, const std::string& prefix, const std::string& sub,
                     const std::string& what) -> bool {
    if (line < 1 || line > count) return false;
    if (prefix + stored != lines[static_cast<std::size_t>(line - 1)]) {
      cx.entry_error(i, sub,
                     e.id + ": " + what + " differs from line " + std::to_string(line) + " of the source; " +
                         cx.regenerate);
      return false;
    }
    return true;
  };
  auto compare_normalized = [&](int line, const std::string& stored, const std::string& prefix,
                                const std::string& sub, const std::string& what) {
    if (!cx.pua || line < 1 || line > count) return;
    if (prefix + stored != cx.pua->normalize(lines[static_cast<std::size_t>(line - 1)]))
      cx.entry_error(
          i, sub, e.id + ": " + what + " is not the source line with pua-map.csv applied; " + cx.regenerate);
  };
  // In the annals layout the headline is a span of its line (check_annals_entries).
  if (e.span_first == 0 && compare(e.headline_line, e.headline, "", "/headline", "headline"))
    compare_normalized(e.headline_line, e.headline_normalized, "", "/headline_normalized",
                       "headline_normalized");
  if (e.detail_line && compare(e.detail_line, e.detail, "", "/detail", "detail"))
    compare_normalized(e.detail_line, e.detail_normalized, "", "/detail_normalized", "detail_normalized");
  for (std::size_t k = 0; k < e.commentary.size(); ++k) {
    const Commentary& c = e.commentary[k];
    const std::string sub = "/commentary/" + std::to_string(k);
    if (!in_vocabulary(kCommentaryKinds, c.kind))
      cx.entry_error(i, sub + "/kind", e.id + ": commentary kind '" + c.kind + "' is not 按, 论曰 or 附");
    if (compare(c.line, c.text, c.kind + "：", sub + "/text", "commentary"))
      compare_normalized(c.line, c.text_normalized, c.kind + "：", sub + "/text_normalized", "commentary");
  }
}

// Months lo..hi of a Chinese year, leap months included: the span of an entry
// that names a year (1..12) or a season (e.g. 4..6) but no month.
std::optional<std::pair<std::int64_t, std::int64_t>> span_of_months(const Calendar& cal, int year, int lo,
                                                                    int hi) {
  std::optional<std::pair<std::int64_t, std::int64_t>> out;
  for (const LunarMonth& m : cal.months()) {
    if (m.year != year || m.month < lo || m.month > hi) continue;
    if (!out) out = std::make_pair(m.first_jdn, m.last_jdn());
    out->second = std::max(out->second, m.last_jdn());
    out->first = std::min(out->first, m.first_jdn);
  }
  return out;
}

std::pair<int, int> season_months(const std::string& season) {
  if (season == "春") return {1, 3};
  if (season == "夏") return {4, 6};
  if (season == "秋") return {7, 9};
  if (season == "冬") return {10, 12};
  return {1, 12};
}

void check_date(Context& cx, std::size_t i, const Entry& e) {
  const EntryDate& dt = e.date;
  const EraReckoning& rk = cx.manifest.era_reckoning;
  EraDate d;
  d.era = polity_name_zh(dt.polity) + dt.era;
  d.era_year = dt.year;
  d.month = dt.month;
  d.leap = dt.leap;
  d.day = dt.day;
  const std::string asked = e.id + ": " + format_era_date(d) + ": ";

  int cy = 0;
  try {
    cy = cx.calendar.chinese_year(d, rk);
  } catch (const CalendarError& err) {
    cx.entry_error(i, "/date/year", asked + err.what());
    return;
  }
  const std::string era_year_label = dt.era + chinese_era_year(dt.year) + "年";
  if (cy != dt.chinese_year)
    cx.entry_error(i, "/date/chinese_year",
                   e.id + ": chinese_year is " + std::to_string(dt.chinese_year) + " but " + era_year_label +
                       " is " + std::to_string(cy));

  std::int64_t first = 0, last = 0;
  if (dt.month > 0) {
    try {
      const LunarMonth m = cx.calendar.resolve_month(d, rk);
      first = m.first_jdn;
      last = m.last_jdn();
    } catch (const CalendarError& err) {
      cx.entry_error(i, dt.leap ? "/date/leap" : "/date/month", asked + err.what());
      return;
    }
    if (dt.day) {
      try {
        first = last = cx.calendar.resolve_day(d, rk);
      } catch (const CalendarError& err) {
        cx.entry_error(i, "/date/day", asked + err.what());
        return;
      }
    }
  } else {
    if (dt.leap || dt.day) {
      cx.entry_error(i, "/date/month", e.id + ": a leap flag or a day needs a month");
      return;
    }
    // An entry that inherits from a season heading covers that season too.
    std::string season = dt.season;
    if (dt.inherited && cx.chronicle)
      if (const Entry* from = cx.chronicle->entry_covering(dt.month_from_line)) season = from->date.season;
    const auto [lo, hi] = season_months(season);
    const auto span = span_of_months(cx.calendar, cy, lo, hi);
    if (!span) {
      cx.entry_error(i, "/date/year", asked + "the month tables do not cover " + std::to_string(cy));
      return;
    }
    first = span->first;
    last = span->second;
  }
  if (first != dt.first_jdn || last != dt.last_jdn)
    cx.entry_error(i, "/date/first_jdn",
                   e.id + ": stored days " + std::to_string(dt.first_jdn) + "–" +
                       std::to_string(dt.last_jdn) + " but the calendar gives " + std::to_string(first) +
                       "–" + std::to_string(last) + " (" + julian_text(first) + " to " + julian_text(last) +
                       ")");
  else if (dt.first_julian != julian_text(first) || dt.last_julian != julian_text(last))
    cx.entry_error(
        i, "/date/first_julian",
        e.id + ": first_julian/last_julian should be " + julian_text(first) + " and " + julian_text(last));

  // Other states' eras written in the headline must name the same year, by
  // the campaign's reckoning (calendar.era_reckoning: a chronicle may count
  // another state's eras its own way).
  for (std::size_t k = 0; k < dt.eras.size(); ++k) {
    const WrittenEra& w = dt.eras[k];
    EraDate o;
    o.era = polity_name_zh(w.polity) + w.era;
    o.era_year = w.year;
    const std::string sub = "/date/eras/" + std::to_string(k);
    try {
      const int other = cx.calendar.chinese_year(o, rk);
      const auto named = rk.find(w.polity);
      const std::string reckoning = named == rk.end() ? std::string(kStandardReckoning) : named->second;
      if (other != cy)
        cx.entry_error(i, sub,
                       e.id + ": " + w.as_written + " is " + std::to_string(other) + " by the " + reckoning +
                           " reckoning but " + era_year_label + " is " + std::to_string(cy) +
                           ": the eras disagree (check eras.csv and campaign.json's calendar.era_reckoning)");
    } catch (const CalendarError& err) {
      cx.entry_error(i, sub, e.id + ": " + w.as_written + ": " + err.what());
    }
  }
}

// source.implicit_era against the calendar tables, then against the stored
// dates: an entry whose date names no era counts its year in the implied
// reign, or outside it in the era of `before` (the rule of docs/data-format.md,
// "The annals (本纪) layout", that annals_layout.py applies). Entries made
// with another implicit_era disagree from the first on, so only the first is
// reported.
void check_implicit_era(Context& cx, const ImplicitEra& implicit) {
  const Era* reign = nullptr;
  try {
    reign =
        &resolve_implicit_era(implicit, cx.calendar, cx.manifest.era_reckoning, cx.manifest.file.string());
  } catch (const DataError& e) {
    cx.diag.add(e.diagnostic());
    return;
  }
  const std::string named = (implicit.polity.empty() ? reign->polity : implicit.polity) + " " + implicit.era;
  const std::string before = implicit.before.empty() ? reign->polity : implicit.before;
  int written_year = 0;  // the Chinese year of the last entry that wrote an era, while it lasts
  for (std::size_t i = 0; i < cx.chronicle->entries.size(); ++i) {
    const Entry& e = cx.chronicle->entries[i];
    // An era written in the text, and the entries of that year after it, are its.
    if (!e.date.eras.empty()) {
      written_year = e.date.chinese_year;
      continue;
    }
    if (written_year != 0 && e.date.chinese_year == written_year) continue;
    written_year = 0;
    const Era* want = implied_era_of_year(*reign, before, cx.calendar, e.date.chinese_year);
    if (want && want->polity == e.date.polity && want->name == e.date.era) continue;
    const std::string stored = e.date.polity + " " + e.date.era;
    cx.entry_error(i, "/date/era",
                   e.id + ": the date names no era and is stored in " + stored + ", but campaign.json's " +
                       "source.implicit_era (" + named + ", " + std::to_string(reign->first_year) + "–" +
                       std::to_string(reign->last_year) + ", before: " + before + ") counts " +
                       std::to_string(e.date.chinese_year) + " in " +
                       (want ? want->polity + " " + want->name : "no era of the tables") +
                       "; the entries were made with another implicit_era: " + cx.regenerate);
    return;
  }
}

// The annals layout: entries inside lines (annals_layout.h), then each
// entry's text and date as in the 纲目 layout.
void check_annals(Context& cx, const SourceLayout& layout) {
  const AnnalsScope& scope = layout.scope;
  const Chronicle& ch = *cx.chronicle;
  const json& stored = cx.entries_json.at("source");
  const AnnalsScope written{stored.value("scope", json::object()).value("first_line", 0),
                            stored.value("scope", json::object()).value("first_column", 0),
                            stored.value("scope", json::object()).value("last_line", 0),
                            stored.value("scope", json::object()).value("last_column", 0)};
  if (!(written == scope))
    cx.diag.error(cx.entries_file, std::to_string(cx.entries_loc.line("/source/scope")),
                  "source.scope differs from campaign.json's (lines " + std::to_string(scope.first_line) +
                      "–" + std::to_string(scope.last_line) + ", to column " +
                      std::to_string(scope.last_column) + "); " + cx.regenerate);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < ch.entries.size(); ++i)
    if (!ids.insert(ch.entries[i].id).second)
      cx.entry_error(i, "/id", "entry id '" + ch.entries[i].id + "' is used twice");
  for (const AnnalsProblem& p : check_annals_entries(cx.source->lines, ch.entries, scope))
    cx.entry_error(p.entry, p.pointer, p.message);
  for (std::size_t i = 0; i < ch.entries.size(); ++i) {
    check_text(cx, i, ch.entries[i]);
    check_date(cx, i, ch.entries[i]);
  }
  check_implicit_era(cx, layout.implicit_era);
}

void check_entries(Context& cx) {
  const Chronicle& ch = *cx.chronicle;
  if (cx.source) {
    const int n = static_cast<int>(cx.source->lines.size());
    if (ch.source_lines != n || ch.source_sha256 != sha256_hex(cx.source->bytes))
      cx.diag.error(cx.entries_file, std::to_string(cx.entries_loc.line("/source")),
                    "made from a different source text (" + std::to_string(ch.source_lines) +
                        " lines, SHA-256 " + ch.source_sha256 + "); " + cx.regenerate);
  }
  if (cx.source) {
    if (!cx.layout) return;  // campaign.json's source keys are wrong (reported)
    const SourceLayout& layout = *cx.layout;
    if (layout.layout != ch.layout) {
      cx.diag.error(cx.entries_file, std::to_string(cx.entries_loc.line("/source")),
                    "made for the " + ch.layout + " layout, but campaign.json's source.layout is " +
                        layout.layout + "; " + cx.regenerate);
      return;
    }
    if (layout.layout == "annals") {
      check_annals(cx, layout);
      return;
    }
  } else if (ch.layout == "annals") {
    // Without the text only the dates can be checked: the entries share lines.
    for (std::size_t i = 0; i < ch.entries.size(); ++i) check_date(cx, i, ch.entries[i]);
    return;
  }
  const int count = cx.source ? static_cast<int>(cx.source->lines.size()) : 0;
  std::vector<const Entry*> owner(static_cast<std::size_t>(count) + 1, nullptr);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < ch.entries.size(); ++i) {
    const Entry& e = ch.entries[i];
    if (!ids.insert(e.id).second) cx.entry_error(i, "/id", "entry id '" + e.id + "' is used twice");
    if (e.first_line < 1 || e.last_line < e.first_line || (cx.source && e.last_line > count)) {
      cx.entry_error(i, "/lines",
                     e.id + ": lines [" + std::to_string(e.first_line) + ", " + std::to_string(e.last_line) +
                         "] are not a range within the source's " + std::to_string(count) + " lines");
    } else if (cx.source) {
      for (int l = e.first_line; l <= e.last_line; ++l) {
        const Entry*& o = owner[static_cast<std::size_t>(l)];
        if (o) {
          cx.entry_error(
              i, "/lines",
              e.id + ": line " + std::to_string(l) + " of the source is already covered by " + o->id);
          break;
        }
        o = &e;
      }
    }
    if (i > 0) {
      const Entry& prev = ch.entries[i - 1];
      if (e.first_line <= prev.first_line)
        cx.entry_error(i, "/lines",
                       e.id + " begins on line " + std::to_string(e.first_line) + ", not after " + prev.id +
                           " (line " + std::to_string(prev.first_line) + "): entries out of order");
      if (e.date.first_jdn < prev.date.first_jdn)
        cx.entry_error(i, "/date/first_jdn",
                       e.id + " is dated " + julian_text(e.date.first_jdn) + ", before " + prev.id + " (" +
                           julian_text(prev.date.first_jdn) + "): entries out of order");
    }
    for (int l : {e.headline_line, e.detail_line})
      if (l != 0 && !e.covers(l))
        cx.entry_error(i, "/lines", e.id + ": line " + std::to_string(l) + " is outside its lines");
    check_text(cx, i, e);
    check_date(cx, i, e);
  }
  // Runs of lines no entry covers, each reported once at its first line.
  for (int l = 1; l <= count; ++l) {
    if (owner[static_cast<std::size_t>(l)]) continue;
    int end = l;
    while (end + 1 <= count && !owner[static_cast<std::size_t>(end + 1)]) ++end;
    cx.diag.error(cx.source_file, std::to_string(l),
                  end == l ? "no entry covers this line"
                           : "no entry covers lines " + std::to_string(l) + "–" + std::to_string(end));
    l = end;
  }
}

void check_curation(Context& cx) {
  std::string text;
  json cur;
  try {
    text = read_text(cx.manifest.curation, "the curation file");
    cur = detail::parse_json_document(text, cx.curation_file);
  } catch (const DataError& e) {
    cx.diag.add(e.diagnostic());
    return;
  }
  const JsonLocations loc = JsonLocations::scan(text);
  auto error = [&](const std::string& ptr, const std::string& message) {
    cx.diag.error(cx.curation_file, std::to_string(loc.line(ptr)), message);
  };
  if (!cur.is_object() || !cur.contains("entries") || !cur["entries"].is_object()) {
    error("", "expected an object with an \"entries\" object keyed by first line");
    return;
  }
  std::set<std::string> actor_ids;
  if (cur.contains("actors")) {
    if (!cur["actors"].is_object())
      error("/actors", "expected \"actors\" to be an object of id -> names");
    else
      for (auto it = cur["actors"].begin(); it != cur["actors"].end(); ++it) actor_ids.insert(it.key());
  }
  if (cx.place_ids.empty())
    cx.diag.warning(cx.curation_file, "", "no gazetteer place ids to check against; place ids not checked");

  std::map<int, std::size_t> by_first_line;  // first line -> index in entries.json
  std::map<std::string, std::size_t> by_id;  // the annals layout keys curation by entry id
  const bool by_entry_id = cx.chronicle && cx.chronicle->layout == "annals";
  if (cx.chronicle)
    for (std::size_t i = 0; i < cx.chronicle->entries.size(); ++i) {
      by_first_line[cx.chronicle->entries[i].first_line] = i;
      by_id[cx.chronicle->entries[i].id] = i;
    }
  std::set<int> curated;
  std::set<std::string> curated_ids;

  const json& entries = cur["entries"];
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    const std::string key = it.key();
    const std::string p = "/entries/" + json_pointer_escape(key);
    const json& c = it.value();
    if (!c.is_object()) {
      error(p, "entry '" + key + "': expected an object");
      continue;
    }
    const Entry* entry = nullptr;
    std::size_t index = 0;
    const bool numeric =
        !key.empty() && key.size() < 7 &&
        std::all_of(key.begin(), key.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
    if (by_entry_id) {
      if (auto found = by_id.find(key); found != by_id.end()) {
        index = found->second;
        entry = &cx.chronicle->entries[index];
        curated_ids.insert(key);
      }
    } else if (numeric && cx.chronicle) {
      auto found = by_first_line.find(std::stoi(key));
      if (found != by_first_line.end()) {
        index = found->second;
        entry = &cx.chronicle->entries[index];
        curated.insert(entry->first_line);
      }
    }
    // Without entries.json (reported) the keys have nothing to name.
    if (cx.chronicle && by_entry_id && !entry) {
      error(p, "entry key '" + key +
                   "' is not the id of any entry (the annals layout keys curation by entry id)");
      continue;
    }
    if (cx.chronicle && !by_entry_id && (!numeric || !entry)) {
      error(p, "entry key '" + key + "' is not the first line of any entry");
      continue;
    }
    const std::string label = entry ? entry->id : "entry " + key;

    // A citation must fall inside the entry it supports.
    auto cite = [&](const json& v, const std::string& ptr, const std::string& what) -> int {
      if (!v.is_number_integer()) {
        error(ptr, label + ": " + what + " needs a line number");
        return 0;
      }
      // As a 64-bit number: get<int>() would take 4294967298 for line 2.
      const std::int64_t line = v.get<std::int64_t>();
      if (entry && (line < entry->first_line || line > entry->last_line)) {
        error(ptr, label + ": " + what + " cites line " + v.dump() + ", outside the entry's lines " +
                       std::to_string(entry->first_line) + "–" + std::to_string(entry->last_line));
        return 0;
      }
      return line >= 1 && line <= kMaxInt ? static_cast<int>(line) : 0;
    };
    // What a reference says was written must be in the line it cites; in the
    // annals layout, in the entry's own span of that line.
    auto written_in = [&](const json& ref, const std::string& ptr, int line, const std::string& what) {
      if (!line || !ref.contains("written") || !ref["written"].is_string()) return;
      const std::string w = ref["written"].get<std::string>();
      const auto text_of_line = cx.normalized_line(line);
      if (!text_of_line || w.empty()) return;
      if (text_of_line->find(w) == std::string::npos) {
        error(ptr + "/written", label + ": " + what + ": '" + w + "' is not in line " + std::to_string(line));
        return;
      }
      if (!entry || entry->span_first < 1 || line != entry->first_line) return;
      const std::u32string raw = utf8_to_code_points(cx.source->lines[static_cast<std::size_t>(line - 1)]);
      if (entry->span_last > static_cast<int>(raw.size()) || entry->span_last < entry->span_first)
        return;  // a span outside its line is an error of entries.json
      const std::string span = cx.pua->normalize(code_points_to_utf8(std::u32string_view(raw).substr(
          static_cast<std::size_t>(entry->span_first - 1),
          static_cast<std::size_t>(entry->span_last - entry->span_first + 1))));
      if (span.find(w) == std::string::npos)
        error(ptr + "/written", label + ": " + what + ": '" + w + "' is in line " + std::to_string(line) +
                                    " but not in the entry's span (columns " +
                                    std::to_string(entry->span_first) + "–" +
                                    std::to_string(entry->span_last) + ")");
    };

    // The gloss is shown on one line of a title card, under the headline.
    if (!c.contains("gloss")) {
      cx.diag.warning(cx.curation_file, std::to_string(loc.line(p)),
                      label +
                          ": no \"gloss\" (a short, literal English rendering of the headline for "
                          "title cards and subtitles)");
    } else if (!c["gloss"].is_string()) {
      error(p + "/gloss", label + ": \"gloss\" must be a string");
    } else {
      const std::string g = c["gloss"].get<std::string>();
      if (g.empty() || g.find('\n') != std::string::npos || g.size() > 160)
        error(p + "/gloss",
              label + ": \"gloss\" must be one line of 1 to 160 bytes (a title card's line); it has " +
                  std::to_string(g.size()) + (g.find('\n') != std::string::npos ? " and a line break" : ""));
    }

    const std::string kind = c.contains("kind") ? text_of(c["kind"]) : "";
    if (!in_vocabulary(kEntryKinds, kind))
      error(p + "/kind", label + ": kind '" + kind + "' is not one of " + join_words(kEntryKinds));
    if (!c.contains("basis") || !c["basis"].is_array() || c["basis"].empty())
      error(p + "/basis", label + ": \"basis\" must list the lines the kind rests on");
    else
      for (std::size_t k = 0; k < c["basis"].size(); ++k)
        cite(c["basis"][k], p + "/basis/" + std::to_string(k), "basis");

    std::set<std::string> entry_places;
    if (c.contains("places") && c["places"].is_array()) {
      const json& places = c["places"];
      for (std::size_t k = 0; k < places.size(); ++k) {
        const std::string q = p + "/places/" + std::to_string(k);
        const json& ref = places[k];
        if (!ref.is_object() || !ref.contains("id") || !ref["id"].is_string()) {
          error(q, label + ": a place needs an \"id\"");
          continue;
        }
        const std::string id = ref["id"].get<std::string>();
        entry_places.insert(id);
        if (!cx.place_ids.empty() && !cx.place_ids.count(id))
          error(q + "/id", "unknown place id '" + id + "' (not in the gazetteer)");
        const int line = cite(ref.contains("line") ? ref["line"] : json(), q + "/line", "place " + id);
        written_in(ref, q, line, "place " + id);
      }
    }
    if (c.contains("actors") && c["actors"].is_array()) {
      const json& actors = c["actors"];
      for (std::size_t k = 0; k < actors.size(); ++k) {
        const std::string q = p + "/actors/" + std::to_string(k);
        const json& ref = actors[k];
        if (!ref.is_object() || !ref.contains("id") || !ref["id"].is_string()) {
          error(q, label + ": an actor needs an \"id\"");
          continue;
        }
        const std::string id = ref["id"].get<std::string>();
        if (!actor_ids.count(id))
          error(q + "/id", label + ": actor '" + id + "' is not defined under \"actors\"");
        const int line = cite(ref.contains("line") ? ref["line"] : json(), q + "/line", "actor " + id);
        written_in(ref, q, line, "actor " + id);
      }
    }
    if (c.contains("changes") && c["changes"].is_array()) {
      const json& changes = c["changes"];
      for (std::size_t k = 0; k < changes.size(); ++k) {
        const std::string q = p + "/changes/" + std::to_string(k);
        const json& ch = changes[k];
        const std::string place = ch.is_object() && ch.contains("place") ? text_of(ch["place"]) : "";
        const std::string state = ch.is_object() && ch.contains("state") ? text_of(ch["state"]) : "";
        if (!cx.place_ids.empty() && !cx.place_ids.count(place))
          error(q + "/place", "unknown place id '" + place + "' (not in the gazetteer)");
        else if (!entry_places.count(place))
          error(q + "/place", label + ": change at '" + place + "', which is not among the entry's places");
        if (!in_vocabulary(kPlaceStates, state))
          error(q + "/state", label + ": state '" + state + "' is not one of " + join_words(kPlaceStates));
        cite(ch.is_object() && ch.contains("line") ? ch["line"] : json(), q + "/line", "change at " + place);
        if (ch.is_object() && ch.contains("by") &&
            !(ch["by"].is_string() && actor_ids.count(ch["by"].get<std::string>())))
          error(q + "/by", label + ": change by '" + ch["by"].dump() + "', which is not a defined actor");
      }
    }

    // entries.json carries these fields merged in; if they differ it was not
    // regenerated after curation.json changed.
    if (entry && cx.entries_json.contains("entries")) {
      const json& stored = cx.entries_json.at("entries").at(index);
      for (const char* field : {"kind", "basis", "places", "actors", "changes", "summary", "note", "gloss"}) {
        const std::string f = field;
        const json want = c.contains(field)
                              ? c[field]
                              : (f == "summary" || f == "note" || f == "gloss" ? json("") : json::array());
        // An entries.json made before glosses existed has none: the same as "".
        const bool absent_gloss = f == "gloss" && !stored.contains(field) && want == json("");
        if (!absent_gloss && (!stored.contains(field) || stored[field] != want)) {
          cx.entry_error(index, std::string("/") + field,
                         entry->id + ": \"" + field + "\" differs from curation.json; " + cx.regenerate);
          break;
        }
      }
    }
  }
  if (cx.chronicle)
    for (const Entry& e : cx.chronicle->entries)
      if (by_entry_id ? !curated_ids.count(e.id) : !curated.count(e.first_line))
        error("/entries", "no curation for " + e.id + " (the entry beginning on line " +
                              std::to_string(e.first_line) + ")");
}

}  // namespace

Chronicle Chronicle::parse(std::string_view entries_json, const std::filesystem::path& file) {
  const std::string text(entries_json);
  const json root = detail::parse_json_document(text, file.string());
  const JsonLocations loc = JsonLocations::scan(text);
  return chronicle_from_json(root, Reader(file.string(), loc), file);
}

Chronicle Chronicle::load(const std::filesystem::path& campaign_dir) {
  return load(load_campaign_manifest(campaign_dir));
}

Chronicle Chronicle::load(const CampaignManifest& m) {
  Chronicle c = parse(read_entries(m), m.entries);
  c.campaign_dir = m.dir;
  return c;
}

const Entry* Chronicle::entry_covering(int line) const {
  for (const Entry& e : entries)
    if (e.covers(line)) return &e;
  return nullptr;
}

const Actor* Chronicle::actor(std::string_view id) const {
  for (const Actor& a : actors)
    if (a.id == id) return &a;
  return nullptr;
}

void validate_chronicle(const std::filesystem::path& campaign_dir, const Calendar& calendar,
                        const std::set<std::string>& place_ids, Diagnostics& diag) {
  CampaignManifest manifest;
  try {
    manifest = load_campaign_manifest(campaign_dir);
  } catch (const DataError& e) {
    diag.add(e.diagnostic());
    return;
  }
  Context cx{manifest,
             calendar,
             place_ids,
             diag,
             manifest.source_text.string(),
             manifest.entries.string(),
             manifest.curation.string(),
             std::nullopt,
             std::nullopt,
             std::nullopt,
             std::nullopt,
             json(),
             JsonLocations(),
             "regenerate it with: python3 tools/chronicle/segment.py --campaign " + campaign_dir.string()};

  check_source(cx);
  check_pua(cx);
  if (cx.source) {
    try {
      cx.layout = read_source_layout(manifest.file, cx.source->lines);
    } catch (const DataError& e) {
      diag.add(e.diagnostic());
    }
  }
  try {
    const std::string text = read_entries(manifest);
    cx.entries_json = detail::parse_json_document(text, cx.entries_file);
    cx.entries_loc = JsonLocations::scan(text);
    cx.chronicle =
        chronicle_from_json(cx.entries_json, Reader(cx.entries_file, cx.entries_loc), manifest.entries);
    cx.chronicle->campaign_dir = campaign_dir;
  } catch (const DataError& e) {
    diag.add(e.diagnostic());
    cx.entries_json = json();
  }
  if (cx.chronicle) check_entries(cx);
  check_curation(cx);
}

}  // namespace annals
