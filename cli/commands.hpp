// Each subcommand of `microcosm` lives in its own file and registers itself
// on the app through one of these functions. A command's callback stores its
// exit status in `status`; main() catches microcosm::Error and prints it on
// one line.
#pragma once

#include <CLI/CLI.hpp>

namespace microcosm::cli {

void add_run_command(CLI::App& app, int& status);
void add_resume_command(CLI::App& app, int& status);  // continue from a checkpoint
void add_validate_command(CLI::App& app, int& status);
void add_models_command(CLI::App& app, int& status);
void add_analyze_command(CLI::App& app, int& status);
void add_sweep_command(CLI::App& app, int& status);
void add_summarize_command(CLI::App& app, int& status);  // summarize and export
void add_merge_command(CLI::App& app, int& status);
void add_report_command(CLI::App& app, int& status);
void add_serve_command(CLI::App& app, int& status);  // live dashboard

}  // namespace microcosm::cli
