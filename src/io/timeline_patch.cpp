// Timeline patches (timeline_patch.hpp): the entries are read by the
// scenario loader itself, so they are validated by the same code and give
// the same messages as in a scenario file.
#include "microcosm/io/timeline_patch.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "microcosm/core/error.hpp"
#include "microcosm/io/scenario.hpp"
#include "toml_document.hpp"

namespace microcosm {

std::vector<TimelineEntry> parse_timeline_patch(const std::string& toml_text,
                                                const std::string& source_name,
                                                const std::string& model) {
  const toml::table root = parse_toml_document(toml_text, source_name);
  for (const auto& [k, v] : root) {
    if (k.str() != "events" && k.str() != "interventions") {
      throw ParameterError(fmt::format(
          "{}:{}: a timeline patch holds only [[events]] and [[interventions]] tables, found '{}'",
          source_name, v.source().begin.line, k.str()));
    }
  }
  // The scenario loader validates the entries; the [simulation] table is
  // appended after them so line numbers in messages stay those of the file.
  const std::string text = fmt::format("{}\n\n[simulation]\nmodel = \"{}\"\n", toml_text, model);
  return parse_scenario(text, source_name, {}).timeline;
}

std::vector<TimelineEntry> load_timeline_patch(const std::filesystem::path& file,
                                               const std::string& model) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open timeline patch", file.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_timeline_patch(ss.str(), file.string(), model);
}

}  // namespace microcosm
