// What to tell a user who typed a key that does not exist. A model such as
// mim has 150 keys: listing them all buries the answer, so for long lists the
// hint names the keys the user most likely meant and the keys of the group
// the typed name starts with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace microcosm::spec {

// Up to `max` of `names` that `typed` is plausibly a misspelling of, closest
// first. Within the typed group (the part before the last dot): a small edit
// distance on the last segment, or a shared word of four letters or more;
// these win over the rest. Elsewhere: a small edit distance on the whole
// name, or the same last segment under another group.
std::vector<std::string> closest_names(std::string_view typed, const std::vector<std::string>& names,
                                       std::size_t max = 3);

// The text after "unknown key '<typed>' ...": "valid keys: ..." for short
// lists; otherwise "did you mean ...?", the typed group's keys (or the list
// of groups) and `more` (where to find every key).
std::string unknown_key_hint(std::string_view typed, const std::vector<std::string>& names,
                             std::string_view more = {});

}  // namespace microcosm::spec
