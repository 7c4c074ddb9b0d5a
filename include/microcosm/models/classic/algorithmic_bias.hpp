// Algorithmic Bias model (Sîrbu, Pedreschi, Giannotti & Kertész, PLoS ONE
// 14(3): e0213246, 2019): Deffuant–Weisbuch averaging in which a
// recommender biases partner choice toward like-minded agents.
//
// One step is N asynchronous pair interactions. Each picks i uniformly,
// then a partner j among i's (out-)neighbours (all other agents under mean
// field) with probability proportional to max(|x_i - x_j|, floor)^-gamma;
// if |x_i - x_j| < epsilon both move mu of the way toward each other
// (mu = 0.5: both take the average, as in the paper and NDlib).
//
// Cost per interaction: O(deg i) on a graph. Under mean field the naive
// partner choice is O(N) (O(N^2) per step); here it is exact rejection
// sampling from geometric distance bands over an incrementally sorted copy
// of the opinions (distance_biased_sampler.hpp): O(B log N) per interaction
// with B ≈ 2 + 16.6 max(1, gamma) bands, at most 2 expected proposals, plus
// the shift that keeps the copy sorted (the number of agents an opinion
// jumps over); O(1) for gamma = 0.
#pragma once

#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo algorithmic_bias_model_info();

}  // namespace microcosm::classic
