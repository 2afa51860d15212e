// "did you mean" suggestions for unresolved names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stap {

// The candidate closest to `name` (optimal string alignment distance), or
// "" when none is close enough: at most a third of the shorter name's
// length, and at least one edit allowed.
std::string closest_name(std::string_view name,
                         const std::vector<std::string> &candidates);

}  // namespace stap
