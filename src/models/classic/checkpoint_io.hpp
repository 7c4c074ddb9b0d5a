// Checkpoint state of the classic models (Model::save_state/load_state).
// The model classes live in anonymous namespaces of their own files, so each
// forwards its persistent members to these functions, defined in
// <model>_checkpoint.cpp: saving writes the named sections, loading reads
// them back into a model freshly built from the same scenario and checks
// that shapes and invariants hold. Private to src/models/classic.
#pragma once

#include <cstdint>
#include <vector>

#include "microcosm/engine/checkpoint.hpp"
#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::classic {

class DistanceBiasedSampler;

void save_voter(StateWriter& w, const std::vector<std::int8_t>& s, std::uint64_t n_plus,
                std::uint64_t active, std::uint64_t t, std::uint64_t absorbed_at);
void load_voter(StateReader& r, std::vector<std::int8_t>& s, std::uint64_t& n_plus,
                std::uint64_t& active, std::uint64_t& t, std::uint64_t& absorbed_at);

void save_deffuant(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                   double max_change, bool converged);
void load_deffuant(StateReader& r, std::vector<double>& x, std::uint64_t& t, double& max_change,
                   bool& converged);

void save_hegselmann_krause(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                            double max_change);
void load_hegselmann_krause(StateReader& r, std::vector<double>& x, std::uint64_t& t,
                            double& max_change);

// `sampler` is null unless the model uses one (mean field, gamma > 0).
void save_algorithmic_bias(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                           std::uint64_t quiet_steps, double max_change,
                           const DistanceBiasedSampler* sampler);
void load_algorithmic_bias(StateReader& r, std::vector<double>& x, std::uint64_t& t,
                           std::uint64_t& quiet_steps, double& max_change,
                           DistanceBiasedSampler* sampler);

// The network of the last step is part of the state: metrics report it and
// the echo accumulators were fed by it.
struct BaumannStepNetwork {
  std::vector<NodeId>& active;
  std::vector<std::uint32_t>& active_slot;
  std::vector<NodeId>& contacts;
  std::vector<NodeId>& edge_target;
  std::vector<NodeId>& edge_source;
  std::vector<std::uint32_t>& in_offsets;
  std::vector<NodeId>& in_sources;
  std::vector<NodeId>& distinct_sources;
};
void save_baumann(StateWriter& w, const std::vector<double>& x, const std::vector<double>& a,
                  std::uint64_t t, const std::vector<double>& nbr_sum,
                  const std::vector<double>& nbr_weight, const BaumannStepNetwork& net);
void load_baumann(StateReader& r, std::vector<double>& x, std::vector<double>& a, std::uint64_t& t,
                  std::vector<double>& nbr_sum, std::vector<double>& nbr_weight,
                  const BaumannStepNetwork& net);

template <class Trait>
void save_axelrod(StateWriter& w, const std::vector<Trait>& culture, std::size_t active,
                  std::uint64_t t);
template <class Trait>
void load_axelrod(StateReader& r, std::vector<Trait>& culture, std::size_t& active,
                  std::uint64_t& t);

void save_tornberg(StateWriter& w, const std::vector<std::uint8_t>& party,
                   const std::vector<std::uint8_t>& flex, std::uint64_t quiet,
                   std::uint64_t changes, std::uint64_t t);
void load_tornberg(StateReader& r, std::vector<std::uint8_t>& party,
                   std::vector<std::uint8_t>& flex, std::uint64_t& quiet, std::uint64_t& changes,
                   std::uint64_t& t);

}  // namespace microcosm::classic
