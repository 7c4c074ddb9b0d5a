#include <algorithm>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/classic/axelrod.hpp"
#include "microcosm/models/classic/baumann.hpp"
#include "microcosm/models/classic/algorithmic_bias.hpp"
#include "microcosm/models/classic/deffuant.hpp"
#include "microcosm/models/classic/hegselmann_krause.hpp"
#include "microcosm/models/classic/voter.hpp"
#include "microcosm/models/classic/tornberg.hpp"
#include "microcosm/models/mim/mim_model.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm {

const std::vector<ModelInfo>& model_registry() {
  // Built once; each entry's schema is checked when it is constructed.
  static const std::vector<ModelInfo> models = [] {
    std::vector<ModelInfo> m;
    m.push_back(classic::deffuant_model_info());
    m.push_back(classic::voter_model_info());
    m.push_back(classic::hegselmann_krause_model_info());
    m.push_back(classic::algorithmic_bias_model_info());
    m.push_back(classic::baumann_model_info());
    m.push_back(classic::axelrod_model_info());
    m.push_back(classic::tornberg_model_info());
    m.push_back(mim_model_info());
    return m;
  }();
  return models;
}

std::map<std::string, std::string> metric_descriptions(const ModelInfo& info) {
  std::map<std::string, std::string> out;
  for (const auto& metric : info.metrics) out.emplace(metric.name, metric.description);
  return out;
}

const ModelInfo& find_model(std::string_view name) {
  const auto& models = model_registry();
  const auto it =
      std::find_if(models.begin(), models.end(), [&](const ModelInfo& m) { return m.name == name; });
  if (it != models.end()) return *it;
  std::string names;
  for (const auto& m : models) names += (names.empty() ? "" : ", ") + m.name;
  throw ParameterError(fmt::format("unknown model '{}'; valid models: {}", name, names));
}

}  // namespace microcosm
