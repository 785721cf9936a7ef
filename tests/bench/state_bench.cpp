// The campaign at time t, as the viewer asks for it every frame. Issue target:
// state_at ≤ 0.1 ms. Run by hand, e.g.
//   annals_benchmarks --benchmark_filter=CampaignState
#include <benchmark/benchmark.h>

#include <memory>

#include "annals/model/campaign_state.h"
#include "annals/model/paths.h"

namespace {

const annals::CampaignModel& model() {
  static const std::unique_ptr<annals::CampaignModel> m =
      annals::CampaignModel::load(annals::default_campaign_dir());
  return *m;
}

// Sweeps the whole axis in small steps, as playback does, so every month's
// places, armies and cells are exercised.
void BM_CampaignStateAt(benchmark::State& state) {
  const annals::CampaignModel& m = model();
  const double end = m.timeline().end();
  double t = 0;
  for (auto _ : state) {
    annals::CampaignState s = m.state_at(t);
    benchmark::DoNotOptimize(s);
    t += 0.037;
    if (t > end) t = 0;
  }
}
BENCHMARK(BM_CampaignStateAt)->Unit(benchmark::kMicrosecond);

// The campaign's busiest month: the siege of the capital, armies everywhere.
void BM_CampaignStateAtSiege(benchmark::State& state) {
  const annals::CampaignModel& m = model();
  const double t = m.parse_time("宝庆二年十二月") + 0.5;
  for (auto _ : state) {
    annals::CampaignState s = m.state_at(t);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_CampaignStateAtSiege)->Unit(benchmark::kMicrosecond);

void BM_CampaignModelLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto m = annals::CampaignModel::load(annals::default_campaign_dir());
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_CampaignModelLoad)->Unit(benchmark::kMillisecond);

}  // namespace
