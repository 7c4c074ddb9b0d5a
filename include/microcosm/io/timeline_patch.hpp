// Timeline patches: a TOML file holding only [[events]] and [[interventions]]
// tables, validated against the model's timeline schemas exactly like the
// same tables in a scenario. Used to add a policy to a run resumed from a
// checkpoint (`microcosm resume --add-timeline`, branched sweeps).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "microcosm/models/model.hpp"

namespace microcosm {

// Entries of `file` for `model`, events first, then interventions (the order
// a scenario lists them). Throws InputError when the file cannot be read,
// ParameterError (naming file:line) for any other table or an invalid entry.
std::vector<TimelineEntry> load_timeline_patch(const std::filesystem::path& file,
                                               const std::string& model);
std::vector<TimelineEntry> parse_timeline_patch(const std::string& toml_text,
                                                const std::string& source_name,
                                                const std::string& model);

}  // namespace microcosm
