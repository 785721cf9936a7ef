// libFuzzer target; what it fuzzes and what it checks: harness/harness.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  annals::fuzz::entries_json(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
