// Copies a model's state out as float32, for keeping the weights a trial's test metrics were measured on.
#include <cstring>

#include "network.h"
#include "status.h"

namespace gs {

namespace {

// The state in PyTorch's state_dict order for a Sequential (not gs::state_tensors' order, which the
// trainer's snapshots use: all parameters, then all buffers): module by module, its parameters, then its
// floating-point buffers (batch norm's running mean and variance; num_batches_tracked is an integer
// count that inference does not read, so it is left out).
std::vector<torch::Tensor> state_dict_tensors(const Network& network) {
    std::vector<torch::Tensor> tensors;
    for (const auto& module : network.layers->children()) {
        for (const auto& parameter : module->parameters(/*recurse=*/false)) {
            tensors.push_back(parameter);
        }
        for (const auto& buffer : module->buffers(/*recurse=*/false)) {
            if (buffer.is_floating_point()) {
                tensors.push_back(buffer);
            }
        }
    }
    return tensors;
}

}  // namespace

}  // namespace gs

extern "C" {

gs_status gs_model_state_size(const gs_model* model, int64_t* floats) {
    GS_TRY
    int64_t total = 0;
    for (const auto& tensor : gs::state_dict_tensors(*gs::require(model, "model")->network)) {
        total += tensor.numel();
    }
    *gs::require(floats, "floats") = total;
    GS_CATCH
}

gs_status gs_model_state_copy(const gs_model* model, float* out, int64_t capacity) {
    GS_TRY
    gs::require(out, "out");
    torch::NoGradGuard no_grad;
    int64_t offset = 0;
    for (const auto& tensor : gs::state_dict_tensors(*gs::require(model, "model")->network)) {
        const auto count = tensor.numel();
        if (offset + count > capacity) {
            throw gs::invalid_argument("the buffer holds " + std::to_string(capacity) + " floats, the state needs more");
        }
        auto values = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        std::memcpy(out + offset, values.data_ptr<float>(), static_cast<size_t>(count) * sizeof(float));
        offset += count;
    }
    if (offset != capacity) {
        throw gs::invalid_argument("the state holds " + std::to_string(offset) + " floats, the buffer " +
                                   std::to_string(capacity));
    }
    GS_CATCH
}

}  // extern "C"
