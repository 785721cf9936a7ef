// campaign.json's vocabulary keys (format version 2), read and checked.
#include "annals/model/campaign_vocabulary.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "annals/geo/diagnostic.h"
#include "annals/model/calendar.h"
#include "annals/model/json_locations.h"

namespace annals {

namespace {

constexpr std::array<std::pair<SymbolShape, std::string_view>, 9> kShapes = {{
    {SymbolShape::Dot, "dot"},
    {SymbolShape::Square, "square"},
    {SymbolShape::Triangle, "triangle"},
    {SymbolShape::Pentagon, "pentagon"},
    {SymbolShape::CrossedCircle, "crossed_circle"},
    {SymbolShape::CrossedSquare, "crossed_square"},
    {SymbolShape::Diamond, "diamond"},
    {SymbolShape::Ring, "ring"},
    {SymbolShape::SiegeRing, "siege_ring"},
}};

constexpr std::array<std::pair<StatusKind, std::string_view>, 6> kKinds = {{
    {StatusKind::Held, "held"},
    {StatusKind::Besieged, "besieged"},
    {StatusKind::Taken, "taken"},
    {StatusKind::Massacred, "massacred"},
    {StatusKind::Surrendered, "surrendered"},
    {StatusKind::Other, "other"},
}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_slug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Reads with the file and the line of each value at hand.
struct Reader {
  const std::string& file;
  JsonLocations where;

  [[noreturn]] void fail(const std::string& pointer, const std::string& why) const {
    throw DataError(file, std::to_string(where.line(pointer)), why);
  }
  std::string string(const nlohmann::json& v, const std::string& pointer, const std::string& what) const {
    if (!v.is_string()) fail(pointer, "expected " + what + " to be a string");
    return v.get<std::string>();
  }
  // {"zh", "zh-pinyin"?, "en"}: zh and en are required, as every label language is.
  Names names(const nlohmann::json& v, const std::string& pointer, const std::string& what) const {
    if (!v.is_object()) fail(pointer, "expected " + what + " as {\"zh\": …, \"en\": …}");
    Names n;
    for (const char* lang : {"zh", "en"})
      if (!v.contains(lang))
        fail(pointer, what + " has no \"" + lang + "\": every label language needs a name");
    n.zh = string(v["zh"], pointer + "/zh", what + ".zh");
    n.en = string(v["en"], pointer + "/en", what + ".en");
    if (v.contains("zh-pinyin"))
      n.pinyin = string(v["zh-pinyin"], pointer + "/zh-pinyin", what + ".zh-pinyin");
    return n;
  }
  Colour colour(const nlohmann::json& v, const std::string& pointer, const std::string& what) const {
    const std::string text = string(v, pointer, what);
    const auto c = parse_colour(text);
    if (!c) fail(pointer, what + " \"" + text + "\" is not a colour: expected \"#rrggbb\"");
    return *c;
  }
  SymbolShape shape(const nlohmann::json& v, const std::string& pointer, const std::string& what) const {
    const std::string text = string(v, pointer, what);
    const auto s = parse_symbol_shape(text);
    if (!s)
      fail(pointer, what + " \"" + text + "\" is not a symbol; expected one of " + symbol_shape_names());
    return *s;
  }
};

}  // namespace

std::optional<Colour> parse_colour(std::string_view t) {
  if (t.size() != 7 || t[0] != '#') return std::nullopt;
  int v[6];
  for (int i = 0; i < 6; ++i)
    if ((v[i] = hex_digit(t[static_cast<std::size_t>(i) + 1])) < 0) return std::nullopt;
  return Colour{std::uint8_t(v[0] * 16 + v[1]), std::uint8_t(v[2] * 16 + v[3]),
                std::uint8_t(v[4] * 16 + v[5])};
}

std::string to_string(Colour c) {
  static const char* hex = "0123456789abcdef";
  std::string s = "#";
  for (int v : {c.r, c.g, c.b}) {
    s += hex[v / 16];
    s += hex[v % 16];
  }
  return s;
}

std::optional<SymbolShape> parse_symbol_shape(std::string_view text) {
  for (const auto& [s, name] : kShapes)
    if (name == text) return s;
  return std::nullopt;
}

std::string_view to_string(SymbolShape s) {
  for (const auto& [shape, name] : kShapes)
    if (shape == s) return name;
  return "ring";
}

std::string symbol_shape_names() {
  std::string out;
  for (const auto& [s, name] : kShapes) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string_view to_string(StatusKind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "other";
}

std::optional<StatusKind> parse_status_kind(std::string_view text) {
  for (const auto& [kind, name] : kKinds)
    if (name == text) return kind;
  return std::nullopt;
}

std::string LegendRow::text() const {
  // Full-width punctuation carries its own space: "疆域（约略）realm (approximate)".
  static constexpr std::array<std::string_view, 10> kFullWidthEnds = {"）", "」", "』", "】", "》",
                                                                      "〉", "、", "。", "，", "："};
  for (std::string_view end : kFullWidthEnds)
    if (label.zh.size() >= end.size() && label.zh.compare(label.zh.size() - end.size(), end.size(), end) == 0)
      return label.zh + label.en;
  return label.zh + " " + label.en;
}

int CampaignVocabulary::side_index(std::string_view id) const {
  for (std::size_t i = 0; i < sides.size(); ++i)
    if (sides[i].id == id) return static_cast<int>(i);
  return -1;
}

SymbolShape CampaignVocabulary::symbol(PlaceStatus s) const {
  if (s.kind == StatusKind::Held && s.side >= 0) return sides[static_cast<std::size_t>(s.side)].symbol;
  return style(s.kind == StatusKind::Held ? StatusKind::Other : s.kind).symbol;
}

Colour CampaignVocabulary::colour(PlaceStatus s) const {
  if (s.kind == StatusKind::Held && s.side >= 0) return sides[static_cast<std::size_t>(s.side)].colour;
  return style(s.kind == StatusKind::Held ? StatusKind::Other : s.kind).colour;
}

std::vector<PlaceStatus> CampaignVocabulary::all_statuses() const {
  std::vector<PlaceStatus> out;
  for (std::size_t i = 0; i < sides.size(); ++i) out.push_back({StatusKind::Held, static_cast<int>(i)});
  for (int i = -1; i < static_cast<int>(sides.size()); ++i) out.push_back({StatusKind::Besieged, i});
  for (StatusKind k : {StatusKind::Taken, StatusKind::Massacred, StatusKind::Surrendered, StatusKind::Other})
    out.push_back({k, -1});
  return out;
}

std::string CampaignVocabulary::name(PlaceStatus s) const {
  if (s.kind == StatusKind::Held)
    return s.side >= 0 ? "held:" + sides[static_cast<std::size_t>(s.side)].id : "other";
  return std::string(to_string(s.kind));
}

std::optional<PlaceStatus> CampaignVocabulary::parse(std::string_view text) const {
  if (text.substr(0, 5) == "held:") {
    const int side = side_index(text.substr(5));
    if (side < 0) return std::nullopt;
    return PlaceStatus{StatusKind::Held, side};
  }
  const auto k = parse_status_kind(text);
  if (!k || *k == StatusKind::Held) return std::nullopt;
  return PlaceStatus{*k, -1};
}

CampaignVocabulary parse_vocabulary(const nlohmann::json& j, std::string_view text, const std::string& file) {
  CampaignVocabulary v;
  v.file = file;
  const Reader rd{file, JsonLocations::scan(text)};

  // Sides.
  if (!j.contains("sides") || !j["sides"].is_array() || j["sides"].empty())
    rd.fail("/sides", "expected \"sides\": a list of the sides, each {id, name, colour, symbol}");
  std::set<std::string> capitals;
  for (std::size_t i = 0; i < j["sides"].size(); ++i) {
    const auto& s = j["sides"][i];
    const std::string at = "/sides/" + std::to_string(i);
    if (!s.is_object()) rd.fail(at, "expected each side as an object {id, name, colour, symbol}");
    Side side;
    if (!s.contains("id")) rd.fail(at, "side " + std::to_string(i) + " has no \"id\"");
    side.id = rd.string(s["id"], at + "/id", "a side's id");
    if (!is_slug(side.id))
      rd.fail(at + "/id", "side id \"" + side.id + "\" must be lower-case ASCII letters, digits, _ or -");
    if (side.id == "none" || side.id == "unknown" || parse_status_kind(side.id))
      rd.fail(at + "/id", "side id \"" + side.id + "\" is reserved (none, unknown and the status names)");
    if (v.side_index(side.id) >= 0) rd.fail(at + "/id", "side \"" + side.id + "\" is named twice");
    for (const char* key : {"name", "colour", "symbol"})
      if (!s.contains(key)) rd.fail(at, "side \"" + side.id + "\" has no \"" + key + "\"");
    side.name = rd.names(s["name"], at + "/name", "side \"" + side.id + "\"'s name");
    side.colour = rd.colour(s["colour"], at + "/colour", "side \"" + side.id + "\"'s colour");
    side.colour_line = rd.where.line(at + "/colour");
    side.symbol = rd.shape(s["symbol"], at + "/symbol", "side \"" + side.id + "\"'s symbol");
    if (side.symbol == SymbolShape::SiegeRing)
      rd.fail(at + "/symbol", "siege_ring is the besieged status's symbol, not a side's");
    if (s.contains("capital")) {
      side.capital = rd.string(s["capital"], at + "/capital", "a side's capital");
      side.capital_line = rd.where.line(at + "/capital");
    }
    v.sides.push_back(std::move(side));
  }

  // Statuses: how each outcome of the state rules is drawn.
  if (!j.contains("statuses") || !j["statuses"].is_object())
    rd.fail("/statuses",
            "expected \"statuses\": {besieged, taken, massacred, surrendered, other}, each "
            "{symbol, colour or side}");
  const auto& st = j["statuses"];
  for (auto it = st.begin(); it != st.end(); ++it) {
    const auto k = parse_status_kind(it.key());
    if (!k || *k == StatusKind::Held)
      rd.fail("/statuses/" + it.key(), "unknown status \"" + it.key() +
                                           "\"; expected besieged, taken, massacred, surrendered or other "
                                           "(a held place is drawn as its side)");
  }
  for (StatusKind k : kEventStatuses) {
    const std::string key(to_string(k)), at = "/statuses/" + key;
    if (!st.contains(key))
      rd.fail("/statuses", "statuses has no \"" + key + "\": every status needs a symbol");
    const auto& s = st[key];
    if (!s.is_object()) rd.fail(at, "expected status \"" + key + "\" as {symbol, colour or side}");
    StatusStyle style;
    if (!s.contains("symbol")) rd.fail(at, "status \"" + key + "\" has no \"symbol\"");
    style.symbol = rd.shape(s["symbol"], at + "/symbol", "status \"" + key + "\"'s symbol");
    if ((style.symbol == SymbolShape::SiegeRing) != (k == StatusKind::Besieged))
      rd.fail(at + "/symbol", k == StatusKind::Besieged ? "the besieged status is drawn as a siege_ring"
                                                        : "siege_ring is only for the besieged status");
    if (s.contains("side") == s.contains("colour"))
      rd.fail(at, "status \"" + key + "\" needs either \"colour\" or \"side\" (whose colour it takes)");
    style.colour_line = rd.where.line(at + (s.contains("side") ? "/side" : "/colour"));
    if (s.contains("side")) {
      const std::string id = rd.string(s["side"], at + "/side", "a status's side");
      style.side = v.side_index(id);
      if (style.side < 0)
        rd.fail(at + "/side", "status \"" + key + "\" names side \"" + id + "\", which is not in sides");
      style.colour = v.sides[static_cast<std::size_t>(style.side)].colour;
    } else {
      style.colour = rd.colour(s["colour"], at + "/colour", "status \"" + key + "\"'s colour");
    }
    v.statuses[static_cast<std::size_t>(k)] = style;
  }

  // The legend's rows, top to bottom.
  if (!j.contains("legend") || !j["legend"].is_array())
    rd.fail("/legend",
            "expected \"legend\": a list of rows, each {status, side?, label}, {army, label} or "
            "{realm, label}");
  for (std::size_t i = 0; i < j["legend"].size(); ++i) {
    const auto& r = j["legend"][i];
    const std::string at = "/legend/" + std::to_string(i);
    if (!r.is_object()) rd.fail(at, "expected a legend row as an object");
    LegendRow row;
    const int targets = int(r.contains("status")) + int(r.contains("army")) + int(r.contains("realm"));
    if (targets != 1)
      rd.fail(at, "legend row " + std::to_string(i) +
                      " must name exactly one of \"status\", \"army\", \"realm\"");
    auto side_of = [&](const char* key) {
      const std::string id = rd.string(r[key], at + "/" + key, std::string("a legend row's ") + key);
      const int s = v.side_index(id);
      if (s < 0) rd.fail(at + "/" + key, "legend row names side \"" + id + "\", which is not in sides");
      return s;
    };
    if (r.contains("status")) {
      const std::string name = rd.string(r["status"], at + "/status", "a legend row's status");
      const auto k = parse_status_kind(name);
      if (!k)
        rd.fail(at + "/status", "legend row names status \"" + name +
                                    "\"; expected held, besieged, taken, massacred, surrendered or other");
      row.status.kind = *k;
      if (*k == StatusKind::Held || *k == StatusKind::Besieged) {
        if (!r.contains("side")) {
          if (*k == StatusKind::Held) rd.fail(at, "a \"held\" legend row needs the \"side\" that holds");
        } else {
          row.status.side = side_of("side");
        }
      }
    } else if (r.contains("army")) {
      row.kind = LegendRow::Kind::Army;
      row.side = side_of("army");
    } else {
      row.kind = LegendRow::Kind::Realm;
      row.side = side_of("realm");
    }
    if (!r.contains("label")) rd.fail(at, "legend row " + std::to_string(i) + " has no \"label\"");
    row.label = rd.names(r["label"], at + "/label", "a legend row's label");
    v.legend.push_back(std::move(row));
  }

  // The credit for the text and the chronicle panel's title: from the source's provenance.
  std::string work, year;
  if (j.contains("source") && j["source"].is_object()) {
    const auto& s = j["source"];
    if (s.contains("work"))
      work = rd.string(s["work"], "/source/work", "source.work");
    else if (s.contains("title"))
      work = rd.string(s["title"], "/source/title", "source.title");
    if (s.contains("year")) {
      if (!s["year"].is_number_integer()) rd.fail("/source/year", "expected source.year to be an integer");
      year = std::to_string(s["year"].get<long long>());
    }
  }
  if (j.contains("credits")) {
    if (!j["credits"].is_object() || !j["credits"].contains("text"))
      rd.fail("/credits", "expected \"credits\": {\"text\": …}");
    v.text_credit = rd.string(j["credits"]["text"], "/credits/text", "credits.text");
  } else if (!work.empty()) {
    v.text_credit = "Text: " + work + (year.empty() ? "" : " (" + year + ")");
  }
  v.work = work;
  v.panel_title =
      j.contains("panel_title") ? rd.string(j["panel_title"], "/panel_title", "panel_title") : work;

  if (j.contains("calendar") && j["calendar"].is_object() && j["calendar"].contains("label_polity")) {
    v.label_polity =
        rd.string(j["calendar"]["label_polity"], "/calendar/label_polity", "calendar.label_polity");
    v.label_polity_line = rd.where.line("/calendar/label_polity");
    if (!is_slug(v.label_polity))
      rd.fail("/calendar/label_polity",
              "calendar.label_polity must be a polity of eras.csv (lower-case ASCII)");
  }

  // Each side's capital at most once.
  for (std::size_t i = 0; i < v.sides.size(); ++i)
    if (!v.sides[i].capital.empty() && !capitals.insert(v.sides[i].capital).second)
      rd.fail("/sides/" + std::to_string(i) + "/capital",
              "place \"" + v.sides[i].capital + "\" is the capital of two sides");
  return v;
}

void check_label_polity(const CampaignVocabulary& v, const Calendar& calendar) {
  if (v.label_polity.empty()) return;
  const std::vector<std::string> known = calendar.polities();
  if (std::find(known.begin(), known.end(), v.label_polity) != known.end()) return;
  std::string list;
  for (const std::string& p : known) list += (list.empty() ? "" : ", ") + p;
  throw DataError(v.file, std::to_string(v.label_polity_line),
                  "calendar.label_polity \"" + v.label_polity +
                      "\" is not a polity of the calendar tables (eras.csv); expected one of " + list);
}

}  // namespace annals
