// The `microcosm` command. Subcommands are defined in cli/*_command.cpp.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "microcosm/core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"microcosm: simulate how people sort themselves into online micro-communities"};
  app.set_version_flag("--version", MICROCOSM_VERSION);
  app.require_subcommand(1);
  int status = 0;
  microcosm::cli::add_run_command(app, status);
  microcosm::cli::add_resume_command(app, status);
  microcosm::cli::add_validate_command(app, status);
  microcosm::cli::add_models_command(app, status);
  microcosm::cli::add_analyze_command(app, status);
  microcosm::cli::add_sweep_command(app, status);
  microcosm::cli::add_summarize_command(app, status);
  microcosm::cli::add_merge_command(app, status);
  microcosm::cli::add_report_command(app, status);
  microcosm::cli::add_serve_command(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const microcosm::Error& e) {
    fmt::print(stderr, "microcosm: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "microcosm: internal error: {}\n", e.what());
    return 3;
  }
  return status;
}
