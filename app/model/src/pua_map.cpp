#include "annals/model/pua_map.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "annals/model/chinese_numerals.h"

namespace annals {

namespace {

struct CsvRecord {
  int line = 0;  // where the record starts
  std::vector<std::string> fields;
};

// RFC 4180: fields separated by commas, optionally in double quotes, a quote
// inside quotes doubled; quoted fields may span lines. CRLF or LF line ends
// (a carriage return alone is an error, except inside quotes).
std::vector<CsvRecord> read_csv(std::string_view text, const std::string& file) {
  std::vector<CsvRecord> records;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        const int opened = line;
        ++i;
        while (true) {
          if (i >= text.size()) throw DataError(file, std::to_string(opened), "unterminated quoted field");
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
          throw DataError(file, std::to_string(line), "unexpected text after a closing quote");
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"')
            throw DataError(file, std::to_string(line),
                            "quote inside an unquoted field (quote the whole field)");
          field += text[i++];
        }
      }
      rec.fields.push_back(field);
      if (i >= text.size()) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        // A carriage return ends a line only before a line feed: counted as
        // a line of its own, it would put every later line number off from
        // what an editor shows.
        if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))
          throw DataError(file, std::to_string(line),
                          "carriage return without a line feed; lines end in LF or CRLF");
        i += text[i] == '\r' ? 2 : 1;
        ++line;
        end_of_record = true;
      }
    }
    // A blank line is no record.
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) records.push_back(std::move(rec));
  }
  return records;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "U+E4BF U+89C1" -> the code points; false if malformed.
bool parse_code_points(const std::string& field, std::u32string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < field.size()) {
    while (i < field.size() && field[i] == ' ') ++i;
    if (i >= field.size()) break;
    if (field.compare(i, 2, "U+") != 0) return false;
    i += 2;
    std::size_t digits = 0;
    char32_t cp = 0;
    while (i < field.size() && std::isxdigit(static_cast<unsigned char>(field[i]))) {
      const char c = field[i++];
      const unsigned v =
          c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
      cp = cp * 16 + v;
      if (++digits > 6) return false;
    }
    if (digits < 4 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (i < field.size() && field[i] != ' ') return false;
    out += cp;
  }
  return !out.empty();
}

}  // namespace

bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) ||
         (cp >= 0x100000 && cp <= 0x10FFFD);
}

std::string format_code_point(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

PuaMap PuaMap::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw DataError(file.string(), "", "cannot read the Private Use Area map");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse(text, file.string());
}

PuaMap PuaMap::parse(std::string_view csv_text, const std::string& file) {
  require_utf8(csv_text, file);
  const std::vector<CsvRecord> records = read_csv(csv_text, file);
  const std::vector<std::string> header{"sequence", "replacement", "status", "note"};
  if (records.empty())
    throw DataError(file, "1", "empty file; expected the header sequence,replacement,status,note");
  std::vector<std::string> got;
  for (const auto& f : records[0].fields) got.push_back(trim(f));
  if (got != header) throw DataError(file, "1", "header must be sequence,replacement,status,note");

  PuaMap map;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const std::string where = std::to_string(rec.line);
    if (rec.fields.size() != header.size())
      throw DataError(
          file, where,
          "expected 4 fields, found " + std::to_string(rec.fields.size()) + " (quote fields with commas)");
    PuaMapping m;
    m.line = rec.line;
    if (!parse_code_points(trim(rec.fields[0]), m.sequence))
      throw DataError(file, where, "sequence '" + rec.fields[0] + "' is not code points written as U+XXXX");
    if (!parse_code_points(trim(rec.fields[1]), m.replacement))
      throw DataError(file, where,
                      "replacement '" + rec.fields[1] + "' is not code points written as U+XXXX");
    if (!is_private_use(m.sequence[0]))
      throw DataError(
          file, where,
          "sequence must begin with a Private Use Area code point, not " + format_code_point(m.sequence[0]));
    m.status = trim(rec.fields[2]);
    if (std::find(std::begin(kPuaStatuses), std::end(kPuaStatuses), m.status) == std::end(kPuaStatuses))
      throw DataError(file, where, "status '" + m.status + "' is not one of certain, probable, unknown");
    m.note = rec.fields[3];
    for (const auto& other : map.mappings_)
      if (other.sequence == m.sequence)
        throw DataError(file, where,
                        "sequence mapped twice (first on line " + std::to_string(other.line) + ")");
    map.mappings_.push_back(std::move(m));
  }
  // Longest first, so that a pair such as U+E4BF U+89C1 wins over a bare U+E4BF.
  std::stable_sort(map.mappings_.begin(), map.mappings_.end(), [](const PuaMapping& a, const PuaMapping& b) {
    return a.sequence.size() > b.sequence.size();
  });
  return map;
}

std::string PuaMap::normalize(std::string_view utf8) const {
  const std::u32string cps = utf8_to_code_points(utf8);
  std::u32string out;
  out.reserve(cps.size());
  std::size_t i = 0;
  while (i < cps.size()) {
    const PuaMapping* hit = nullptr;
    if (is_private_use(cps[i]))
      for (const auto& m : mappings_)
        if (cps.compare(i, m.sequence.size(), m.sequence) == 0) {
          hit = &m;
          break;
        }
    if (hit) {
      out += hit->replacement;
      i += hit->sequence.size();
    } else {
      out += cps[i++];
    }
  }
  return code_points_to_utf8(out);
}

std::vector<UnmappedCodePoint> PuaMap::unmapped(std::string_view utf8) const {
  const std::u32string cps = utf8_to_code_points(utf8);
  std::vector<UnmappedCodePoint> out;
  std::size_t i = 0;
  while (i < cps.size()) {
    if (!is_private_use(cps[i])) {
      ++i;
      continue;
    }
    const PuaMapping* hit = nullptr;
    for (const auto& m : mappings_)
      if (cps.compare(i, m.sequence.size(), m.sequence) == 0) {
        hit = &m;
        break;
      }
    if (hit) {
      i += hit->sequence.size();
    } else {
      out.push_back({cps[i], i});
      ++i;
    }
  }
  return out;
}

}  // namespace annals
