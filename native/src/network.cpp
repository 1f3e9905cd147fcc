#include "network.h"

#include <cmath>

#include "status.h"

namespace gs {

SeededDropoutImpl::SeededDropoutImpl(double rate, std::shared_ptr<RandomSource> random)
    : rate_(rate), random_(std::move(random)) {}

torch::Tensor SeededDropoutImpl::forward(const torch::Tensor& input) {
    if (!is_training() || rate_ == 0.0) {
        return input;
    }
    // On CUDA the mask comes from the device's default generator, seeded at model creation: a CPU
    // generator cannot fill device memory.
    auto keep = torch::empty_like(input);
    if (input.is_cuda()) {
        keep.bernoulli_(1.0 - rate_);
    } else {
        keep.bernoulli_(1.0 - rate_, random_->cpu);
    }
    return input * keep.div_(1.0 - rate_);
}

ActivationImpl::ActivationImpl(int32_t kind, double slope) : kind_(kind), slope_(slope) {}

torch::Tensor ActivationImpl::forward(const torch::Tensor& input) {
    switch (kind_) {
        case GS_ACTIVATION_RELU: return torch::relu(input);
        case GS_ACTIVATION_TANH: return torch::tanh(input);
        case GS_ACTIVATION_SIGMOID: return torch::sigmoid(input);
        case GS_ACTIVATION_ELU: return torch::elu(input);
        case GS_ACTIVATION_LEAKY_RELU: return torch::leaky_relu(input, slope_);
        case GS_ACTIVATION_GELU: return torch::gelu(input);
        case GS_ACTIVATION_SELU: return torch::selu(input);
        default: throw invalid_argument("unknown activation " + std::to_string(kind_));
    }
}

namespace {

void check_positive(int32_t value, const char* what, int index) {
    if (value < 1) {
        throw invalid_argument("layer " + std::to_string(index) + ": " + what + " must be positive, got " +
                               std::to_string(value));
    }
}

bool known_activation(int32_t kind) { return kind >= GS_ACTIVATION_RELU && kind <= GS_ACTIVATION_SELU; }

// Fills a dense or convolution layer's weight and bias from the trial's generator.
void initialize(torch::Tensor weight, torch::Tensor bias, int32_t initializer, at::Generator& generator) {
    torch::NoGradGuard no_grad;
    const auto receptive = weight.dim() > 2 ? weight[0][0].numel() : 1;
    const double fan_in = static_cast<double>(weight.size(1) * receptive);
    const double fan_out = static_cast<double>(weight.size(0) * receptive);
    switch (initializer) {
        case GS_INITIALIZER_DEFAULT: {
            // libtorch's reset_parameters (kaiming_uniform with a = sqrt(5)) reduces to this bound,
            // drawn here from the trial's generator instead of the process-wide one.
            const double bound = 1.0 / std::sqrt(fan_in);
            weight.uniform_(-bound, bound, generator);
            bias.uniform_(-bound, bound, generator);
            return;
        }
        case GS_INITIALIZER_HE_NORMAL: weight.normal_(0.0, std::sqrt(2.0 / fan_in), generator); break;
        case GS_INITIALIZER_HE_UNIFORM: {
            const double bound = std::sqrt(6.0 / fan_in);
            weight.uniform_(-bound, bound, generator);
            break;
        }
        case GS_INITIALIZER_GLOROT_NORMAL: weight.normal_(0.0, std::sqrt(2.0 / (fan_in + fan_out)), generator); break;
        case GS_INITIALIZER_GLOROT_UNIFORM: {
            const double bound = std::sqrt(6.0 / (fan_in + fan_out));
            weight.uniform_(-bound, bound, generator);
            break;
        }
        default: throw invalid_argument("unknown initializer " + std::to_string(initializer));
    }
    bias.zero_();
}

torch::Device parse_device(const char* name, uint64_t seed) {
    const std::string device = name == nullptr ? "cpu" : name;
    if (device == "cpu") {
        return torch::kCPU;
    }
    if (device == "cuda") {
        if (!torch::cuda::is_available()) {
            throw invalid_argument("CUDA was requested but is not available");
        }
        torch::cuda::manual_seed(seed);
        return torch::kCUDA;
    }
    throw invalid_argument("unknown device '" + device + "' (expected cpu or cuda)");
}

std::shared_ptr<Network> build(const gs_layer* layers, int32_t count, int32_t initializer, int64_t seed,
                               const char* device) {
    if (count < 1) {
        throw invalid_argument("a model needs at least one layer");
    }
    if (initializer < GS_INITIALIZER_DEFAULT || initializer > GS_INITIALIZER_GLOROT_UNIFORM) {
        throw invalid_argument("unknown initializer " + std::to_string(initializer));
    }
    auto network = std::make_shared<Network>();
    network->random = std::make_shared<RandomSource>(static_cast<uint64_t>(seed));
    network->device = parse_device(device, static_cast<uint64_t>(seed));
    auto& generator = network->random->cpu;
    for (int i = 0; i < count; i++) {
        const auto& layer = layers[i];
        switch (layer.kind) {
            case GS_LAYER_DENSE: {
                check_positive(layer.inputs, "inputs", i);
                check_positive(layer.outputs, "outputs", i);
                torch::nn::Linear dense(layer.inputs, layer.outputs);
                initialize(dense->weight, dense->bias, initializer, generator);
                network->layers->push_back(dense);
                break;
            }
            case GS_LAYER_CONV2D: {
                check_positive(layer.inputs, "inputs", i);
                check_positive(layer.outputs, "outputs", i);
                check_positive(layer.kernel, "kernel", i);
                if (layer.padding < 0) {
                    throw invalid_argument("layer " + std::to_string(i) + ": padding must not be negative");
                }
                torch::nn::Conv2d conv(
                    torch::nn::Conv2dOptions(layer.inputs, layer.outputs, layer.kernel).padding(layer.padding));
                initialize(conv->weight, conv->bias, initializer, generator);
                network->layers->push_back(conv);
                break;
            }
            case GS_LAYER_BATCHNORM1D:
                check_positive(layer.inputs, "inputs", i);
                network->layers->push_back(torch::nn::BatchNorm1d(layer.inputs));
                network->has_batch_norm = true;
                break;
            case GS_LAYER_BATCHNORM2D:
                check_positive(layer.inputs, "inputs", i);
                network->layers->push_back(torch::nn::BatchNorm2d(layer.inputs));
                network->has_batch_norm = true;
                break;
            case GS_LAYER_ACTIVATION:
                if (!known_activation(layer.activation)) {
                    throw invalid_argument("layer " + std::to_string(i) + ": unknown activation " +
                                           std::to_string(layer.activation));
                }
                network->layers->push_back(Activation(layer.activation, layer.value));
                break;
            case GS_LAYER_DROPOUT:
                if (!(layer.value >= 0.0 && layer.value < 1.0)) {
                    throw invalid_argument("layer " + std::to_string(i) + ": dropout rate must lie in [0, 1)");
                }
                network->layers->push_back(SeededDropout(layer.value, network->random));
                break;
            case GS_LAYER_MAXPOOL2:
                network->layers->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
                break;
            case GS_LAYER_MAXPOOL2_SAME:
                // ceil_mode pools the last odd row and column alone: Keras' "same" for a 2x2, stride-2 pool.
                network->layers->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2).ceil_mode(true)));
                break;
            case GS_LAYER_FLATTEN:
                network->layers->push_back(torch::nn::Flatten());
                break;
            default:
                throw invalid_argument("layer " + std::to_string(i) + ": unknown kind " + std::to_string(layer.kind));
        }
    }
    network->layers->to(network->device);
    return network;
}

}  // namespace

}  // namespace gs

extern "C" {

gs_status gs_model_create(const gs_layer* layers, int32_t layer_count, int32_t initializer, int64_t seed,
                          const char* device, gs_model** out) {
    GS_TRY
    gs::require(layers, "layers");
    gs::require(out, "out");
    auto model = std::make_unique<gs_model>();
    model->network = gs::build(layers, layer_count, initializer, seed, device);
    *out = model.release();
    GS_CATCH
}

gs_status gs_model_parameter_count(const gs_model* model, int64_t* count) {
    GS_TRY
    int64_t total = 0;
    for (const auto& parameter : gs::require(model, "model")->network->layers->parameters()) {
        total += parameter.numel();
    }
    *gs::require(count, "count") = total;
    GS_CATCH
}

gs_status gs_model_destroy(gs_model* model) {
    GS_TRY
    delete model;
    GS_CATCH
}

}  // extern "C"
