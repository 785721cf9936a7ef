// The campaign's vocabulary, from campaign.json (format version 2; see
// docs/data-format.md): the sides and how each is drawn, how the statuses a
// place can have are drawn, the legend's rows, the credit for the text, the
// chronicle panel's title and whose eras label the months. Nothing about a
// particular chronicle is known to the code: it all comes from here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace annals {

class Calendar;

struct Colour {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Colour&) const = default;
};
// "#rrggbb" (either case); nullopt otherwise.
std::optional<Colour> parse_colour(std::string_view text);
std::string to_string(Colour c);  // "#rrggbb"

// The shapes a status can be drawn with (app/render/src/status_symbols.cpp).
enum class SymbolShape {
  Dot,            // filled circle in a paper ring; a square seal for a capital
  Square,         // small filled square, ink edge
  Triangle,       // small filled triangle, ink edge
  Pentagon,       // filled pentagon, paper edge
  CrossedCircle,  // paper circle, coloured edge and cross
  CrossedSquare,  // coloured square with a paper cross
  Diamond,        // paper diamond, coloured edge, coloured centre
  Ring,           // small paper ring, coloured edge
  SiegeRing,      // a pulsing dashed ring around the symbol of the side that held the place
};
std::optional<SymbolShape> parse_symbol_shape(std::string_view text);
std::string_view to_string(SymbolShape s);
// Every shape name, for error messages: "dot, square, …".
std::string symbol_shape_names();

// What a place is at a time t: held by a side, or what the last change did to it.
enum class StatusKind { Held, Besieged, Taken, Massacred, Surrendered, Other };
inline constexpr std::array<StatusKind, 5> kEventStatuses = {StatusKind::Besieged, StatusKind::Taken,
                                                             StatusKind::Massacred, StatusKind::Surrendered,
                                                             StatusKind::Other};
std::string_view to_string(StatusKind k);  // "held", "besieged", … "other"
std::optional<StatusKind> parse_status_kind(std::string_view text);

struct PlaceStatus {
  StatusKind kind = StatusKind::Other;
  // Held: the holding side. Besieged: the side that held the place when the
  // siege began (-1 if none), whose symbol is drawn inside the siege ring.
  // Otherwise -1. An index into CampaignVocabulary::sides.
  int side = -1;
  bool operator==(const PlaceStatus&) const = default;
};

// A name in every label language.
struct Names {
  std::string zh, pinyin, en;
};

struct Side {
  std::string id;  // as the gazetteer's polity_1224, curation actors and moves name it
  Names name;
  Colour colour;
  SymbolShape symbol = SymbolShape::Dot;
  std::string capital;   // a place id drawn at rank 0 (the capital's symbol and label); may be empty
  int colour_line = 0;   // where its colour is written, for diagnostics
  int capital_line = 0;  // where its capital is written, for diagnostics
};

struct StatusStyle {
  SymbolShape symbol = SymbolShape::Ring;
  Colour colour;
  int side = -1;        // when the style borrows a side's colour ("side": "…"); else -1
  int colour_line = 0;  // where its colour (or side) is written, for diagnostics
};

struct LegendRow {
  enum class Kind { Status, Army, Realm } kind = Kind::Status;
  PlaceStatus status;  // Kind::Status: the status whose symbol the row shows
  int side = -1;       // Kind::Army and Kind::Realm: whose arrow or territory
  Names label;
  std::string text() const;  // "zh en", as the legend writes it
};

struct CampaignVocabulary {
  std::vector<Side> sides;
  // Indexed by StatusKind (Held's entry is unused: a held place is drawn as its side).
  std::array<StatusStyle, 6> statuses;
  std::vector<LegendRow> legend;
  std::string work;           // the chronicle's title as a work (source.work, else source.title)
  std::string text_credit;    // "Text: 书名 (1825)", from source.work (or title) and source.year
  std::string panel_title;    // the chronicle panel's title
  std::string label_polity;   // whose era names label the months (a polity of eras.csv)
  int label_polity_line = 0;  // where it is written, for diagnostics
  std::string file;           // the file all this was read from
  // Read from the version 1 defaults, not the campaign's own manifest: their
  // capital may be absent from a version 1 campaign's gazetteer.
  bool from_v1_defaults = false;

  int side_index(std::string_view id) const;  // -1 if no side has that id
  const StatusStyle& style(StatusKind k) const { return statuses[static_cast<std::size_t>(k)]; }
  // The symbol and colour a status is drawn with.
  SymbolShape symbol(PlaceStatus s) const;
  Colour colour(PlaceStatus s) const;
  // Every status a place can have: each side held, besieged from each side and
  // from none, then taken, massacred, surrendered, other.
  std::vector<PlaceStatus> all_statuses() const;
  // "held:<side id>", "besieged", "taken", … "other": as tests and tools write a status.
  std::string name(PlaceStatus s) const;
  std::optional<PlaceStatus> parse(std::string_view name) const;
};

// Reads the vocabulary keys (sides, statuses, legend, source.work/year,
// calendar.label_polity, panel_title) from `doc`, the parsed text `text` of
// `file`. Throws DataError(file, line, why) at the line of the bad value.
CampaignVocabulary parse_vocabulary(const nlohmann::json& doc, std::string_view text,
                                    const std::string& file);

// Checks calendar.label_polity against the calendar tables: a polity eras.csv
// has no era for would label every month with another polity's eras. Throws
// DataError(file, line of label_polity, the polities the tables know).
void check_label_polity(const CampaignVocabulary& v, const Calendar& calendar);

}  // namespace annals
