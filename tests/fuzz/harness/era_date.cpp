#include <cmath>
#include <memory>

#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_state.h"
#include "annals/model/julian_day.h"
#include "common.h"

namespace annals::fuzz {

namespace {

const CampaignModel& shipped() {
  static const std::unique_ptr<CampaignModel> model =
      CampaignModel::load(source_root() / "data" / "campaigns" / "xixia-1224");
  return *model;
}

bool same(const EraDate& a, const EraDate& b) {
  return a.era == b.era && a.era_year == b.era_year && a.month == b.month && a.leap == b.leap &&
         a.day == b.day && a.sexagenary == b.sexagenary;
}

}  // namespace

void era_date(std::string_view input) {
  const CampaignModel& model = shipped();
  const Calendar& cal = model.calendar();

  // `annals date ERA-DATE`
  try {
    const EraDate d = parse_era_date(input);
    // What format_era_date writes reads back as the same date; it names a
    // day by its number alone when it has one ("甲辰朔" comes back "一日").
    EraDate shown = d;
    if (shown.day) shown.sexagenary.reset();
    const std::string written = format_era_date(d);
    if (!same(parse_era_date(written), shown))
      throw InvariantError("'" + written + "' reads back as another date");
    for (const EraReckoning& r : {EraReckoning{}, model.reckoning()}) {
      try {
        cal.resolve_era(d, r);
        cal.chinese_year(d, r);
        if (d.month > 0) cal.resolve_month(d, r);
        if (d.day || d.sexagenary) {
          const std::int64_t jdn = cal.resolve_day(d, r);
          if (!cal.month_containing(jdn)) throw InvariantError("resolve_day() gave a day outside the tables");
        }
      } catch (const CalendarError&) {
      }
    }
  } catch (const CalendarError&) {
  }

  // `annals date --julian` / `--gregorian`
  try {
    const CivilDate d = parse_iso(input);
    if (!(julian_from_jdn(jdn_from_julian(d)) == d))
      throw InvariantError("a Julian date does not round-trip");
    if (is_valid_gregorian(d) && !(gregorian_from_jdn(jdn_from_gregorian(d)) == d))
      throw InvariantError("a Gregorian date does not round-trip");
  } catch (const CalendarError&) {
  }

  // The timeline's typed jump and `annals still --date`.
  try {
    const double t = model.parse_time(input);
    if (!(t >= model.timeline().start() && t <= model.timeline().end()))
      throw InvariantError("parse_time() gave a time outside the campaign");
    model.state_at(t);
  } catch (const CalendarError&) {
  }
}

}  // namespace annals::fuzz
