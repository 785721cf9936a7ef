#include "annals/model/version.h"

namespace annals {

const char* version() { return ANNALS_VERSION; }

}  // namespace annals
