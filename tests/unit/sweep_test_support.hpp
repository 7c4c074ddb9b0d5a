// Shared by the sweep unit tests: a scratch directory holding a small
// Deffuant base scenario, and helpers to write sweep files into it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "microcosm/core/error.hpp"
#include "microcosm/sweep/design.hpp"

namespace microcosm::test {

inline const char* kSweepBase = R"([simulation]
model = "deffuant"
steps = 20
seed = 7

[network]
kind = "erdos_renyi"
n = 50
mean_degree = 4

[model]
epsilon = 0.2
)";

class SweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("microcosm_sweep_") + info->test_suite_name() + "_" + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("base.toml", kSweepBase);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  // A sweep file "s.toml" whose [sweep] table starts with scenario = "base.toml".
  sweep::Design design(const std::string& body, const std::string& name = "s.toml") {
    return sweep::expand_design(
        sweep::load_sweep_spec(write(name, "[sweep]\nscenario = \"base.toml\"\n" + body)));
  }
  // The message of the microcosm::Error thrown by expanding `body` (empty if none).
  std::string error(const std::string& body) {
    try {
      design(body);
    } catch (const Error& e) {
      return e.what();
    }
    return {};
  }
  std::filesystem::path dir_;
};

}  // namespace microcosm::test
