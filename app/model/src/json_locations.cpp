#include "annals/model/json_locations.h"

#include <algorithm>
#include <cstdint>

namespace annals {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A recursive walk that only tracks positions. It trusts the text to be
// valid JSON (the caller parsed it first) but never reads past the end.
class Scanner {
 public:
  Scanner(std::string_view text, std::unordered_map<std::string, int>& out) : text_(text), out_(out) {}

  void document() {
    skip_space();
    if (pos_ < text_.size()) value("", 0);
  }

 private:
  static constexpr int kMaxDepth = 512;

  std::string_view text_;
  std::unordered_map<std::string, int>& out_;
  std::size_t pos_ = 0;
  int line_ = 1;

  bool at_end() const { return pos_ >= text_.size(); }

  void skip_space() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4 && !at_end(); ++k, ++pos_) {
      const char c = text_[pos_];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
    }
    return v;
  }

  // Reads a string token (pos_ on the opening quote); returns its decoded text.
  std::string string_token() {
    std::string s;
    ++pos_;
    while (!at_end() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        s += c;
        continue;
      }
      if (at_end()) break;
      c = text_[pos_++];
      switch (c) {
        case 'n':
          s += '\n';
          break;
        case 't':
          s += '\t';
          break;
        case 'r':
          s += '\r';
          break;
        case 'b':
          s += '\b';
          break;
        case 'f':
          s += '\f';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          // A surrogate pair spells one code point above U+FFFF.
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
              text_[pos_ + 1] == 'u') {
            pos_ += 2;
            const std::uint32_t low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(s, cp);
          break;
        }
        default:
          s += c;
          break;
      }
    }
    if (!at_end()) ++pos_;  // closing quote
    return s;
  }

  void value(const std::string& pointer, int depth) {
    if (depth > kMaxDepth || at_end()) return;
    out_.emplace(pointer, line_);
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      skip_space();
      while (!at_end() && text_[pos_] != '}') {
        if (text_[pos_] != '"') return;  // not JSON: stop quietly
        const std::string key = string_token();
        skip_space();
        if (at_end() || text_[pos_] != ':') return;
        ++pos_;
        skip_space();
        value(pointer + "/" + json_pointer_escape(key), depth + 1);
        skip_space();
        if (!at_end() && text_[pos_] == ',') {
          ++pos_;
          skip_space();
        }
      }
      if (!at_end()) ++pos_;
    } else if (c == '[') {
      ++pos_;
      skip_space();
      std::size_t index = 0;
      while (!at_end() && text_[pos_] != ']') {
        const std::size_t before = pos_;
        value(pointer + "/" + std::to_string(index++), depth + 1);
        skip_space();
        if (!at_end() && text_[pos_] == ',') {
          ++pos_;
          skip_space();
        } else if (pos_ == before) {
          return;
        }
      }
      if (!at_end()) ++pos_;
    } else if (c == '"') {
      string_token();
    } else {
      // number, true, false, null: none contains a newline or a delimiter
      while (!at_end()) {
        const char d = text_[pos_];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\t' || d == '\r') break;
        ++pos_;
      }
    }
  }
};

}  // namespace

JsonLocations JsonLocations::scan(std::string_view text) {
  JsonLocations loc;
  Scanner(text, loc.lines_).document();
  return loc;
}

int JsonLocations::line(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (auto it = lines_.find(p); it != lines_.end()) return it->second;
    if (p.empty()) return 0;
    const auto slash = p.rfind('/');
    p.resize(slash == std::string::npos ? 0 : slash);
  }
}

std::string json_pointer_escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

int line_of_parse_error(std::string_view text, std::size_t byte) {
  // parse_error::byte counts from 1 and points just past the offending
  // character; the line is that of the character itself.
  const std::size_t end = byte == 0 ? 0 : std::min(byte - 1, text.size());
  int line = 1;
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

}  // namespace annals
