// What the UI shows and toggles. The panels read and write this; they own no
// data of their own (the immediate-mode rule).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "annals/export/exporter.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/campaign_list.h"
#include "annals/model/companion_chronicle.h"
#include "annals/render/frame_renderer.h"

namespace annals {

// The Export dialog (Ctrl+E): the options as typed, and the running job's
// progress as the viewer loop reports it. The job itself (an Exporter) is the
// loop's; the dialog only asks for it to start or stop.
struct ExportForm {
  bool show = false;
  std::string folder = "annals-export";
  int width = 0, height = 0;  // 0: the map's size in the window, set when the dialog opens
  int fps = 30;
  float month_seconds = 2;
  std::string from, to;  // empty: the whole timeline
  std::string video;     // empty: PNG frames only
  bool keep_frames = false;
  bool follow = false;
  bool start_requested = false;
  bool cancel_requested = false;
  bool running = false;
  ExportProgress progress;
  std::string message;  // the last result or error
};

// The column right of the map where the panels dock (window coordinates);
// zero width when nothing is docked (presentation mode).
struct Dock {
  float x = 0, y = 0, width = 0, height = 0;
  bool has_chronicle = false;  // a campaign with a chronicle is open
};
enum class DockSlot { Layers, Chronicle, PlaceCard };

struct UiState {
  FrameState frame;          // camera, layers, overlay switches: what the map draws
  bool show_layers = false;  // the Layers panel (L): hidden, so a projected map stays uncluttered
  bool show_help = false;    // the keys overlay
  bool quit = false;
  bool screenshot_requested = false;
  bool toggle_fullscreen = false;
  std::string status;      // one line at the bottom: last screenshot, warnings
  std::string projection;  // the projection asked for; the viewer switches when it differs

  bool show_search = false;   // Ctrl+F
  bool focus_search = false;  // put the cursor in the search box on the next frame
  std::string search_query;
  std::string selected_place;    // its card is open; empty for none
  std::optional<LonLat> fly_to;  // a request: ease the camera to this place
  double fly_span_km = 400;      // how much ground the flight should frame

  bool show_chronicle = true;  // C
  // Other chronicles of the same months ("Also in …" in the chronicle
  // panel): read on a worker the first time the panel asks for them.
  bool show_companions = true;                   // the sections open (settings.json)
  bool companions_wanted = false;                // the panel asked; the viewer starts the worker
  bool companions_loading = false;               // the worker runs
  std::shared_ptr<const Companions> companions;  // null until read
  bool follow = false;                           // ease the view to the current month's places
  std::string jump_text;                         // the timeline's date box
  std::optional<Camera> bookmarks[10];           // Ctrl+1–9 saves the view, 1–9 returns to it
  ExportForm export_form;                        // Ctrl+E

  // Presentation mode (--present, F5): full screen, a slim timeline, title
  // cards; B blanks the screen, A autoplays, S spotlights the entry's places.
  bool presenting = false;
  bool blank = false;
  bool spotlight = false;
  std::string language = "zh-pinyin";  // zh, zh-pinyin or en: labels and UI (T cycles)

  // The campaign picker (Ctrl+O): the campaigns found, read when it opens,
  // and the one chosen (the viewer then opens it).
  bool show_picker = false;
  std::vector<CampaignSummary> picker_campaigns;
  std::vector<std::string> picker_problems;  // campaigns that could not be read, file:line
  std::optional<std::filesystem::path> open_campaign;
  Dock dock;
};

// Places the next ImGui window in its slot of the dock (nothing when the
// dock is empty).
void dock_next_window(const UiState& s, DockSlot slot);
// The UI's words in the language setting: English for "en", Chinese for
// "zh", both (as the desk has always shown them, "Layers 图层") for
// "zh-pinyin". An ImGui id after "###" is kept once.
const char* tr(const UiState& s, const char* en, const char* zh);

// Height of the timeline panel and status line, in window coordinates, for a
// UI font of `font_size` pixels: the map is drawn in the window above it.
float timeline_panel_height(float font_size);

class TimelineController;

// Opens `id`'s card and asks the camera to fly there.
void select_place(UiState& state, const Gazetteer& gazetteer, const std::string& id);

// Panels: each in its own file, each a function of the state.
void draw_layers_panel(UiState& state, const Scene& scene);  // a switch per scene.switches
void draw_projection_combo(UiState& state);
void cycle_projection(UiState& state);
void draw_help_panel(UiState& state);  // the keys, from KeyTable::standard()
void draw_status_bar(const UiState& state, float fps);
void draw_search_panel(UiState& state, const Gazetteer& gazetteer);
// With a campaign, the card also lists the entries that happen at the place,
// each a link that moves the timeline to it.
void draw_place_card(UiState& state, const Gazetteer& gazetteer, const CampaignModel* model = nullptr,
                     TimelineController* timeline = nullptr);
void draw_timeline_panel(UiState& state, TimelineController& timeline, const CampaignModel& model);
// Presentation mode's timeline: a thin bar along the screen's bottom edge,
// the campaign's span with its years and entries, filled to now.
void draw_slim_timeline(const TimelineController& timeline);
void draw_chronicle_panel(UiState& state, const CampaignModel& model, const CampaignState& at);
void draw_export_panel(UiState& state);
void draw_campaign_picker(UiState& state);

}  // namespace annals
