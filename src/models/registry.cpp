#include <algorithm>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/classic/deffuant.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm {

const std::vector<ModelInfo>& model_registry() {
  // Built once; each entry's schema is checked when it is constructed.
  static const std::vector<ModelInfo> models = [] {
    std::vector<ModelInfo> m;
    m.push_back(classic::deffuant_model_info());
    return m;
  }();
  return models;
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
