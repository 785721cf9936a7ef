// `annals campaigns`: the campaigns Annals can open, one line each (or JSON),
// with title, years and entry count, so a person can choose a folder for
// `annals view` and a script can list them.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "annals/model/campaign_list.h"
#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

using CampaignRow = CampaignSummary;

json row_json(const CampaignRow& r) {
  return json{{"id", r.id},
              {"dir", r.dir.string()},
              {"title", {{"zh", r.title_zh}, {"en", r.title_en}}},
              {"first_year", r.entries ? json(r.first_year) : json(nullptr)},
              {"last_year", r.entries ? json(r.last_year) : json(nullptr)},
              {"entries", r.entries}};
}

std::string row_text(const CampaignRow& r) {
  const std::string years =
      r.entries ? std::to_string(r.first_year) + "-" + std::to_string(r.last_year) : "-";
  std::string title = r.title_zh;
  if (!r.title_en.empty()) title += (title.empty() ? "" : " / ") + r.title_en;
  // Each field is escaped on its own, so the tabs between them stay tabs.
  return escape_for_terminal(r.id) + "\t" + years + "\t" + std::to_string(r.entries) + " entries\t" +
         escape_for_terminal(title);
}

}  // namespace

int run_campaigns(Args args) {
  ArgParser parser(
      "annals campaigns [DIR...] [--format text|json]",
      "Lists the campaigns under the data folder's campaigns/ and in each DIR (a campaign folder, or a\n"
      "folder of campaign folders): id, Julian first and last year, entry count and title (zh / en),\n"
      "one per line, tab-separated. A campaign that cannot be read is reported as file:line: message\n"
      "on stderr and the others are still listed; the exit code is then 1.");
  parser.option("--format", "text|json", "output format (default text)").max_positionals(64);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  const std::string format = a.get("--format").value_or("text");
  if (format != "text" && format != "json")
    throw UsageError("--format must be text or json, not '" + format + "'");

  std::vector<fs::path> dirs = campaign_dirs_in(data_dir() / "campaigns");
  bool failed = false;
  for (const std::string& arg : a.positionals) {
    const fs::path p(arg);
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      std::cerr << escape_for_terminal(arg)
                << ": not a folder (expected a campaign folder or a folder of them)\n";
      failed = true;
      continue;
    }
    if (is_campaign_dir(p)) {
      dirs.push_back(p);
      continue;
    }
    const std::vector<fs::path> inside = campaign_dirs_in(p);
    if (inside.empty()) {
      std::cerr << escape_for_terminal(arg)
                << ": no campaign.json here or in its subfolders (expected a campaign folder or a folder of "
                   "them)\n";
      failed = true;
    }
    dirs.insert(dirs.end(), inside.begin(), inside.end());
  }
  // The same folder named twice (the shipped data given as an argument too) is listed once.
  std::vector<fs::path> seen;
  std::vector<CampaignRow> rows;
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(dir, ec);
    if (ec) key = dir;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    try {
      rows.push_back(summarize_campaign(dir));
    } catch (const DataError& e) {
      std::cerr << e.diagnostic().format() << "\n";
      failed = true;
    }
  }

  if (format == "json") {
    json arr = json::array();
    for (const CampaignRow& r : rows) arr.push_back(row_json(r));
    std::cout << arr.dump(2) << "\n";
  } else {
    for (const CampaignRow& r : rows) std::cout << row_text(r) << "\n";
  }
  std::cout.flush();
  if (!std::cout) return kExitInternal;
  return failed ? kExitBadInput : kExitOk;
}

}  // namespace annals::cli
