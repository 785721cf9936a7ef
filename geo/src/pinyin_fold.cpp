// Name folding for search: see fold_name() in gazetteer.h.
#include <algorithm>
#include <vector>

#include "annals/geo/gazetteer.h"
#include "gazetteer_text.h"

namespace annals {
namespace detail {

std::u32string utf8_to_u32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int bounded_edit_distance(std::u32string_view a, std::u32string_view b, int max) {
  if (a.size() > b.size()) std::swap(a, b);
  const auto la = static_cast<int>(a.size());
  const auto lb = static_cast<int>(b.size());
  if (lb - la > max) return max + 1;
  if (la == 0) return lb;
  // Two rows of the DP matrix; cells outside the diagonal band |i - j| <= max
  // can never lead to a distance <= max, so they stay at max + 1.
  const int big = max + 1;
  std::vector<int> prev(static_cast<std::size_t>(lb) + 1, big);
  std::vector<int> cur(static_cast<std::size_t>(lb) + 1, big);
  for (int j = 0; j <= std::min(lb, max); ++j) prev[static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= la; ++i) {
    const int lo = std::max(1, i - max);
    const int hi = std::min(lb, i + max);
    std::fill(cur.begin(), cur.end(), big);
    if (i <= max) cur[0] = i;
    int row_min = cur[0];
    for (int j = lo; j <= hi; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      const int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      const int v = std::min({prev[uj - 1] + cost, prev[uj] + 1, cur[uj - 1] + 1});
      cur[uj] = std::min(v, big);
      row_min = std::min(row_min, cur[uj]);
    }
    if (row_min > max) return big;
    std::swap(prev, cur);
  }
  return std::min(prev[static_cast<std::size_t>(lb)], big);
}

}  // namespace detail

namespace {

// Latin letters with diacritics, by code point, to their base letter (0 when
// the code point is not a letter). Covers Latin-1, Latin Extended-A and the
// pinyin letters of Latin Extended-B, which is every form pinyin input uses.
// Arrays, not string_views: kLatin1 holds NULs (for × and ÷).
constexpr char kLatin1[] =  // U+00C0..U+00FF
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
constexpr char kLatinExtA[] =  // U+0100..U+017F
    "aaaaaacccccccc"
    "dddd"
    "eeeeeeeeeegggggggghhhh"
    "iiiiiiiiiiiijjkkk"
    "llllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
constexpr char kPinyinExtB[] = "aaiioouuuuuuuuuu";  // U+01CD..U+01DC
static_assert(sizeof kLatin1 == 0x40 + 1 && sizeof kLatinExtA == 0x80 + 1 && sizeof kPinyinExtB == 0x10 + 1);

char latin_base(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtA[cp - 0x100];
  if (cp >= 0x1CD && cp <= 0x1DC) return kPinyinExtB[cp - 0x1CD];
  switch (cp) {
    case 0x1F8:
    case 0x1F9:
      return 'n';  // Ǹ ǹ
    case 0x1E3E:
    case 0x1E3F:
      return 'm';  // Ḿ ḿ
    case 0x251:
      return 'a';  // ɑ, sometimes typed for pinyin a
    case 0x261:
      return 'g';
    default:
      return 0;
  }
}

// Punctuation and spacing that users type or omit freely between syllables:
// dropped so that "Qing Dao", "Qing-dao" and "Qing'dao" match "Qingdao".
bool is_separator(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) ||      // Latin-1 spaces and punctuation (incl. middle dot)
         cp == 0xD7 || cp == 0xF7 ||        // × ÷
         (cp >= 0x2B9 && cp <= 0x2BF) ||    // modifier letter apostrophes (ʼ)
         (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation (’ ‘ – —)
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation (、。「」)
         cp == 0x30FB ||                    // katakana middle dot
         (cp >= 0xFE30 && cp <= 0xFE4F) ||  // CJK compatibility forms
         (cp >= 0xFF5F && cp <= 0xFF65);    // half-width CJK punctuation
}

}  // namespace

void detail::append_folded(std::string_view text, std::string& out) {
  // Decoded in place: a temporary u32string per name showed up in profiles
  // of index building.
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = detail::next_code_point(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp < 0x80) {
      const auto c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z')
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        out.push_back(c);
      continue;  // ASCII spaces and punctuation are separators
    }
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining tone marks (decomposed input)
    if (const char base = latin_base(cp)) {
      out.push_back(base);
      continue;
    }
    if (cp == U'\uFFFD' || is_separator(cp)) continue;
    detail::append_utf8(out, cp);
  }
}

std::string fold_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  detail::append_folded(text, out);
  return out;
}

}  // namespace annals
