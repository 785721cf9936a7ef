// Render benchmarks (Google Benchmark): what a frame, a still and start-up
// cost on this machine. Run: build/release/tests/annals_benchmarks
// --benchmark_filter=Render. Figures go in the closing notes; no test asserts
// a timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "annals/render/map_renderer.h"
#include "annals/render/presentation.h"
#include "annals/render/render_target.h"
#include "annals/render/texture_scaler.h"
#include "camera_flight.h"

namespace annals {
namespace {

struct Fixture {
  EglContext gl;
  std::unique_ptr<DisplayedCampaign> campaign;
  FontFile font;
  std::unique_ptr<FrameRenderer> frames;
  Fixture() {
    campaign = load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
    font = find_cjk_font();
    frames = std::make_unique<FrameRenderer>(campaign->scene, font, load_font_bytes(font));
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// A frame size from the benchmark's arguments; pixel ratio height ÷ 1080.
Viewport viewport_of(const benchmark::State& state) {
  return {int(state.range(0)), int(state.range(1)), float(state.range(1)) / 1080.0f};
}

// Times complete frames, each finished on the GPU (glFinish) as the window
// draws it before the blit; `change` moves the state on before each frame.
// One untimed frame first: font atlas, target allocation.
template <typename Change>
void time_frames(benchmark::State& state, FrameState& s, const Viewport& vp, Change change) {
  FrameRenderer& frames = *fixture().frames;
  frames.render(s, vp);
  glFinish();
  int i = 0;
  for (auto _ : state) {
    change(s, i++);
    frames.render(s, vp);
    glFinish();
  }
}
void no_change(FrameState&, int) {}

FrameState home_view(const Viewport& vp) {
  FrameState s;
  s.camera = Camera::fit(fixture().campaign->scene.extent, vp);
  return s;
}

void frame_sizes(benchmark::internal::Benchmark* b) {
  b->Args({1920, 1080})->Args({3840, 2160})->Unit(benchmark::kMillisecond)->UseRealTime();
}

// A view that stays put (on software rasterisers the base map is then reused
// from the last frame).
void BM_RenderFrame(benchmark::State& state) {
  const Viewport vp = viewport_of(state);
  FrameState s = home_view(vp);
  time_frames(state, s, vp, no_change);
}
BENCHMARK(BM_RenderFrame)->Apply(frame_sizes);

// A campaign frame while playing: every layer on, the state at a moving t
// (arrows growing, siege rings pulsing, realm cells switching), the legend
// and date burned in. What the window draws 60 times a second.
void BM_RenderCampaignFramePlaying(benchmark::State& state) {
  Fixture& f = fixture();
  const Viewport vp = viewport_of(state);
  f.frames->set_campaign(f.campaign->model.get());
  FrameState s = home_view(vp);
  s.layers["borders"] = true;
  const double t0 = f.campaign->model->parse_time("宝庆二年二月");
  // Ten months at 60 frames a month.
  time_frames(state, s, vp, [&](FrameState& fs, int i) { fs.t = t0 + (i % 600) / 60.0; });
  f.frames->set_campaign(nullptr);
}
BENCHMARK(BM_RenderCampaignFramePlaying)->Apply(frame_sizes);

// A frame whose base map is cached, split by what the overlay draws: 0
// everything, 1 no place labels, 2 no furniture (title, credits, scale bar,
// north arrow, graticule labels), 3 neither. Tells what labels cost.
void BM_RenderOverlay(benchmark::State& state) {
  const Viewport vp{1920, 1080, 1.0f};
  FrameState s = home_view(vp);
  const int what = int(state.range(0));
  const bool labels = what == 0 || what == 2, furniture = what == 0 || what == 1;
  s.overlay.place_labels = labels;
  s.overlay.title = s.overlay.credits = s.overlay.scale_bar = s.overlay.north_arrow =
      s.overlay.graticule_labels = furniture;
  time_frames(state, s, vp, no_change);
  state.SetLabel(labels && furniture ? "all"
                 : labels            ? "labels only"
                 : furniture         ? "furniture only"
                                     : "neither");
}
BENCHMARK(BM_RenderOverlay)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->UseRealTime();

// Panning: the camera moves by whole pixels every frame, as a mouse drag
// moves it. On software rasterisers the cached base map is scrolled and only
// the strip that came into view is drawn.
void BM_RenderFramePanning(benchmark::State& state) {
  const Viewport vp = viewport_of(state);
  FrameState s = home_view(vp);
  time_frames(state, s, vp, [&](FrameState& fs, int i) { fs.camera.pan_pixels(i % 2 ? 3.0 : -3.0, 0, vp); });
}
BENCHMARK(BM_RenderFramePanning)->Apply(frame_sizes);

// Zooming: the scale changes every frame, so nothing cached can be used and
// the whole base map is drawn each time (as on a wheel step or a flight).
void BM_RenderFrameZooming(benchmark::State& state) {
  const Viewport vp = viewport_of(state);
  FrameState s = home_view(vp);
  const XY centre{vp.width_px / 2.0, vp.height_px / 2.0};
  time_frames(state, s, vp,
              [&](FrameState& fs, int i) { fs.camera.zoom_about(i % 2 ? 1.01 : 1.0 / 1.01, centre, vp); });
}
BENCHMARK(BM_RenderFrameZooming)->Apply(frame_sizes);

// The base map alone (no labels, no campaign), drawn from scratch for a moved
// camera at 1920×1080, at the default view, split by what is drawn: 0
// everything, 1 relief only, 2 lines only (over flat land). This is the figure
// the base-map budget (16 ms) is about: no cache helps it.
void BM_BaseMapPass(benchmark::State& state) {
  Fixture& f = fixture();
  const Viewport vp{1920, 1080, 1.0f};
  RenderTarget target(vp.width_px, vp.height_px, FrameRenderer::msaa_samples());
  MapRenderer map(f.campaign->scene);
  LayerVisibility layers;
  const int what = int(state.range(0));
  for (const auto& l : f.campaign->scene.lines) layers[l.id] = what == 1 ? false : l.visible;
  if (what == 2) layers["terrain"] = false;
  Camera camera = Camera::fit(f.campaign->scene.extent, vp);
  target.bind_for_drawing();
  int i = 0;
  for (auto _ : state) {
    camera.pan_pixels((i++ % 2) ? 3.0 : -3.0, 0, vp);
    map.draw(camera, vp, layers, MapRenderer::Pass::Base);
    glFinish();
  }
  state.SetLabel(what == 0 ? "all" : what == 1 ? "relief" : "lines");
}
BENCHMARK(BM_BaseMapPass)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->UseRealTime();

// A frame read back to memory, as a still or an export frame (no encoding).
void BM_RenderAndReadBack(benchmark::State& state) {
  Fixture& f = fixture();
  const Viewport vp{1920, 1080, 1.0f};
  FrameState s;
  s.camera = Camera::fit(f.campaign->scene.extent, vp);
  for (auto _ : state) benchmark::DoNotOptimize(f.frames->render_image(s, vp));
}
BENCHMARK(BM_RenderAndReadBack)->Unit(benchmark::kMillisecond)->UseRealTime();

// Start-up without a window: manifest, gazetteer, base map, projection, scene
// (terrain shading included).
void BM_LoadCampaignAndBuildScene(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()}));
}
BENCHMARK(BM_LoadCampaignAndBuildScene)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Projecting and flattening the loaded base map again, as a projection switch does.
void BM_RebuildSceneForProjection(benchmark::State& state) {
  Fixture& f = fixture();
  const char* names[] = {"albers", "lcc", "eqc"};
  int i = 0;
  for (auto _ : state) {
    auto p = std::make_shared<const Projection>(
        projection_definition(names[i++ % 3], f.campaign->manifest.projection_parameters));
    SceneInputs in;
    in.graticule_lonlat = f.campaign->manifest.graticule_lonlat;
    in.graticule_step = f.campaign->manifest.graticule_step;
    in.basemap = &f.campaign->basemap;
    in.relief = &f.campaign->relief;  // shaded once per load, as the viewer does
    in.places = f.campaign->places;
    benchmark::DoNotOptimize(build_scene(in, p));
  }
}
BENCHMARK(BM_RebuildSceneForProjection)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// What the base map's cache costs per frame at 1920x1080, by operation:
// 0 clear, 1 copy at the same size (a frame at rest), 2 glBlitFramebuffer
// scaled with linear filtering, 3 the same with nearest, 4 TextureScaler's
// textured quad (linear; what a flight's frame does), all as a flight scales
// the last sharp picture by 1.1.
void BM_CacheOps(benchmark::State& state) {
  fixture();
  const int op = int(state.range(0));
  RenderTarget a(1920, 1080, 0), b(1920, 1080, 0);
  const auto scaler = std::make_unique<TextureScaler>();
  a.bind_for_drawing();
  glClearColor(0.8f, 0.7f, 0.6f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  const PixelRect from{87, 49, 1745, 982}, to{0, 0, 1920, 1080};
  auto once = [&] {
    switch (op) {
      case 0:
        b.bind_for_drawing();
        glClear(GL_COLOR_BUFFER_BIT);
        break;
      case 1:
        a.copy_into(b);
        break;
      case 2:
        a.copy_scaled_into(b, from, to);
        break;
      case 3:
        a.copy_scaled_into(b, from, to, /*linear=*/false);
        break;
      default:
        scaler->draw(a, from, b, to);
        break;
    }
    glFinish();
  };
  once();
  for (auto _ : state) once();
  static const char* names[] = {"clear", "copy", "scaled linear blit", "scaled nearest blit",
                                "scaled textured quad (linear)"};
  state.SetLabel(names[op]);
}
BENCHMARK(BM_CacheOps)
    ->DenseRange(0, 4)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// A camera flight at 1920x1080 from the whole campaign to its first place,
// five times closer (CameraFlight::along: 54 frames in flight, then the
// landing), as the viewer draws it: it starts from a view at rest for which
// the window, gone idle, has drawn the surround (prepare_motion; untimed, as
// the viewer does it while waiting for input). Each flight starts with an
// empty label atlas, so every flight paints its labels as a presentation's
// first flight does. Each benchmark iteration is one frame; 8 flights.
// Reported: the mean frame; `worst_ms`, the slowest frame in flight;
// `over_16ms`, the share of frames in flight over 16 ms; `landing_ms`, the
// slowest landing frame; `labels_painted`, labels drawn into the atlas in
// flight, per flight. And, since a frame's time on a shared machine also
// holds whatever else ran then: `frame_worst_ms`, the slowest frame of the
// flight by its median over the 8 flights (each frame of a flight is the
// same work every time, so the median is that work's cost and the
// stragglers are the machine's; BM_RenderSameFrame measures those alone).
// Arg 0: the map alone, every frame drawn sharp; 1: the map alone, scaled
// while moving; 2: as 1 with the campaign at 宝庆二年二月 (realms, armies,
// status symbols, legend and date), as the desk viewer flies; 3: as 2 in
// presentation mode, as a classroom sees a step to the next entry: its
// pixel ratio and type, the month's title card and the spotlight.
constexpr int kFlightFrames = 55, kFlights = 8, kFlightIterations = kFlights * kFlightFrames;

struct Flight {
  FrameState state;
  Viewport vp;
  Camera from, to;
  bool scaled = false;
};

Flight flight_of(int variant) {
  Fixture& f = fixture();
  const bool scaled = variant >= 1, campaign = variant >= 2, present = variant == 3;
  Flight flight{{}, {1920, 1080, present ? presentation_pixel_ratio(1080) : 1.0f}, {}, {}, scaled};
  FrameState& s = flight.state;
  s = home_view(flight.vp);
  f.frames->set_cache_campaign_fills(scaled);  // as the viewer
  f.frames->set_campaign(campaign ? f.campaign->model.get() : nullptr);
  if (campaign) {
    s.t = f.campaign->model->parse_time("宝庆二年二月");
    s.layers["borders"] = true;
  }
  if (present) {
    s.presentation.on = s.presentation.card = s.presentation.spotlight = true;
    s.overlay.title = s.overlay.legend = false;  // as the viewer presents
    s.presentation.title_card = title_card_at(*f.campaign->model, *s.t);
  }
  flight.from = s.camera;
  const PlaceMarker& place = f.campaign->scene.places.front();  // the highest-ranked place
  flight.to = Camera{place.position, flight.from.metres_per_px / 5};
  return flight;
}

// Frame k of the flight (1 … kFlightFrames; the last lands); k = 0 is the
// untimed view at rest where it starts, with an empty label atlas.
void fly_to_frame(Flight& flight, int k) {
  FrameRenderer& frames = *fixture().frames;
  FrameState& s = flight.state;
  if (k == 0) {
    frames.set_label_atlas(1024, 8);
    s.camera = flight.from;
    s.camera_moving = false;
    frames.render(s, flight.vp);
    if (flight.scaled) frames.prepare_motion(s, flight.vp);
    return;
  }
  s.camera = CameraFlight::along(flight.from, flight.to, k / double(kFlightFrames));
  s.camera_moving = flight.scaled && k < kFlightFrames;
  frames.render(s, flight.vp);
}

// Frame k of the flight, timed to its end on the GPU (glFinish), as the
// window draws it before the blit; the benchmark's iteration time. In ms.
double timed_frame(benchmark::State& state, Flight& flight, int k) {
  const auto t0 = std::chrono::steady_clock::now();
  fly_to_frame(flight, k);
  glFinish();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  state.SetIterationTime(ms / 1000.0);
  return ms;
}

void end_flights() {
  Fixture& f = fixture();
  f.frames->set_campaign(nullptr);
  f.frames->set_cache_campaign_fills(false);
  f.frames->set_label_atlas(1024, 8);
}

const char* flight_label(int variant) {
  static const char* labels[] = {"map, every frame sharp", "map, scaled in motion",
                                 "campaign, scaled in motion", "presentation, scaled in motion"};
  return labels[variant];
}

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t n = xs.size();
  return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

void BM_RenderFlight(benchmark::State& state) {
  const int variant = int(state.range(0));
  Flight flight = flight_of(variant);
  // times[k - 1]: frame k's time in each flight
  std::vector<std::vector<double>> times(kFlightFrames);
  double landing = 0;
  int labels_painted = 0, k = 0;
  for (auto _ : state) {
    if (k == 0) {
      fly_to_frame(flight, 0);
      glFinish();
      k = 1;
    }
    const double ms = timed_frame(state, flight, k);
    times[std::size_t(k - 1)].push_back(ms);
    if (k < kFlightFrames) labels_painted += fixture().frames->labels_painted();
    if (k == kFlightFrames) landing = std::max(landing, ms);
    k = k == kFlightFrames ? 0 : k + 1;
  }
  end_flights();
  // Every frame's time, for a closer look: ANNALS_FLIGHT_FRAMES=file.csv
  // appends "variant,frame,flight,ms" lines to it.
  if (const char* path = std::getenv("ANNALS_FLIGHT_FRAMES")) {
    std::ofstream out(path, std::ios::app);
    for (std::size_t f = 0; f < times.size(); ++f)
      for (std::size_t i = 0; i < times[f].size(); ++i)
        out << variant << ',' << f + 1 << ',' << i + 1 << ',' << times[f][i] << '\n';
  }
  double worst = 0, frame_worst = 0;
  int over = 0, flying = 0;
  for (int f = 0; f + 1 < kFlightFrames; ++f) {
    for (double ms : times[std::size_t(f)]) worst = std::max(worst, ms), over += ms > 16.0, ++flying;
    if (!times[std::size_t(f)].empty()) frame_worst = std::max(frame_worst, median(times[std::size_t(f)]));
  }
  state.counters["worst_ms"] = worst;
  state.counters["frame_worst_ms"] = frame_worst;
  state.counters["landing_ms"] = landing;
  state.counters["over_16ms"] = flying ? double(over) / flying : 0;
  state.counters["labels_painted"] = double(labels_painted) / kFlights;
  state.SetLabel(flight_label(variant));
}
BENCHMARK(BM_RenderFlight)
    ->DenseRange(0, 3)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(kFlightIterations);

// The control for BM_RenderFlight: one frame of its flight (arg 1: which),
// the same work every time, drawn as many times as a flight benchmark draws
// frames. Its mean is that frame's cost; its worst frame and share over
// 16 ms are what this machine adds to a frame of that cost by itself.
// Arg 0: the variant, as BM_RenderFlight's.
void BM_RenderSameFrame(benchmark::State& state) {
  const int variant = int(state.range(0)), k = int(state.range(1));
  Flight flight = flight_of(variant);
  fly_to_frame(flight, 0);
  for (int i = 1; i <= k; ++i) fly_to_frame(flight, i);  // the caches as the flight leaves them
  glFinish();
  double worst = 0;
  int over = 0, frames = 0;
  for (auto _ : state) {
    const double ms = timed_frame(state, flight, k);
    worst = std::max(worst, ms);
    over += ms > 16.0;
    ++frames;
  }
  end_flights();
  state.counters["worst_ms"] = worst;
  state.counters["over_16ms"] = frames ? double(over) / frames : 0;
  state.SetLabel(flight_label(variant));
}
// Frame 14 of the presentation flight, where it turns from zooming out to
// zooming in (its slowest until the flight kept to the surround there;
// BaseMapCache).
BENCHMARK(BM_RenderSameFrame)
    ->Args({3, 14})
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(kFlightIterations);

}  // namespace
}  // namespace annals
