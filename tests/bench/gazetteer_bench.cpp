// Gazetteer scaling: load and query a generated gazetteer of 100,000 places.
// Targets: load < 1 s, any search < 5 ms; the figures and how to run it are
// in docs/gazetteer-sources.md (Benchmark). Run by hand, e.g.
//   annals_benchmarks --benchmark_filter=Gazetteer
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "annals/geo/gazetteer.h"

namespace {

namespace fs = std::filesystem;
constexpr int kPlaces = 100000;

struct Generated {
  fs::path file;
  std::vector<std::string> hanzi;   // one name per place, CJK
  std::vector<std::string> pinyin;  // with tones
  std::vector<std::string> plain;
  ~Generated() { fs::remove(file); }
};

// Pinyin-like names from real syllables, so the bigram statistics of the
// fuzzy index (many names share "zh", "ou", "an") resemble a real gazetteer.
const Generated& generated() {
  static const Generated g = [] {
    static constexpr std::array<const char*, 24> initials = {"b",  "p", "m", "f", "d", "t", "n",  "l",
                                                             "g",  "k", "h", "j", "q", "x", "zh", "ch",
                                                             "sh", "r", "z", "c", "s", "y", "w",  ""};
    static constexpr std::array<const char*, 12> finals = {"a",  "ai", "an", "ang", "ao",  "e",
                                                           "ei", "en", "i",  "in",  "ing", "ou"};
    // The same finals with a tone mark on the vowel (tones 1-4).
    static constexpr std::array<std::array<const char*, 4>, 12> toned = {{{"ā", "á", "ǎ", "à"},
                                                                          {"āi", "ái", "ǎi", "ài"},
                                                                          {"ān", "án", "ǎn", "àn"},
                                                                          {"āng", "áng", "ǎng", "àng"},
                                                                          {"āo", "áo", "ǎo", "ào"},
                                                                          {"ē", "é", "ě", "è"},
                                                                          {"ēi", "éi", "ěi", "èi"},
                                                                          {"ēn", "én", "ěn", "èn"},
                                                                          {"ī", "í", "ǐ", "ì"},
                                                                          {"īn", "ín", "ǐn", "ìn"},
                                                                          {"īng", "íng", "ǐng", "ìng"},
                                                                          {"ōu", "óu", "ǒu", "òu"}}};
    static constexpr std::array<const char*, 6> suffix_plain = {"zhou", "fu",    "xian",
                                                                "shan", "chuan", "cheng"};
    static constexpr std::array<const char*, 6> suffix_toned = {"zhōu", "fǔ",    "xiàn",
                                                                "shān", "chuān", "chéng"};
    static constexpr std::array<const char*, 6> suffix_hanzi = {"州", "府", "县", "山", "川", "城"};
    static constexpr std::array<const char*, 6> kinds = {
        "prefecture", "superior_prefecture", "county", "mountain", "plain", "city"};
    Generated out;
    out.file =
        fs::temp_directory_path() / ("annals-gazetteer-bench-" + std::to_string(::getpid()) + ".geojson");
    std::mt19937 rng(20240601);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::ofstream f(out.file, std::ios::binary);
    f << R"({"type":"FeatureCollection","features":[)" << '\n';
    std::uniform_real_distribution<double> lon(60.0, 125.0), lat(25.0, 55.0);
    for (int i = 0; i < kPlaces; ++i) {
      std::string plain, toned_name, hanzi;
      const std::size_t syllables = 1 + pick(2);
      for (std::size_t s = 0; s < syllables; ++s) {
        const char* ini = initials[pick(initials.size())];
        const std::size_t fin = pick(finals.size());
        plain += ini;
        plain += finals[fin];
        toned_name += ini;
        toned_name += toned[fin][pick(4)];
        // A CJK ideograph from the common block.
        char32_t cp = 0x4E00 + static_cast<char32_t>(pick(0x51A5));
        hanzi += static_cast<char>(0xE0 | (cp >> 12));
        hanzi += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        hanzi += static_cast<char>(0x80 | (cp & 0x3F));
      }
      const std::size_t k = pick(suffix_plain.size());
      plain += suffix_plain[k];
      toned_name += suffix_toned[k];
      hanzi += suffix_hanzi[k];
      std::string capital = plain;
      capital[0] = static_cast<char>(capital[0] - 'a' + 'A');
      std::string toned_cap = toned_name;
      if (toned_cap[0] >= 'a' && toned_cap[0] <= 'z')
        toned_cap[0] = static_cast<char>(toned_cap[0] - 'a' + 'A');
      const std::string id = plain + "_" + std::to_string(i);
      if (i) f << ",\n";
      f << R"({"type":"Feature","id":")" << id << R"(","properties":{"id":")" << id << R"(","name":")"
        << hanzi << R"(","names":{"as_written":[")" << hanzi << R"("],"simplified":")" << hanzi
        << R"(","traditional":")" << hanzi << R"(","pinyin":")" << toned_cap << R"(","pinyin_plain":")"
        << capital << R"(","english":")" << capital << R"( )" << i << R"("},"aliases":[],"kind":")"
        << kinds[k]
        << R"(","polity_1224":"unknown","modern_location":"generated","uncertainty_km":5,"confidence":"low",)"
        << R"("sources":[{"work":"generated","record":"","note":""}],"note":"","located":true},)"
        << R"("geometry":{"type":"Point","coordinates":[)" << lon(rng) << "," << lat(rng) << "]}}";
      out.hanzi.push_back(hanzi);
      out.pinyin.push_back(toned_cap);
      out.plain.push_back(capital);
    }
    f << "\n]}\n";
    return out;
  }();
  return g;
}

const annals::Gazetteer& loaded() {
  static const annals::Gazetteer g = [] {
    annals::Diagnostics d;
    auto gz = annals::Gazetteer::load(generated().file, d);
    if (d.has_errors()) throw std::runtime_error(d.items()[0].format());
    return gz;
  }();
  return g;
}

void BM_GazetteerLoad100k(benchmark::State& state) {
  const fs::path file = generated().file;
  state.counters["bytes"] = static_cast<double>(fs::file_size(file));
  for (auto _ : state) {
    annals::Diagnostics d;
    auto g = annals::Gazetteer::load(file, d);
    benchmark::DoNotOptimize(g.size());
    if (g.size() != static_cast<std::size_t>(kPlaces)) state.SkipWithError("not every place loaded");
  }
}
BENCHMARK(BM_GazetteerLoad100k)->Unit(benchmark::kMillisecond)->Iterations(3);

// Queries rotate through names of the generated places so that caches do not
// make one lucky query look fast.
template <typename MakeQuery>
void run_search(benchmark::State& state, MakeQuery make) {
  const auto& g = loaded();
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < 64; ++i) queries.push_back(make(i * 1543 % static_cast<std::size_t>(kPlaces)));
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    auto rs = g.search(queries[i++ % queries.size()], 10);
    found += rs.size();
    benchmark::DoNotOptimize(rs.data());
  }
  state.counters["results/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

void BM_GazetteerSearchExactHanzi(benchmark::State& state) {
  run_search(state, [](std::size_t i) { return generated().hanzi[i]; });
}
void BM_GazetteerSearchExactPinyinTones(benchmark::State& state) {
  run_search(state, [](std::size_t i) { return generated().pinyin[i]; });
}
void BM_GazetteerSearchPrefix(benchmark::State& state) {
  // Three letters: thousands of completions to rank.
  run_search(state, [](std::size_t i) { return generated().plain[i].substr(0, 3); });
}
void BM_GazetteerSearchFuzzy(benchmark::State& state) {
  // A letter dropped from the middle: no exact or prefix match, edit distance 1.
  run_search(state, [](std::size_t i) {
    std::string q = generated().plain[i];
    q.erase(q.size() / 2, 1);
    return q + "x";
  });
}
BENCHMARK(BM_GazetteerSearchExactHanzi)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GazetteerSearchExactPinyinTones)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GazetteerSearchPrefix)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GazetteerSearchFuzzy)->Unit(benchmark::kMicrosecond);

void BM_GazetteerNearest10(benchmark::State& state) {
  const auto& g = loaded();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> lon(60.0, 125.0), lat(25.0, 55.0);
  for (auto _ : state) {
    auto rs = g.nearest(lon(rng), lat(rng), 10);
    benchmark::DoNotOptimize(rs.data());
  }
}
BENCHMARK(BM_GazetteerNearest10)->Unit(benchmark::kMicrosecond);

}  // namespace
