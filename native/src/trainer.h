#pragma once

#include <memory>
#include <vector>

#include "network.h"
#include "pch.h"

struct gs_trainer {
    std::shared_ptr<gs::Network> network;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    // Weights and buffers (batch-norm statistics) at the last snapshot, for early stopping.
    std::vector<torch::Tensor> snapshot;
};

namespace gs {

// The network's parameters, then its buffers: what a snapshot and a checkpoint copy.
std::vector<torch::Tensor> state_tensors(Network& network);

}  // namespace gs
