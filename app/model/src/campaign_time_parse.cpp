// Turning what a user types into campaign time, for the timeline's jump box
// and `annals still --date`.
#include <cctype>

#include "annals/model/calendar.h"
#include "annals/model/calendar_error.h"
#include "annals/model/campaign_state.h"
#include "annals/model/era_date.h"
#include "annals/model/julian_day.h"

namespace annals {

double CampaignModel::parse_time(std::string_view text) const {
  const bool iso = !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-') &&
                   text.find('-', 1) != std::string_view::npos;
  std::int64_t jdn = 0;
  if (iso) {
    jdn = jdn_from_julian(parse_iso(text));
  } else {
    const EraDate d = parse_era_date(text);
    jdn = (d.day || d.sexagenary) ? calendar().resolve_day(d, reckoning())
                                  : calendar().resolve_month(d, reckoning()).first_jdn;
  }
  const CampaignTimeline& tl = timeline();
  // A campaign whose entries are all undated (one being drafted) has no axis
  // to place a date on; month(0) would be out of range.
  if (tl.month_count() == 0)
    throw CalendarError(std::string(text) + " cannot be shown: the campaign's entries have no dates yet");
  if (jdn < tl.month(0).first_jdn || jdn > tl.month(tl.month_count() - 1).last_jdn())
    throw CalendarError(std::string(text) + " is outside the campaign (" + tl.label_chinese(0) + " to " +
                        tl.label_chinese(tl.month_count() - 1) + ")");
  return tl.time_of_jdn(jdn);
}

}  // namespace annals
