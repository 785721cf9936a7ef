// The campaigns Annals can open: what `annals campaigns` lists and the
// viewer's campaign picker offers, each with its title, years and entries.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace annals {

struct CampaignSummary {
  std::string id;
  std::filesystem::path dir;
  std::string title_zh, title_en;
  int first_year = 0, last_year = 0;  // Julian years of the first and last day any entry covers
  std::size_t entries = 0;
};

// A folder holding a campaign.json.
bool is_campaign_dir(const std::filesystem::path& dir);
// The campaign folders directly inside `parent`, sorted by name.
std::vector<std::filesystem::path> campaign_dirs_in(const std::filesystem::path& parent);
// Reads the manifest and the chronicle; throws DataError (file:line) if it cannot.
CampaignSummary summarize_campaign(const std::filesystem::path& dir);

}  // namespace annals
