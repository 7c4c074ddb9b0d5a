// Every scenario shipped in scenarios/ validates and runs (a few steps), so
// a documented example can never rot. Sweep files and their timeline
// patches (scenarios/sweeps/) are checked by tests/python/test_sweep.py.
#include <filesystem>

#include "cli_support.hpp"

using namespace microcosm::test;
namespace fs = std::filesystem;

TEST(Scenarios, EveryShippedScenarioRuns) {
  ScratchDir dir;
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MICROCOSM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    if (entry.path().string().find("/scenarios/sweeps/") != std::string::npos) continue;
    ++count;
    const std::string file = entry.path().string();
    auto r = run_command(microcosm_cmd("validate " + file));
    EXPECT_EQ(r.status, 0) << file << "\n" << r.output;
    const fs::path out = dir / ("run" + std::to_string(count));
    r = run_command(microcosm_cmd("run " + file + " --set simulation.steps=3 --out " + out.string() +
                                  " --quiet"));
    EXPECT_EQ(r.status, 0) << file << "\n" << r.output;
    EXPECT_TRUE(fs::exists(out / "run.json")) << file;
  }
  EXPECT_GE(count, 8);
}
