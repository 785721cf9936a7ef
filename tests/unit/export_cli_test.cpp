// `annals export` as a user meets it: what it writes, that it is exact and
// reproducible, that split and resumed exports equal a whole one, videos, and
// every way an output can fail. Small frames and a fast pace keep it quick:
// at --fps 4 --month-seconds 1 a lunar month is four frames.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "annals/render/image.h"
#include "run_annals.h"

namespace annals {
namespace {

namespace fs = std::filesystem;
using test::run_annals;

// Three lunar months (嘉定十七年正月 to 三月) at four frames a month.
const std::string kShort = "--size 320x180 --fps 4 --month-seconds 1 --to 嘉定十七年三月";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("annals-export-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;

  // A whole short export, made once per test that compares against one.
  fs::path reference() {
    const fs::path dir = root_ / "whole";
    if (!fs::exists(dir / "manifest.json")) {
      const auto r = run_annals("export --out " + dir.string() + " " + kShort);
      EXPECT_EQ(r.code, 0) << r.out;
    }
    return dir;
  }
};

TEST_F(ExportCli, WritesNumberedFramesAndAManifestOfEveryFrame) {
  const fs::path dir = reference();
  std::vector<std::string> expected;
  for (int i = 1; i <= 12; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05d.png", i);
    expected.push_back(name);
  }
  expected.push_back("manifest.json");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listing(dir), expected);  // and nothing else: no temporary files left

  const Image first = read_png(dir / "frame_00001.png");
  EXPECT_EQ(first.width, 320);
  EXPECT_EQ(first.height, 180);

  const auto m = nlohmann::json::parse(read_file(dir / "manifest.json"));
  EXPECT_EQ(m["format"], "annals-export");
  EXPECT_EQ(m["campaign"]["id"], "xixia-1224");
  EXPECT_EQ(m["campaign"]["source_sha256"].get<std::string>().size(), 64u);
  EXPECT_FALSE(m["annals_version"].get<std::string>().empty());
  EXPECT_EQ(m["frame_count"], 12);
  EXPECT_EQ(m["options"]["to"], "嘉定十七年三月");
  EXPECT_EQ(m["options"]["size"], "320x180");
  ASSERT_EQ(m["frames"].size(), 12u);
  double last_t = -1;
  for (std::size_t i = 0; i < 12; ++i) {
    const auto& f = m["frames"][i];
    EXPECT_EQ(f["frame"], static_cast<int>(i) + 1);
    EXPECT_GT(f["t"].get<double>(), last_t) << "times must increase";
    last_t = f["t"].get<double>();
    EXPECT_EQ(f["t"].get<double>(), static_cast<double>(i) / 4.0);
  }
  // Frame 1 is the first day of the chronicle's first month: 嘉定十七年正月
  // began on 1224-01-22 (Julian), and its entry e001 is in force.
  EXPECT_EQ(m["frames"][0]["month"], "嘉定十七年正月");
  EXPECT_EQ(m["frames"][0]["julian"], "1224-01-22");
  EXPECT_EQ(m["frames"][0]["entries"], nlohmann::json::array({"e001"}));
  EXPECT_EQ(m["frames"][4]["month"], "嘉定十七年二月");
  EXPECT_EQ(m["frames"][11]["file"], "frame_00012.png");
}

TEST_F(ExportCli, CountTellsTheFramesWithoutRendering) {
  const auto r = run_annals("export --count " + kShort);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "12\n");
  // The whole campaign: 91 months at 2 s and 30 frames a second.
  EXPECT_EQ(run_annals("export --count").out, "5460\n");
}

TEST_F(ExportCli, TheSameInputsGiveTheSameBytes) {
  const fs::path a = reference();
  const fs::path b = root_ / "again";
  const auto r = run_annals("export --out " + b.string() + " " + kShort);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(listing(a), listing(b));
  for (const auto& name : listing(a)) EXPECT_EQ(read_file(a / name), read_file(b / name)) << name;
}

TEST_F(ExportCli, RangesFromSeparateProcessesEqualOneRun) {
  const fs::path whole = reference();
  const fs::path split = root_ / "split";
  for (const char* range : {"1-5", "6-11", "12-12"}) {
    const auto r = run_annals("export --out " + split.string() + " " + kShort + " --frames " + range);
    ASSERT_EQ(r.code, 0) << r.out;
  }
  EXPECT_EQ(listing(whole), listing(split));
  for (const auto& name : listing(whole)) EXPECT_EQ(read_file(whole / name), read_file(split / name)) << name;
}

TEST_F(ExportCli, AFrameEqualsTheStillOfItsTime) {
  const fs::path whole = reference();
  const auto m = nlohmann::json::parse(read_file(whole / "manifest.json"));
  for (int frame : {1, 7}) {
    const double t = m["frames"][frame - 1]["t"].get<double>();
    const fs::path still = root_ / ("still-" + std::to_string(frame) + ".png");
    char args[128];
    std::snprintf(args, sizeof args, " --size 320x180 --time %.17g", t);
    const auto r = run_annals("still --out " + still.string() + args);
    ASSERT_EQ(r.code, 0) << r.out;
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05d.png", frame);
    const Image a = read_png(whole / name), b = read_png(still);
    ASSERT_EQ(a.width, b.width);
    ASSERT_EQ(a.height, b.height);
    EXPECT_TRUE(a.rgba == b.rgba) << "frame " << frame << " differs from the still of t=" << t;
  }
  // And frames of different months do differ (the comparison can fail).
  EXPECT_FALSE(read_png(whole / "frame_00001.png").rgba == read_png(whole / "frame_00009.png").rgba);
}

TEST_F(ExportCli, ResumeFinishesAKilledRunExactly) {
  // 48 frames, so the kill lands well before the end.
  const std::string plan = "--size 320x180 --fps 8 --month-seconds 2 --to 嘉定十七年三月";
  const fs::path whole = root_ / "whole48";
  ASSERT_EQ(run_annals("export --out " + whole.string() + " " + plan).code, 0);
  const fs::path dir = root_ / "killed";
  // Kill an export (SIGKILL: no clean-up at all) once its third frame is on disk.
  const std::string script = std::string(ANNALS_BINARY) + " export --out " + dir.string() + " " + plan +
                             " >/dev/null 2>&1 & pid=$!; "
                             "for i in $(seq 600); do [ -e " +
                             (dir / "frame_00003.png").string() +
                             " ] && break; sleep 0.02; done; kill -9 $pid; wait $pid; true";
  ASSERT_EQ(std::system(("bash -c '" + script + "'").c_str()), 0);
  ASSERT_TRUE(fs::exists(dir / "frame_00003.png"));
  ASSERT_FALSE(fs::exists(dir / "frame_00048.png")) << "the export finished before it was killed";
  // A frame cut short, as a power cut might leave it, is not complete.
  {
    const std::string bytes = read_file(dir / "frame_00002.png");
    std::ofstream(dir / "frame_00002.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  const auto r = run_annals("export --out " + dir.string() + " " + plan + " --resume");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("already there"), std::string::npos) << r.out;
  // The killed writer's temporary files are gone too: exactly the whole run's files.
  EXPECT_EQ(listing(dir), listing(whole));
  for (const auto& name : listing(whole)) EXPECT_EQ(read_file(whole / name), read_file(dir / name)) << name;
}

TEST_F(ExportCli, CtrlCStopsCleanlyKeepingFinishedFrames) {
  const std::string plan = "--size 320x180 --fps 8 --month-seconds 2 --to 嘉定十七年三月";
  const fs::path dir = root_ / "interrupted";
  const fs::path log = root_ / "interrupted.log";
  const std::string script =
      std::string(ANNALS_BINARY) + " export --out " + dir.string() + " " + plan + " >" + log.string() +
      " 2>&1 & pid=$!; for i in $(seq 600); do [ -e " + (dir / "frame_00003.png").string() +
      " ] && break; sleep 0.02; done; kill -INT $pid; wait $pid; echo $? >>" + log.string();
  ASSERT_EQ(std::system(("bash -c '" + script + "'").c_str()), 0);
  const std::string out = read_file(log);
  EXPECT_NE(out.find("interrupted;"), std::string::npos) << out;
  EXPECT_NE(out.find("--resume"), std::string::npos) << out;
  EXPECT_NE(out.find("\n130\n"), std::string::npos) << "exit status 130 expected:\n" << out;
  ASSERT_FALSE(fs::exists(dir / "frame_00048.png")) << "the export finished before the interrupt";
  for (const auto& name : listing(dir)) {
    EXPECT_NE(name[0], '.') << "temporary file left: " << name;
    EXPECT_NO_THROW(read_png(dir / name)) << name;
  }
}

TEST_F(ExportCli, SubtitlesAreTimedToTheFramesOfEachEntry) {
  const fs::path srt = root_ / "c.srt", vtt = root_ / "c.vtt";
  auto r =
      run_annals("export --out " + (root_ / "s").string() + " " + kShort + " --subtitles " + srt.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string text = read_file(srt);
  // 正月 (e001) holds frames 1-4: 0 s to 1 s at 4 frames/s; 二月 (e002) 1 s to 2 s.
  EXPECT_EQ(text.rfind("1\n00:00:00,000 --> 00:00:01,000\n嘉定十七年、夏乾定元年春正月，裕陵、泰陵灾。\n", 0),
            0u)
      << text;
  EXPECT_NE(text.find("2\n00:00:01,000 --> 00:00:02,000\n二月，"), std::string::npos) << text;
  r = run_annals("export --out " + (root_ / "v").string() + " " + kShort + " --subtitles " + vtt.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(read_file(vtt).rfind("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n", 0), 0u);
}

TEST_F(ExportCli, SubtitlesCarryTheEnglishGloss) {
  const fs::path srt = root_ / "g.srt";
  const auto r =
      run_annals("export --out " + (root_ / "g").string() + " " + kShort + " --subtitles " + srt.string());
  ASSERT_EQ(r.code, 0) << r.out;
  // curation.json's gloss of e001, under its headline.
  EXPECT_NE(read_file(srt).find("裕陵、泰陵灾。\nCalamity strikes the Yu and Tai mausolea.\n"),
            std::string::npos)
      << read_file(srt);
}

TEST_F(ExportCli, PresentWritesTheTitleCardFrames) {
  // --present: the same frame with presentation styling and the month's card;
  // it differs from the plain frame, and the manifest records the option.
  const fs::path plain = reference(), present = root_ / "present";
  auto r = run_annals("export --out " + present.string() + " " + kShort + " --present --frames 3-3");
  ASSERT_EQ(r.code, 0) << r.out;
  const Image a = read_png(plain / "frame_00003.png"), b = read_png(present / "frame_00003.png");
  ASSERT_EQ(a.width, b.width);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.rgba.size(); i += 4) differ += a.rgba[i] != b.rgba[i];
  EXPECT_GT(differ, a.rgba.size() / 4 / 10) << "presentation styling changed under a tenth of the frame";
  const auto manifest = nlohmann::json::parse(read_file(present / "manifest.json"));
  EXPECT_EQ(manifest["options"]["present"], true);
  r = run_annals("export --out " + (root_ / "x").string() + " " + kShort + " --spotlight");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("--spotlight is part of --present"), std::string::npos) << r.out;
}

// ffprobe's answer for one field of the first video stream.
std::string probe(const fs::path& video, const std::string& entries) {
  const std::string cmd =
      "ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=" + entries +
      " -of default=noprint_wrappers=1 " + video.string();
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  return out;
}

TEST_F(ExportCli, VideosHaveEveryFrameInTheirCodec) {
  struct Case {
    const char* file;
    const char* codec;
  };
  for (const Case c : {Case{"a.mp4", "h264"}, Case{"a.webm", "vp9"}, Case{"a.gif", "gif"}}) {
    const fs::path video = root_ / c.file;
    const auto r = run_annals("export " + kShort + " --video " + video.string());
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string info = probe(video, "codec_name,nb_read_frames,width,height");
    EXPECT_NE(info.find(std::string("codec_name=") + c.codec), std::string::npos) << info;
    EXPECT_NE(info.find("nb_read_frames=12"), std::string::npos) << c.file << ": " << info;
    EXPECT_NE(info.find("width=320"), std::string::npos) << info;
  }
  EXPECT_NE(probe(root_ / "a.mp4", "pix_fmt").find("yuv420p"), std::string::npos);
  EXPECT_EQ(listing(root_), (std::vector<std::string>{"a.gif", "a.mp4", "a.webm"}));  // no temporaries
  // With --keep-frames and --out, the frames too, equal to a frame sequence.
  const fs::path both = root_ / "both";
  const auto r = run_annals("export --out " + both.string() + " " + kShort + " --video " +
                            (root_ / "b.mp4").string() + " --keep-frames");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(read_file(both / "frame_00012.png"), read_file(reference() / "frame_00012.png"));
}

TEST_F(ExportCli, VideoProblemsAreClearErrors) {
  auto r = run_annals("export --size 321x180 --fps 4 --month-seconds 1 --to 嘉定十七年三月 --video " +
                      (root_ / "odd.mp4").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("use --size 322x180"), std::string::npos) << r.out;

  r = run_annals("export " + kShort + " --video " + (root_ / "x.mp4").string(),
                 "ANNALS_FFMPEG=/no/such/ffmpeg ");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("apt-get install ffmpeg"), std::string::npos) << r.out;

  // An ffmpeg that dies after reading a little: the export stops, says what
  // ffmpeg said, and leaves no video and no temporary file.
  const fs::path dying = root_ / "dying-ffmpeg";
  std::ofstream(dying) << "#!/bin/sh\nhead -c 100000 >/dev/null\necho 'codec exploded' >&2\nexit 3\n";
  fs::permissions(dying, fs::perms::owner_all);
  r = run_annals("export " + kShort + " --video " + (root_ / "x.mp4").string(),
                 "ANNALS_FFMPEG=" + dying.string() + " ");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("ffmpeg exited with status 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("codec exploded"), std::string::npos) << r.out;
  EXPECT_EQ(listing(root_), std::vector<std::string>{"dying-ffmpeg"});

  r = run_annals("export " + kShort + " --video " + (root_ / "x.avi").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(".mp4 (H.264), .webm (VP9) or .gif"), std::string::npos) << r.out;
}

TEST_F(ExportCli, OutputsThatCannotBeWrittenAreBadInput) {
  auto r = run_annals("export --out /no/such/parent/frames " + kShort);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(
      r.out.find("/no/such/parent/frames: cannot create the export folder: /no/such/parent does not exist"),
      std::string::npos)
      << r.out;
  r = run_annals("export --out /etc/hostname " + kShort);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("/etc/hostname: is not a folder"), std::string::npos) << r.out;

  // A full disk, through the file-size limit: the write fails with EFBIG as
  // it would with ENOSPC. The export stops naming the frame, exit 1, and
  // leaves only whole frames (each decodes) and no temporary file.
  const fs::path full = root_ / "full";
  r = run_annals("export --out " + full.string() + " " + kShort, "trap '' XFSZ; ulimit -f 20; ");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("frame_000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cannot write"), std::string::npos) << r.out;
  for (const auto& name : listing(full)) {
    EXPECT_NE(name[0], '.') << "temporary file left: " << name;
    if (name.ends_with(".png")) {
      EXPECT_NO_THROW(read_png(full / name)) << name;
    }
  }

  r = run_annals("still --out /no/such/folder/x.png --size 64x64");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("/no/such/folder/x.png: cannot create a temporary file beside it"), std::string::npos)
      << r.out;
}

TEST_F(ExportCli, BadOptionsAreUsageErrors) {
  const std::string out = " --out " + (root_ / "o").string() + " ";
  struct Case {
    std::string args, message;
  };
  for (const Case& c :
       {Case{kShort + " --frames 5-99", "goes past the last frame: this export has 12 frames"},
        Case{kShort + " --frames 0-3", "frames are numbered from 1"},
        Case{kShort + " --template frames.png", "needs one %d"},
        Case{kShort + " --template a/%05d.png", "without folders"},
        Case{kShort + " --template f_%05d_%d.png", "more than one %d"},
        Case{"--from 宝庆三年二月 --to 宝庆二年二月", "--from must come before --to"},
        Case{kShort + " --fps 0", "--fps must be between 1 and 240"},
        Case{kShort + " --keep-frames", "--keep-frames goes with --video"},
        Case{"--to 至元三十一年", "--to: "}}) {
    const auto r = run_annals("export" + out + c.args);
    EXPECT_EQ(r.code, 1) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.args << "\n" << r.out;
  }
  EXPECT_FALSE(fs::exists(root_ / "o" / "frame_00001.png"));
}

}  // namespace
}  // namespace annals
