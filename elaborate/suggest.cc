#include "elaborate/suggest.h"

#include <algorithm>

#include "symbols/glob.h"

namespace stap {

std::string closest_name(std::string_view name,
                         const std::vector<std::string> &candidates) {
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const std::string &c : candidates) {
    if (c == name) continue;
    size_t d = edit_distance(name, c);
    size_t limit = std::max<size_t>(1, std::min(name.size(), c.size()) / 3);
    if (d <= limit && d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace stap
