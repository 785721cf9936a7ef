#include "annals/model/campaign_list.h"

#include <algorithm>
#include <cstdint>
#include <system_error>

#include "annals/model/campaign_manifest.h"
#include "annals/model/chronicle.h"
#include "annals/model/julian_day.h"

namespace annals {

namespace fs = std::filesystem;

bool is_campaign_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "campaign.json", ec);
}

std::vector<fs::path> campaign_dirs_in(const fs::path& parent) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && is_campaign_dir(it->path())) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

CampaignSummary summarize_campaign(const fs::path& dir) {
  const CampaignManifest m = load_campaign_manifest(dir);
  const Chronicle ch = Chronicle::load(m);
  CampaignSummary row;
  row.id = m.id;
  row.dir = dir;
  row.title_zh = m.title_zh;
  row.title_en = m.title_en;
  row.entries = ch.entries.size();
  if (!ch.entries.empty()) {
    std::int64_t first = ch.entries.front().date.first_jdn, last = ch.entries.front().date.last_jdn;
    for (const Entry& e : ch.entries) {
      first = std::min(first, e.date.first_jdn);
      last = std::max(last, e.date.last_jdn);
    }
    row.first_year = julian_from_jdn(first).year;
    row.last_year = julian_from_jdn(last).year;
  }
  return row;
}

}  // namespace annals
