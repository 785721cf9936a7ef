// The Annals version (CMake's project version), for --version and for the
// records an export writes so that it can be reproduced.
#pragma once

namespace annals {

const char* version();

}  // namespace annals
