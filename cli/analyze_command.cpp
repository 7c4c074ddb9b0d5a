// microcosm analyze: network metrics of a network file (filled in by the
// metrics work; registered here so the command table is complete).
#include "commands.hpp"

namespace microcosm::cli {

void add_analyze_command(CLI::App&, int&) {}

}  // namespace microcosm::cli
