#pragma once

#include <ATen/CPUGeneratorImpl.h>

#include <memory>

#include "pch.h"

namespace gs {

// The trial's own random state: libtorch's default generator is process-wide, so every draw of a
// trial (initialisation, dropout, shuffling, augmentation) goes through this one instead, and two
// trials in one process never disturb each other's sequence.
struct RandomSource {
    explicit RandomSource(uint64_t seed) : cpu(at::detail::createCPUGenerator(seed)) {}

    at::Generator cpu;
};

// Dropout whose masks come from the trial's generator (torch::dropout in libtorch 1.13 takes none).
class SeededDropoutImpl : public torch::nn::Module {
public:
    SeededDropoutImpl(double rate, std::shared_ptr<RandomSource> random);
    torch::Tensor forward(const torch::Tensor& input);

private:
    double rate_;
    std::shared_ptr<RandomSource> random_;
};
TORCH_MODULE(SeededDropout);

class ActivationImpl : public torch::nn::Module {
public:
    ActivationImpl(int32_t kind, double slope);
    torch::Tensor forward(const torch::Tensor& input);

private:
    int32_t kind_;
    double slope_;
};
TORCH_MODULE(Activation);

// A built network and what training it needs besides the modules.
struct Network {
    torch::nn::Sequential layers;
    std::shared_ptr<RandomSource> random;
    torch::Device device{torch::kCPU};
    // Batch norm cannot train on a batch of one sample.
    bool has_batch_norm = false;
};

}  // namespace gs

struct gs_model {
    std::shared_ptr<gs::Network> network;
};
