// The projection parameters Annals 1 fixed for every campaign, which
// data/formats/campaign-v1-defaults.json keeps for version 1 manifests: the
// tests that measure projections against known numbers use them.
#pragma once

#include "annals/geo/projection.h"

namespace annals::test {

inline ProjectionParameters v1_projection(LonLat centre = {102.0, 38.0}) { return {centre, 30.0, 45.0}; }

}  // namespace annals::test
