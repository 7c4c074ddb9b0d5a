// Internal: parse a TOML document (scenario, timeline patch, sweep file) and
// turn a syntax error into a ParameterError naming the source, line and
// column, so every file the project reads reports it the same way.
#pragma once

#include <fmt/format.h>
#include <toml++/toml.h>

#include <string>

#include "microcosm/core/error.hpp"

namespace microcosm {

inline toml::table parse_toml_document(const std::string& text, const std::string& source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw ParameterError(fmt::format("{}:{}:{}: TOML syntax error: {}", source_name,
                                     e.source().begin.line, e.source().begin.column,
                                     e.description()));
  }
}

}  // namespace microcosm
