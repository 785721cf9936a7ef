// The viewer: an SDL2 window with an OpenGL 3.3 core context and Dear ImGui.
// The map frame comes from the same FrameRenderer as `annals still`; the
// window blits it and draws its panels on top. The loop sleeps until an event
// arrives (idle when nothing changes) and never draws faster than 60 fps.
#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>

#include "annals/export/exporter.h"
#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_list.h"
#include "annals/model/chronicle.h"
#include "annals/model/companion_chronicle.h"
#include "annals/model/era_date.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/follow_camera.h"
#include "annals/render/frame_renderer.h"
#include "annals/render/gl.h"
#include "annals/render/presentation.h"
#include "camera_flight.h"
#include "key_table.h"
#include "map_controller.h"
#include "settings.h"
#include "timeline_controller.h"
#include "ui_state.h"
#include "viewer_options.h"

namespace annals {

namespace {

struct SdlWindow {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  ~SdlWindow() {
    if (gl) SDL_GL_DeleteContext(gl);
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
  }
};

// The map's part of the window: all of it, less the timeline panel at the
// bottom (`reserved_bottom`, window coordinates) when there is one.
// In presentation mode the map takes the whole screen and its type and lines
// are sized for projection (presentation_pixel_ratio).
Viewport viewport_of(SDL_Window* w, float ui_scale, float reserved_bottom, float reserved_right,
                     bool presenting, float* device_per_window) {
  int ww = 0, wh = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(w, &ww, &wh);
  SDL_GL_GetDrawableSize(w, &dw, &dh);
  *device_per_window = ww > 0 ? static_cast<float>(dw) / static_cast<float>(ww) : 1.0f;
  if (presenting) return Viewport{dw, dh, presentation_pixel_ratio(dh)};
  const int bottom = static_cast<int>(reserved_bottom * *device_per_window);
  const int right = static_cast<int>(reserved_right * *device_per_window);
  return Viewport{std::max(64, dw - right), std::max(64, dh - bottom), *device_per_window * ui_scale};
}

// The window's first size when none is asked for or remembered: most of the
// display it opens on, whatever that display's size.
SDL_Rect fitted_window(int display) {
  SDL_Rect usable{0, 0, 1280, 800};
  if (SDL_GetDisplayUsableBounds(display, &usable) != 0) SDL_GetDisplayBounds(display, &usable);
  const int w = std::max(640, usable.w * 9 / 10), h = std::max(400, usable.h * 9 / 10);
  return SDL_Rect{usable.x + (usable.w - w) / 2, usable.y + (usable.h - h) / 2, w, h};
}

// Labels in the language setting: Chinese alone, with pinyin, or English.
void apply_language(UiState& state) {
  OverlayOptions& o = state.frame.overlay;
  o.english_first = state.language == "en";
  o.second_line =
      state.language == "zh" ? OverlayOptions::SecondLine::None : OverlayOptions::SecondLine::Pinyin;
}

std::string timestamped_name() {
  std::time_t t = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "annals-%Y%m%d-%H%M%S.png", std::localtime(&t));
  return buf;
}

// The UI's own strings, baked alongside the data's.
constexpr const char* kUiStrings =
    "Layers 图层 Place names 地名 Pinyin 拼音 Title 标题 Keys 按键 ←→ "
    "· "
    "Scale bar, north arrow 比例尺 Projection 投影 Find a place 查找地名 Traditional 繁体 Also 又名 Kind "
    "类别 "
    "Not located 未能定位 Today 今地 Sources 出处 Fly here 飞往 no place matches (unlocated) °± "
    "Second line 第二行: English 英文 None 无 Pause 暂停 Play 播放 s/month 每月秒数 Loop 循环 Follow 跟随 Go "
    "跳转 Chronicle 西夏书事 No entry this month. "
    "本月无事。 In the chronicle 书中所见: No entry names this place in a dated headline. Commentary 按语 "
    "宋夏金蒙古辽元 Julian JDN Source lines – ↑↓ "
    "play / pause the campaign previous next month entry presenter's clicker first last chronicle panel "
    "Export 导出 Also in 又见于 Reading the other chronicles… 正在读取他书… Nothing on these days. "
    "此月无载。 "
    "the season 一季 the whole year 全年 "
    // The Export dialog (export_panel.cpp).
    "文件夹（PNG 帧与 manifest.json） 尺寸（像素） 每秒帧数 起（年号纪日或 1226-03-01；空则从头） "
    "止（空则到尾） "
    "视频（.mp4 .webm .gif；空则不出） 同时保留 PNG 帧 镜头随每月地点移动 按当前视图、图层与标注导出。 帧/秒 "
    "剩余 秒 "
    "取消 导出（回车）";

// Reprojects the campaign and keeps the view on the same place at the same
// ground scale. Reports how long it took in the status line.
void switch_projection(DisplayedCampaign& campaign, FrameRenderer& frames, UiState& state, const Viewport& vp,
                       MapController& controller) {
  const auto start = std::chrono::steady_clock::now();
  LonLat centre{102, 38};
  const bool have_centre = campaign.projection->inverse(state.frame.camera.centre, centre);
  // The azimuthal projection centres on the selected place if there is one,
  // else on the view's centre.
  LonLat aeqd_centre = centre;
  if (state.frame.highlight.active) aeqd_centre = state.frame.highlight.centre;
  try {
    campaign.set_projection(state.projection, aeqd_centre);
  } catch (const ProjectionError& e) {
    state.status = e.what();
    state.projection = campaign.projection_name;
    return;
  }
  frames.scene_changed();
  XY c;
  if (have_centre && campaign.projection->forward(centre, c)) state.frame.camera.centre = c;
  controller = MapController(Camera::fit(campaign.scene.extent, vp), campaign.scene.extent);
  controller.clamp(state.frame.camera);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  state.status = "projection " + state.projection + " in " + std::to_string(static_cast<int>(ms)) + " ms";
  std::cout << "annals: " << state.status << std::endl;
}

// The Export dialog's job: its own renderer at the export's size, sharing the
// window's GL context, stepped between window frames.
struct ExportJob {
  std::unique_ptr<FrameRenderer> frames;
  std::unique_ptr<Exporter> exporter;
};

// Starts, advances, cancels or completes the dialog's export; at most 25 ms
// of frames per window frame, so the window stays responsive. True while a job runs.
bool run_export_steps(UiState& state, ExportJob& job, const DisplayedCampaign& campaign, const FontFile& font,
                      const std::shared_ptr<const std::vector<unsigned char>>& font_bytes,
                      const Viewport& vp) {
  ExportForm& form = state.export_form;
  const CampaignModel& model = *campaign.model;
  if (form.start_requested && !form.running) {
    form.start_requested = false;
    try {
      ExportRequest req;
      // The view as shown; a size other than the map's keeps the same map
      // area, with lines and type scaled to it.
      const float ratio =
          (form.width == vp.width_px && form.height == vp.height_px)
              ? vp.pixel_ratio
              : vp.pixel_ratio * static_cast<float>(form.height) / static_cast<float>(vp.height_px);
      req.frame.viewport = Viewport{form.width, form.height, ratio};
      req.frame.state = state.frame;
      req.frame.state.camera.metres_per_px *= vp.logical_width() / req.frame.viewport.logical_width();
      req.timing.fps = form.fps;
      req.timing.month_seconds = form.month_seconds;
      req.timing.from = form.from.empty() ? model.timeline().start() : model.parse_time(form.from);
      req.timing.to = form.to.empty() ? model.timeline().end() : parse_time_end(model, form.to);
      req.out = form.folder;
      if (!form.video.empty()) req.video = std::filesystem::path(form.video);
      req.write_frames = !req.video || form.keep_frames;
      if (!req.write_frames && form.folder.empty()) req.out.clear();
      req.follow = form.follow;
      req.options = {{"size", std::to_string(form.width) + "x" + std::to_string(form.height)},
                     {"fps", form.fps},
                     {"month-seconds", form.month_seconds},
                     {"from", form.from},
                     {"to", form.to},
                     {"from-viewer", true}};
      job.frames = std::make_unique<FrameRenderer>(campaign.scene, font, font_bytes);
      job.exporter = std::make_unique<Exporter>(campaign, *job.frames, std::move(req));
      form.running = true;
      form.message.clear();
      std::cout << "annals: export started, " << job.exporter->range().count() << " frames" << std::endl;
    } catch (const std::exception& e) {
      job = ExportJob();
      form.message = e.what();
      return false;
    }
  }
  if (!form.running) return false;
  try {
    if (form.cancel_requested) {
      form.cancel_requested = false;
      job.exporter->cancel();
      form.message = "Cancelled; " + std::to_string(job.exporter->progress().done) +
                     " frames are complete (annals export --resume finishes them).";
      form.running = false;
      job = ExportJob();
      return false;
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(25);
    bool more = true;
    while (more && std::chrono::steady_clock::now() < until) more = job.exporter->step();
    form.progress = job.exporter->progress();
    if (!more) {
      job.exporter->finish();
      form.progress = job.exporter->progress();
      const ExportRequest& r = job.exporter->request();
      form.message = "Exported " + std::to_string(form.progress.done) + " frames to " +
                     (r.video ? r.video->string() : r.out.string()) + ".";
      std::cout << "annals: export done, " << form.message << std::endl;
      form.running = false;
      job = ExportJob();
    }
  } catch (const std::exception& e) {
    if (job.exporter) job.exporter->cancel();
    form.message = std::string("Export failed: ") + e.what();
    std::cout << "annals: " << form.message << std::endl;
    form.running = false;
    job = ExportJob();
  }
  return true;
}

}  // namespace

namespace {

// The picker's list: the campaigns under the data folder, then those opened
// before (newest first), each once; what cannot be read is listed as a problem.
void fill_picker(UiState& state, const Settings& settings) {
  state.picker_campaigns.clear();
  state.picker_problems.clear();
  std::vector<std::filesystem::path> dirs = campaign_dirs_in(data_dir() / "campaigns");
  for (const std::string& r : settings.recent_campaigns)
    if (is_campaign_dir(r)) dirs.push_back(r);
  std::vector<std::filesystem::path> seen;
  for (const auto& dir : dirs) {
    std::error_code ec;
    auto key = std::filesystem::weakly_canonical(dir, ec);
    if (ec) key = dir;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    try {
      state.picker_campaigns.push_back(summarize_campaign(dir));
    } catch (const DataError& e) {
      state.picker_problems.push_back(e.diagnostic().format());
    }
  }
}

// The other chronicles of the open campaign's days, read on a worker (the
// open campaign is not read again: its folder is skipped by path). Never
// throws: what cannot be read comes back as a problem.
Companions read_companions(const std::filesystem::path& open_dir, const std::string& open_id,
                           std::int64_t first_jdn, std::int64_t last_jdn,
                           const std::filesystem::path& campaigns_dir) {
  try {
    return find_companions(open_dir, open_id, first_jdn, last_jdn,
                           companion_candidates(open_dir, campaigns_dir));
  } catch (const std::exception& e) {
    Companions none;
    none.problems.push_back(std::string("other chronicles: ") + e.what());
    return none;
  }
}

}  // namespace

ViewerExit run_viewer(const ViewerOptions& opt) {
  const auto launched = std::chrono::steady_clock::now();
  // The data loads on a worker while the window and its GL context come up
  // (each takes a few hundred milliseconds); the window stays hidden until the
  // data is in, so bad data is reported without a flash.
  DisplayOptions display{opt.projection, opt.dem, assets_dir()};
  auto loading =
      std::async(std::launch::async, [&] { return load_displayed_campaign(opt.campaign_dir, display); });
  const FontFile font = find_cjk_font();
  auto font_bytes = load_font_bytes(font);

  // Settings: a file that cannot be read is reported once and replaced.
  const std::filesystem::path settings_file =
      opt.settings_file.empty() ? default_settings_path() : opt.settings_file;
  LoadedSettings loaded = load_settings(settings_file);
  Settings settings = loaded.settings;
  for (const std::string& p : loaded.problems)
    std::cerr << "annals: warning: " << escape_for_terminal(p) << "\n";
  auto save = [&](const Settings& what) {
    try {
      save_settings(settings_file, what);
    } catch (const std::exception& e) {
      std::cerr << "annals: warning: settings not saved: " << escape_for_terminal(e.what()) << "\n";
    }
  };
  if (!loaded.problems.empty()) save(settings);
  if (opt.lang) settings.language = *opt.lang;
  if (opt.display) settings.display = *opt.display;

  SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
    throw std::runtime_error(std::string("SDL cannot start video: ") + SDL_GetError());
  SdlWindow sdl;
  const int displays = std::max(1, SDL_GetNumVideoDisplays());
  if (settings.display >= displays) {
    std::cerr << "annals: warning: there is no display " << settings.display << " (displays 0 to "
              << displays - 1 << "); using display 0\n";
    settings.display = 0;
  }
  // The window: the size asked for, else the one remembered, else fitted to
  // the display; where it was, else centred on the display.
  SDL_Rect window_rect = fitted_window(settings.display);
  int wx = SDL_WINDOWPOS_CENTERED_DISPLAY(settings.display), wy = wx;
  if (opt.width > 0) {
    window_rect.w = opt.width;
    window_rect.h = opt.height;
  } else if (settings.window.width > 0) {
    window_rect.w = settings.window.width;
    window_rect.h = settings.window.height;
    SDL_Rect on;
    for (int d = 0; d < displays && settings.window.x >= 0; ++d)
      if (SDL_GetDisplayBounds(d, &on) == 0 && settings.window.x >= on.x && settings.window.x < on.x + on.w &&
          settings.window.y >= on.y && settings.window.y < on.y + on.h && !opt.present)
        wx = settings.window.x, wy = settings.window.y;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN;
  if (opt.fullscreen || opt.present) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (settings.window.maximized && opt.width == 0 && !opt.present) flags |= SDL_WINDOW_MAXIMIZED;
  sdl.window = SDL_CreateWindow("Annals", wx, wy, window_rect.w, window_rect.h, flags);
  if (!sdl.window) throw std::runtime_error(std::string("SDL cannot open a window: ") + SDL_GetError());
  sdl.gl = SDL_GL_CreateContext(sdl.window);
  if (!sdl.gl)
    throw std::runtime_error(std::string("SDL cannot create an OpenGL 3.3 core context: ") + SDL_GetError());
  SDL_GL_MakeCurrent(sdl.window, sdl.gl);
  const bool vsync = SDL_GL_SetSwapInterval(1) == 0;  // fails under Xvfb: then we throttle ourselves

  auto campaign = loading.get();  // rethrows what the loader threw
  SDL_SetWindowTitle(sdl.window, ("Annals — " + campaign->manifest.title_en).c_str());
  SDL_ShowWindow(sdl.window);

  GlyphSet ui_glyphs;
  ui_glyphs.add(kUiStrings, "UI strings");
  for (const KeyBinding& b : KeyTable::standard().bindings()) {
    ui_glyphs.add(b.keys, "key table");
    ui_glyphs.add(b.help_zh, "key table");
  }
  FrameRenderer frames(campaign->scene, font, font_bytes, ui_glyphs);
  frames.set_cache_campaign_fills(true);  // playback and flights reuse the realms

  // The window's own ImGui context, for panels.
  IMGUI_CHECKVERSION();
  ImGuiContext* ui_context = ImGui::CreateContext();
  ImGui::SetCurrentContext(ui_context);
  ImGui::GetIO().IniFilename = nullptr;  // layout is not persisted between runs
  ImGui::StyleColorsLight();
  ImGui_ImplSDL2_InitForOpenGL(sdl.window, sdl.gl);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  CampaignModel* model = campaign->model.get();
  std::unique_ptr<TimelineController> timeline;
  if (model) {
    timeline = std::make_unique<TimelineController>(*model);
    frames.set_campaign(model);
  }
  // Window coordinates the timeline panel takes (18 px UI font × ui-scale).
  const float reserved_bottom =
      model ? timeline_panel_height(18.0f * opt.ui_scale) + 24.0f * opt.ui_scale : 0.0f;
  UiState state;
  state.presenting = opt.present;
  state.language = settings.language;
  state.spotlight = settings.spotlight;
  state.show_chronicle = settings.show_chronicle;
  state.show_layers = settings.show_layers;
  state.show_companions = settings.show_companions;
  state.dock.has_chronicle = model != nullptr;
  apply_language(state);
  if (timeline) timeline->set_seconds_per_month(settings.seconds_per_month);
  // The dock's width in window coordinates: the settings' share of the
  // window, when a docked panel is open and the map is not presented.
  auto dock_width = [&] {
    const bool any = state.show_layers || (state.show_chronicle && model) || !state.selected_place.empty();
    if (state.presenting || !any) return 0.0f;
    int ww = 0, wh = 0;
    SDL_GetWindowSize(sdl.window, &ww, &wh);
    return std::max(300.0f * opt.ui_scale, settings.sidebar_fraction * static_cast<float>(ww));
  };
  float device_per_window = 1;
  Viewport vp = viewport_of(sdl.window, opt.ui_scale, reserved_bottom, dock_width(), state.presenting,
                            &device_per_window);
  state.projection = campaign->projection_name;
  state.frame.camera = Camera::fit(campaign->scene.extent, vp);
  Bounds limits = campaign->scene.extent;
  MapController controller(state.frame.camera, limits);

  float baked_ui_ratio = 0;
  auto bake_ui_fonts = [&](float ratio) {
    if (ratio == baked_ui_ratio) return;
    GlyphSet g = ui_glyphs;
    for (const auto& s : campaign->scene.strings()) g.add(s, "scene");
    // Everything the chronicle panel and the timeline can show.
    if (model) {
      const std::string where = campaign->manifest.entries.string();
      for (const Entry& e : model->chronicle().entries) {
        for (const std::string* t : {&e.headline_normalized, &e.detail_normalized, &e.date.as_written,
                                     &e.kind, &e.date.first_julian})
          g.add(*t, where + " " + e.id);
        for (const Commentary& c : e.commentary) g.add(c.kind + "：" + c.text_normalized, where + " " + e.id);
        for (const EraDay& d : model->calendar().era_days(e.date.first_jdn, model->reckoning()))
          g.add(format_era_date(d.date), "calendar");
      }
      g.add(model->vocabulary().panel_title, "campaign.json panel_title");
      for (int m = 0; m < model->timeline().month_count(); ++m) {
        g.add(model->timeline().label_chinese(m), "timeline");
        g.add(model->timeline().label_julian(m), "timeline");
      }
    }
    // Everything the place cards and search results can show.
    for (const std::string& id : campaign->gazetteer->ids()) {
      const Place& p = *campaign->gazetteer->find_by_id(id);
      const std::string where = campaign->manifest.gazetteer.string() + " place " + id;
      for (const std::string* t : {&p.name, &p.names.traditional, &p.names.simplified, &p.names.pinyin,
                                   &p.names.english, &p.modern_location, &p.note})
        g.add(*t, where);
      for (const auto& a : p.aliases) g.add(a, where);
      for (const auto& a : p.names.as_written) g.add(a, where);
      for (const auto& src : p.sources) {
        g.add(src.work, where);
        g.add(src.record, where);
        g.add(src.note, where);
      }
    }
    FontSizes ui_sizes{18.0f, 24.0f, 14.0f};
    std::vector<std::string> missing;
    bake_fonts(*ImGui::GetIO().Fonts, font, *font_bytes, g, ui_sizes, ratio,
               baked_ui_ratio == 0 ? &missing : nullptr);
    for (const auto& m : missing) std::cerr << "annals: warning: " << m << "\n";
    ImGui::GetIO().FontGlobalScale = 1.0f / device_per_window;  // ImGui lays out in window coordinates
    ImGui::GetStyle() = ImGuiStyle();
    ImGui::StyleColorsLight();
    ImGui::GetStyle().ScaleAllSizes(opt.ui_scale);
    if (baked_ui_ratio != 0) {
      // A rebake (the window moved to a screen of another pixel ratio): ImGui
      // 1.86's backend recreates its font texture only with its shaders.
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    baked_ui_ratio = ratio;
  };

  ExportJob export_job;
  CameraFlight flight;
  // The other chronicles: read on a worker once the chronicle panel first
  // asks (after the first frame, so start-up does not wait on them); the
  // worker wakes the loop with an event of its own when it is done.
  std::future<Companions> companions_reading;
  std::chrono::steady_clock::time_point companions_started;
  const Uint32 companions_event = SDL_RegisterEvents(1);
  auto start_companions = [&] {
    if (!model || !state.companions_wanted || state.companions || companions_reading.valid()) return;
    const CampaignTimeline& tl = model->timeline();
    if (tl.month_count() == 0) return;
    state.companions_loading = true;
    companions_started = std::chrono::steady_clock::now();
    companions_reading = std::async(
        std::launch::async, [dir = campaign->manifest.dir, id = campaign->manifest.id,
                             first = tl.month(0).first_jdn, last = tl.month(tl.month_count() - 1).last_jdn(),
                             campaigns = data_dir() / "campaigns", wake = companions_event] {
          Companions c = read_companions(dir, id, first, last, campaigns);
          if (wake != static_cast<Uint32>(-1)) {
            SDL_Event done{};
            done.type = wake;
            SDL_PushEvent(&done);
          }
          return c;
        });
  };
  // Takes the worker's result when it is in: problems reported once, the
  // companions' text added to the UI font (rebaked on the next frame).
  auto take_companions = [&] {
    if (!companions_reading.valid() ||
        companions_reading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      return false;
    auto read = std::make_shared<const Companions>(companions_reading.get());
    for (const std::string& p : read->problems) {
      std::cerr << "annals: warning: " << escape_for_terminal(p) << " (other chronicle skipped)\n";
      state.status = "other chronicle skipped: " + p;
    }
    std::string titles;
    for (const CompanionChronicle& c : read->chronicles) {
      const std::string where = c.chronicle.entries_file.string();
      ui_glyphs.add(c.panel_title, where);
      ui_glyphs.add(c.title_zh, where);
      for (std::size_t i = 0; i < c.chronicle.entries.size(); ++i) {
        ui_glyphs.add(c.chronicle.entries[i].headline_normalized, where + " " + c.chronicle.entries[i].id);
        ui_glyphs.add(c.dates[i], where + " " + c.chronicle.entries[i].id);
      }
      titles += (titles.empty() ? "" : ", ") + c.id;
    }
    baked_ui_ratio = -1;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                          companions_started)
                        .count();
    std::cout << "annals: other chronicles " << read->chronicles.size() << (titles.empty() ? "" : " (")
              << titles << (titles.empty() ? "" : ")") << ", " << read->problems.size()
              << " skipped, read in " << ms << " ms" << std::endl;
    state.companions = std::move(read);
    state.companions_loading = false;
    return true;
  };
  // Presentation mode's window: leaving it restores the desk window.
  auto set_presenting = [&](bool on) {
    if (on == state.presenting) return;
    state.presenting = on;
    state.blank = false;
    state.show_help = false;
    if (on) {
      SDL_Rect b;
      if (SDL_GetDisplayBounds(settings.display, &b) == 0) SDL_SetWindowPosition(sdl.window, b.x, b.y);
      SDL_SetWindowFullscreen(sdl.window, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else if (!opt.fullscreen) {
      SDL_SetWindowFullscreen(sdl.window, 0);
    }
    std::cout << "annals: presentation " << (on ? "on" : "off") << std::endl;
  };
  auto zoom = [&](double k) {
    state.frame.camera.zoom_about(k, XY{vp.width_px / 2.0, vp.height_px / 2.0}, vp);
    controller.clamp(state.frame.camera);
    flight = CameraFlight();
  };
  auto pan = [&](double dx, double dy) {
    const double step = 0.12 * std::min(vp.width_px, vp.height_px);
    state.frame.camera.pan_pixels(dx * step, dy * step, vp);
    controller.clamp(state.frame.camera);
    flight = CameraFlight();
  };
  auto with_timeline = [&](auto f) {
    return [&, f](int arg) {
      if (timeline) f(*timeline, arg);
    };
  };
  // What each action of the key table does here (key_table.h).
  const std::map<Action, std::function<void(int)>> actions = {
      {Action::PlayPause, with_timeline([](TimelineController& t, int) { t.toggle_play(); })},
      {Action::Autoplay, with_timeline([](TimelineController& t, int) { t.toggle_play(); })},
      {Action::NextMonth, with_timeline([](TimelineController& t, int) { t.step_month(+1); })},
      {Action::PrevMonth, with_timeline([](TimelineController& t, int) { t.step_month(-1); })},
      {Action::NextEntry, with_timeline([](TimelineController& t, int) { t.step_entry(+1); })},
      {Action::PrevEntry, with_timeline([](TimelineController& t, int) { t.step_entry(-1); })},
      {Action::FirstMonth, with_timeline([](TimelineController& t, int) { t.home(); })},
      {Action::LastMonth, with_timeline([](TimelineController& t, int) { t.go_end(); })},
      {Action::JumpToYear, with_timeline([](TimelineController& t, int year) { t.jump_to_year(year); })},
      {Action::ToggleChronicle, [&](int) { state.show_chronicle = !state.show_chronicle; }},
      {Action::ToggleLayers, [&](int) { state.show_layers = !state.show_layers; }},
      {Action::NextProjection, [&](int) { cycle_projection(state); }},
      {Action::Find,
       [&](int) {
         state.show_search = true;
         state.focus_search = true;
       }},
      {Action::NextLanguage,
       [&](int) {
         const auto& langs = settings_languages();
         auto it = std::find(langs.begin(), langs.end(), state.language);
         state.language = (it == langs.end() || it + 1 == langs.end()) ? langs.front() : *(it + 1);
         apply_language(state);
         std::cout << "annals: language " << state.language << std::endl;
       }},
      {Action::Fullscreen, [&](int) { state.toggle_fullscreen = true; }},
      {Action::Present, [&](int) { set_presenting(!state.presenting); }},
      {Action::Blank,
       [&](int) {
         state.blank = !state.blank;
         std::cout << "annals: blank " << (state.blank ? "on" : "off") << std::endl;
       }},
      {Action::Spotlight,
       [&](int) {
         state.spotlight = !state.spotlight;
         std::cout << "annals: spotlight " << (state.spotlight ? "on" : "off") << std::endl;
       }},
      {Action::Screenshot, [&](int) { state.screenshot_requested = true; }},
      {Action::Export,
       [&](int) {
         if (!model) return;
         state.export_form.show = true;
         if (state.export_form.width == 0) {
           state.export_form.width = vp.width_px;
           state.export_form.height = vp.height_px;
         }
       }},
      {Action::Help, [&](int) { state.show_help = !state.show_help; }},
      {Action::OpenCampaign,
       [&](int) {
         state.show_picker = !state.show_picker;
         if (!state.show_picker) return;
         fill_picker(state, settings);
         // Other campaigns' titles: into the UI font, rebaked on the next frame.
         for (const CampaignSummary& c : state.picker_campaigns) ui_glyphs.add(c.title_zh, "campaign title");
         baked_ui_ratio = -1;
       }},
      {Action::Back,
       [&](int) {
         // The topmost thing open closes; Esc never quits (Ctrl+Q does).
         if (state.show_help)
           state.show_help = false;
         else if (state.show_picker)
           state.show_picker = false;
         else if (state.blank)
           state.blank = false;
         else if (state.show_search)
           state.show_search = false;
         else if (state.export_form.show && !state.export_form.running)
           state.export_form.show = false;
         else if (state.presenting)
           set_presenting(false);
         else if (!state.selected_place.empty()) {
           state.selected_place.clear();
           state.frame.highlight = Highlight{};
         }
       }},
      {Action::Quit, [&](int) { state.quit = true; }},
      {Action::ZoomIn, [&](int) { zoom(1.25); }},
      {Action::ZoomOut, [&](int) { zoom(1 / 1.25); }},
      {Action::PanUp, [&](int) { pan(0, 1); }},
      {Action::PanDown, [&](int) { pan(0, -1); }},
      {Action::PanLeft, [&](int) { pan(1, 0); }},
      {Action::PanRight, [&](int) { pan(-1, 0); }},
      {Action::WholeCampaign,
       [&](int) {
         controller.reset(state.frame.camera);
         flight = CameraFlight();
       }},
      {Action::SaveBookmark,
       [&](int slot) {
         state.bookmarks[slot] = state.frame.camera;
         state.status = "bookmark " + std::to_string(slot) + " saved";
       }},
      {Action::GoToBookmark,
       [&](int slot) {
         if (state.bookmarks[slot]) flight = CameraFlight(state.frame.camera, *state.bookmarks[slot]);
       }},
  };
  bool ready_reported = false;
  bool show_title = state.frame.overlay.title, show_legend = state.frame.overlay.legend;
  auto card_shown = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> wake_at;  // a card's fade-out is due
  XY press{-1e9, -1e9};
  int followed_month = -1;
  bool dirty = true;
  int settle_frames = 3;
  long inputs = 0, frames_drawn = 0;  // for --log-idle
  auto last_frame = std::chrono::steady_clock::now();
  float fps = 0;
  while (!state.quit) {
    SDL_Event e;
    // Idle: block until something happens; ImGui needs a few frames after
    // input to settle hover states, so wait with a timeout while dirty.
    int wait_ms = 500;
    if (wake_at) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*wake_at - std::chrono::steady_clock::now());
      wait_ms = static_cast<int>(std::clamp<long long>(left.count(), 0, 500));
    }
    const bool have_event = dirty ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, wait_ms);
    if (wake_at && std::chrono::steady_clock::now() >= *wake_at) {
      wake_at.reset();
      dirty = true;
    }
    if (take_companions()) dirty = true;
    if (have_event) {
      do {
        ImGui_ImplSDL2_ProcessEvent(&e);
        switch (e.type) {
          case SDL_KEYDOWN:
          case SDL_KEYUP:
          case SDL_TEXTINPUT:
          case SDL_MOUSEBUTTONDOWN:
          case SDL_MOUSEBUTTONUP:
          case SDL_MOUSEMOTION:
          case SDL_MOUSEWHEEL:
            ++inputs;
            break;
          default:
            break;
        }
        // The inputs a script waits on: each key pressed, each button released.
        if (opt.log_idle && e.type == SDL_KEYDOWN && !e.key.repeat)
          std::cout << "annals: input " << inputs << " key " << SDL_GetKeyName(e.key.keysym.sym) << std::endl;
        if (opt.log_idle && e.type == SDL_MOUSEBUTTONUP)
          std::cout << "annals: input " << inputs << " button up" << std::endl;
        const ImGuiIO& io = ImGui::GetIO();
        const bool ui_has_mouse =
            io.WantCaptureMouse &&
            (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEWHEEL || e.type == SDL_MOUSEMOTION);
        const bool ui_has_keys = io.WantTextInput && e.type == SDL_KEYDOWN;
        if (e.type == SDL_QUIT) state.quit = true;
        if (e.type == SDL_WINDOWEVENT) dirty = true;
        // Esc reaches the table even from a text box: it closes the search.
        if (e.type == SDL_KEYDOWN && (!ui_has_keys || e.key.keysym.sym == SDLK_ESCAPE)) {
          const Uint16 m = e.key.keysym.mod;
          const unsigned mods = ((m & KMOD_CTRL) ? kCtrl : 0u) | ((m & KMOD_SHIFT) ? kShift : 0u) |
                                ((m & KMOD_ALT) ? kAlt : 0u);
          if (auto key = KeyTable::standard().lookup(e.key.keysym.sym, mods,
                                                     state.presenting ? kPresenting : kDesk)) {
            if (auto handler = actions.find(key->action); handler != actions.end())
              handler->second(key->argument);
          }
        }
        if (!ui_has_mouse && e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT)
          press = {e.button.x * double(device_per_window), e.button.y * double(device_per_window)};
        if (!ui_has_mouse && e.type == SDL_MOUSEBUTTONUP && e.button.button == SDL_BUTTON_LEFT) {
          // A click (not a drag) on a place symbol opens its card.
          const XY at{e.button.x * double(device_per_window), e.button.y * double(device_per_window)};
          if (std::hypot(at.x - press.x, at.y - press.y) < 5 * device_per_window) {
            const PlaceMarker* hit = nullptr;
            double best = 14.0 * vp.pixel_ratio;
            for (const auto& p : campaign->scene.places) {
              const XY sp = state.frame.camera.to_screen(p.position, vp);
              const double d = std::hypot(sp.x - at.x, sp.y - at.y);
              if (d < best) best = d, hit = &p;
            }
            if (hit) {
              state.selected_place = hit->id;
              const Place* place = campaign->gazetteer->find_by_id(hit->id);
              if (place) state.frame.highlight = {place->located, place->anchor, place->uncertainty_km};
            }
          }
        }
        if (!ui_has_mouse && e.type != SDL_KEYDOWN &&
            controller.handle(e, state.frame.camera, vp, device_per_window))
          flight = CameraFlight();  // the user takes over from a flight
        dirty = true;
      } while (SDL_PollEvent(&e));
    }
    if (!dirty) continue;

    // Throttle to 60 fps where there is no vsync (Xvfb, some projectors).
    const auto now = std::chrono::steady_clock::now();
    const auto since = std::chrono::duration<double, std::milli>(now - last_frame).count();
    if (!vsync && since < 16.6) SDL_Delay(static_cast<Uint32>(16.6 - since));
    const auto frame_start = std::chrono::steady_clock::now();
    // The rate frames are actually shown at: measured after the throttle's wait.
    const double interval = std::chrono::duration<double, std::milli>(frame_start - last_frame).count();
    fps = 0.9f * fps + 0.1f * static_cast<float>(1000.0 / std::max(1.0, interval));
    last_frame = frame_start;

    if (state.toggle_fullscreen) {
      const bool full = SDL_GetWindowFlags(sdl.window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
      SDL_SetWindowFullscreen(sdl.window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
      state.toggle_fullscreen = false;
    }
    const Viewport new_vp = viewport_of(sdl.window, opt.ui_scale, state.presenting ? 0.0f : reserved_bottom,
                                        dock_width(), state.presenting, &device_per_window);
    if (new_vp.width_px != vp.width_px || new_vp.height_px != vp.height_px ||
        new_vp.pixel_ratio != vp.pixel_ratio) {
      // Keep the same map area in view when the window is resized.
      const double span = state.frame.camera.metres_per_px * vp.logical_width();
      vp = new_vp;
      state.frame.camera.metres_per_px = span / vp.logical_width();
      controller.set_home(Camera::fit(campaign->scene.extent, vp));
    }
    bake_ui_fonts(vp.pixel_ratio);

    // Playback: time moves with the wall clock while playing.
    CampaignState at;
    if (timeline) {
      // At most a tenth of a second per frame: after an idle spell, play
      // resumes where it was rather than leaping ahead.
      if (timeline->advance(std::min(since / 1000.0, 0.1))) settle_frames = std::max(settle_frames, 2);
      if (timeline->playing()) settle_frames = std::max(settle_frames, 2);
      state.frame.t = timeline->t();
      at = model->state_at(timeline->t());
      // Presentation's spotlight frames the month's places, as follow does.
      if ((state.follow || (state.presenting && state.spotlight)) && at.month != followed_month) {
        if (auto to =
                frame_entries(*model, at, *campaign->projection, vp, state.frame.camera.metres_per_px * 0.25))
          flight = CameraFlight(state.frame.camera, *to, 1.2);
      }
      if (at.month != followed_month)
        std::cout << "annals: time " << model->timeline().label_chinese(at.month) << " ("
                  << model->timeline().label_julian(at.month) << ")" << std::endl;
      if (at.month != followed_month) card_shown = std::chrono::steady_clock::now();
      followed_month = at.month;
      // The title card: in, held, out, timed by the wall clock since the
      // month came (a presenter may stay on it as long as they talk).
      Presentation& pres = state.frame.presentation;
      pres.on = state.presenting;
      pres.spotlight = state.presenting && state.spotlight;
      pres.card = state.presenting;
      if (state.presenting) {
        const double age =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - card_shown).count();
        pres.title_card = title_card_at(*model, timeline->t());
        pres.title_card.alpha = title_card_alpha(age, settings.title_card_seconds);
        const double hold_end = 0.4 + settings.title_card_seconds;
        if (age < 0.4 || (age >= hold_end && age < hold_end + 1.0))
          settle_frames = std::max(settle_frames, 2);  // fading: draw every frame
        else if (age < hold_end)
          wake_at = card_shown + std::chrono::milliseconds(static_cast<long>(hold_end * 1000));
      }
    }
    // The desk's title box gives way to the card in presentation mode.
    state.frame.overlay.title = !state.presenting && show_title;
    // At projection size the legend would cover a quarter of the map; the
    // presenter explains the symbols (the desk view keeps it).
    state.frame.overlay.legend = !state.presenting && show_legend;
    state.dock.width = dock_width();
    {
      int ww = 0, wh = 0;
      SDL_GetWindowSize(sdl.window, &ww, &wh);
      state.dock.x = static_cast<float>(ww) - state.dock.width;
      state.dock.y = 0;
      state.dock.height = static_cast<float>(wh) - reserved_bottom;
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    {
      // ImGui 1.86's SDL backend reads the pointer only while the window has
      // keyboard focus, through a global query that can go stale after its
      // pointer capture (seen under Xvfb). SDL's own state, tracked from the
      // window's events, is always current while the pointer is over us.
      ImGuiIO& io = ImGui::GetIO();
      if (SDL_GetMouseFocus() == sdl.window) {
        int mx = 0, my = 0;
        SDL_GetMouseState(&mx, &my);
        io.MousePos = ImVec2(static_cast<float>(mx), static_cast<float>(my));
      }
    }
    ImGui::NewFrame();
    if (state.presenting) {
      // Only a slim timeline over the map's bottom edge, and the keys on ?.
      if (timeline && !state.blank) draw_slim_timeline(*timeline);
      draw_help_panel(state);
    } else {
      draw_layers_panel(state, campaign->scene);
      draw_help_panel(state);
      draw_status_bar(state, fps);
      if (timeline) {
        draw_timeline_panel(state, *timeline, *model);
        draw_chronicle_panel(state, *model, at);
      }
      draw_search_panel(state, *campaign->gazetteer);
      draw_place_card(state, model ? model->gazetteer() : *campaign->gazetteer, model, timeline.get());
      draw_export_panel(state);
      draw_campaign_picker(state);
      show_title = state.frame.overlay.title;  // the Layers panel's switches
      show_legend = state.frame.overlay.legend;
    }
    ImGui::Render();

    if (state.fly_to) {
      XY target;
      if (campaign->projection->forward(*state.fly_to, target)) {
        Camera to{target, state.fly_span_km * 1000.0 / std::min(vp.logical_width(), vp.logical_height())};
        controller.clamp(to);
        flight = CameraFlight(state.frame.camera, to);
      }
      state.fly_to.reset();
    }
    if (flight.active()) {
      flight.step(state.frame.camera);
      settle_frames = std::max(settle_frames, 2);  // keep drawing until it lands
    }
    // In flight the base map is scaled from its last picture; the frame
    // that lands draws it sharp.
    state.frame.camera_moving = flight.active();

    if (state.open_campaign) {
      // A campaign chosen in the picker: this window closes and the caller
      // opens it (its settings, the recent list first, saved below).
      state.quit = true;
      std::cout << "annals: opening " << state.open_campaign->string() << std::endl;
    }
    if (state.projection != campaign->projection_name)
      switch_projection(*campaign, frames, state, vp, controller);

    if (model && run_export_steps(state, export_job, *campaign, font, font_bytes, vp))
      settle_frames = std::max(settle_frames, 2);  // keep the loop going while it exports

    const RenderTarget& frame = frames.render(state.frame, vp);
    if (state.screenshot_requested) {
      // The map frame exactly as exported, without the panels.
      const auto path = opt.screenshot_dir / timestamped_name();
      write_png(path, frame.read_pixels());
      state.status = "saved " + path.string();
      std::cout << "annals: screenshot " << path.string() << std::endl;
      state.screenshot_requested = false;
    }
    int drawable_w = 0, drawable_h = 0;
    SDL_GL_GetDrawableSize(sdl.window, &drawable_w, &drawable_h);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, drawable_w, drawable_h);
    if (state.blank) {
      // A blank screen is black: the projector shows nothing, the class looks up.
      glClearColor(0, 0, 0, 1);
      glClear(GL_COLOR_BUFFER_BIT);
    } else {
      glClearColor(0.93f, 0.91f, 0.87f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      frame.blit_to(0, 0, drawable_h - vp.height_px);  // GL's y runs up: the map sits at the top
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    SDL_GL_SwapWindow(sdl.window);

    if (!ready_reported) {
      for (const auto& w : frames.font_warnings()) std::cerr << "annals: warning: " << w << "\n";
      const auto ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - launched).count();
      std::cout << "annals: ready " << vp.width_px << "x" << vp.height_px << " "
                << frames.scene().places.size() << " places, first frame " << static_cast<int>(ms)
                << " ms after launch" << std::endl;
      std::cout << "annals: campaign " << campaign->manifest.id << std::endl;
      ready_reported = true;
    }
    start_companions();
    // A few extra frames after any input let ImGui settle (auto-sized windows
    // appear on their second frame); then the loop sleeps until the next event.
    ++frames_drawn;
    if (have_event) settle_frames = 3;
    dirty = --settle_frames > 0;
    // Going idle: draw what a camera flight from this view would scale,
    // while nobody waits for a frame.
    if (!dirty && !flight.active()) frames.prepare_motion(state.frame, vp);
    if (!dirty && opt.log_idle)
      std::cout << "annals: idle after input " << inputs << ", frame " << frames_drawn << std::endl;
  }

  // What to remember: the pace, language, spotlight, panels and, for the
  // desk window, its place and size (not presentation's full screen).
  settings.language = state.language;
  settings.spotlight = state.spotlight;
  settings.show_chronicle = state.show_chronicle;
  settings.show_layers = state.show_layers;
  settings.show_companions = state.show_companions;
  if (timeline) settings.seconds_per_month = timeline->seconds_per_month();
  const Uint32 window_flags = SDL_GetWindowFlags(sdl.window);
  if (!(window_flags & SDL_WINDOW_FULLSCREEN_DESKTOP) && !state.presenting) {
    settings.window.maximized = (window_flags & SDL_WINDOW_MAXIMIZED) != 0;
    if (!settings.window.maximized) {
      SDL_GetWindowPosition(sdl.window, &settings.window.x, &settings.window.y);
      SDL_GetWindowSize(sdl.window, &settings.window.width, &settings.window.height);
    }
  }
  // The recent list: this campaign (and the one chosen next) first.
  for (const std::filesystem::path& dir :
       {opt.campaign_dir, state.open_campaign.value_or(std::filesystem::path())}) {
    if (dir.empty()) continue;
    std::error_code ec;
    const std::string abs = std::filesystem::absolute(dir, ec).lexically_normal().string();
    auto& recent = settings.recent_campaigns;
    recent.erase(std::remove(recent.begin(), recent.end(), abs), recent.end());
    recent.insert(recent.begin(), abs);
    if (recent.size() > 8) recent.resize(8);
  }
  save(settings);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext(ui_context);
  return ViewerExit{0, state.open_campaign};
}

}  // namespace annals
