#include <algorithm>
#include <vector>

#include "augment.h"
#include "dataset.h"
#include "status.h"
#include "trainer.h"

std::vector<torch::Tensor> gs::state_tensors(gs::Network& network) {
    auto tensors = network.layers->parameters();
    auto buffers = network.layers->buffers();
    tensors.insert(tensors.end(), buffers.begin(), buffers.end());
    return tensors;
}

namespace {

namespace F = torch::nn::functional;

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const std::vector<torch::Tensor>& parameters,
                                                        const gs_optimizer_spec& spec) {
    if (!(spec.learning_rate > 0.0) || spec.weight_decay < 0.0 || spec.momentum < 0.0) {
        throw gs::invalid_argument("the learning rate must be positive, weight decay and momentum not negative");
    }
    switch (spec.kind) {
        case GS_OPTIMIZER_SGD:
            return std::make_unique<torch::optim::SGD>(parameters, torch::optim::SGDOptions(spec.learning_rate)
                                                                       .momentum(spec.momentum)
                                                                       .nesterov(spec.nesterov != 0)
                                                                       .weight_decay(spec.weight_decay));
        case GS_OPTIMIZER_ADAM:
            return std::make_unique<torch::optim::Adam>(
                parameters,
                torch::optim::AdamOptions(spec.learning_rate).amsgrad(spec.amsgrad != 0).weight_decay(spec.weight_decay));
        case GS_OPTIMIZER_ADAMW:
            return std::make_unique<torch::optim::AdamW>(
                parameters,
                torch::optim::AdamWOptions(spec.learning_rate).amsgrad(spec.amsgrad != 0).weight_decay(spec.weight_decay));
        case GS_OPTIMIZER_RMSPROP:
            return std::make_unique<torch::optim::RMSprop>(
                parameters,
                torch::optim::RMSpropOptions(spec.learning_rate).momentum(spec.momentum).weight_decay(spec.weight_decay));
        case GS_OPTIMIZER_ADAGRAD:
            return std::make_unique<torch::optim::Adagrad>(
                parameters, torch::optim::AdagradOptions(spec.learning_rate).weight_decay(spec.weight_decay));
        default:
            throw gs::invalid_argument("unknown optimizer " + std::to_string(spec.kind));
    }
}

void check_batch_size(int32_t batch_size) {
    if (batch_size < 1) {
        throw gs::invalid_argument("batch size must be positive, got " + std::to_string(batch_size));
    }
}

}  // namespace

extern "C" {

gs_status gs_trainer_create(gs_model* model, const gs_optimizer_spec* optimizer, gs_trainer** out) {
    GS_TRY
    gs::require(model, "model");
    gs::require(optimizer, "optimizer");
    gs::require(out, "out");
    auto trainer = std::make_unique<gs_trainer>();
    trainer->network = model->network;
    trainer->optimizer = make_optimizer(trainer->network->layers->parameters(), *optimizer);
    *out = trainer.release();
    GS_CATCH
}

gs_status gs_trainer_set_learning_rate(gs_trainer* trainer, double learning_rate) {
    GS_TRY
    gs::require(trainer, "trainer");
    if (!(learning_rate > 0.0)) {
        throw gs::invalid_argument("the learning rate must be positive");
    }
    for (auto& group : trainer->optimizer->param_groups()) {
        group.options().set_lr(learning_rate);
    }
    GS_CATCH
}

gs_status gs_trainer_train_epoch(gs_trainer* trainer, const gs_dataset* dataset, int32_t batch_size,
                                 int32_t max_shift, double max_rotation_degrees, double* loss, double* accuracy) {
    GS_TRY
    gs::require(trainer, "trainer");
    gs::require(dataset, "dataset");
    gs::require(loss, "loss");
    gs::require(accuracy, "accuracy");
    check_batch_size(batch_size);
    if (max_shift < 0 || max_rotation_degrees < 0.0) {
        throw gs::invalid_argument("augmentation limits must not be negative");
    }
    auto& network = *trainer->network;
    auto& generator = network.random->cpu;
    auto& optimizer = *trainer->optimizer;
    const bool augmenting = max_shift > 0 || max_rotation_degrees > 0.0;
    network.layers->train();

    const auto count = dataset->count();
    const auto order = dataset->rows_at(torch::randperm(count, generator, torch::kLong));
    // Summed on the device so that no batch waits for a device-to-host copy.
    auto loss_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(network.device));
    auto correct = torch::zeros({}, torch::TensorOptions().dtype(torch::kLong).device(network.device));
    int64_t seen = 0;
    for (int64_t start = 0; start < count; start += batch_size) {
        const auto size = std::min<int64_t>(batch_size, count - start);
        if (size == 1 && seen > 0 && network.has_batch_norm) {
            break;  // batch norm cannot train on one sample; it is left out of this epoch
        }
        const auto rows = order.slice(0, start, start + size);
        auto images = dataset->images.index_select(0, rows);
        if (augmenting) {
            images = gs::augment(images, max_shift, max_rotation_degrees, generator);
        }
        images = images.to(network.device);
        const auto labels = dataset->labels.index_select(0, rows).to(network.device);

        optimizer.zero_grad();
        const auto logits = network.layers->forward(images);
        const auto batch_loss = F::cross_entropy(logits, labels);
        batch_loss.backward();
        optimizer.step();

        loss_sum.add_(batch_loss.detach(), static_cast<double>(size));
        correct.add_(logits.detach().argmax(1).eq(labels).sum());
        seen += size;
    }
    *loss = loss_sum.item<double>() / static_cast<double>(seen);
    *accuracy = static_cast<double>(correct.item<int64_t>()) / static_cast<double>(seen);
    GS_CATCH
}

gs_status gs_trainer_evaluate(gs_trainer* trainer, const gs_dataset* dataset, int32_t batch_size, double* loss,
                              double* accuracy, int64_t* confusion, int32_t classes) {
    GS_TRY
    gs::require(trainer, "trainer");
    gs::require(dataset, "dataset");
    gs::require(loss, "loss");
    gs::require(accuracy, "accuracy");
    check_batch_size(batch_size);
    if (classes < 0) {
        throw gs::invalid_argument("classes must not be negative");
    }
    // Callers that want no matrix pass NULL or 0 classes (an empty managed buffer may not be NULL).
    const bool with_confusion = confusion != nullptr && classes > 0;
    auto& network = *trainer->network;
    torch::NoGradGuard no_grad;
    network.layers->eval();

    const auto count = dataset->count();
    const auto device_options = torch::TensorOptions().device(network.device);
    auto loss_sum = torch::zeros({}, device_options.dtype(torch::kDouble));
    auto correct = torch::zeros({}, device_options.dtype(torch::kLong));
    torch::Tensor matrix;
    if (with_confusion) {
        matrix = torch::zeros({static_cast<int64_t>(classes) * classes}, device_options.dtype(torch::kLong));
    }
    for (int64_t start = 0; start < count; start += batch_size) {
        const auto size = std::min<int64_t>(batch_size, count - start);
        torch::Tensor images;
        torch::Tensor labels;
        if (dataset->rows.defined()) {
            const auto rows = dataset->rows.slice(0, start, start + size);
            images = dataset->images.index_select(0, rows);
            labels = dataset->labels.index_select(0, rows);
        } else {
            images = dataset->images.narrow(0, start, size);
            labels = dataset->labels.narrow(0, start, size);
        }
        images = images.to(network.device);
        labels = labels.to(network.device);
        const auto logits = network.layers->forward(images);
        loss_sum.add_(F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kSum)));
        const auto predicted = logits.argmax(1);
        correct.add_(predicted.eq(labels).sum());
        if (with_confusion) {
            if (logits.size(1) != classes) {
                throw gs::invalid_argument("the model has " + std::to_string(logits.size(1)) +
                                           " outputs, the confusion matrix " + std::to_string(classes) + " classes");
            }
            matrix.add_(torch::bincount(labels * classes + predicted, {}, static_cast<int64_t>(classes) * classes));
        }
    }
    *loss = loss_sum.item<double>() / static_cast<double>(count);
    *accuracy = static_cast<double>(correct.item<int64_t>()) / static_cast<double>(count);
    if (with_confusion) {
        const auto host = matrix.to(torch::kCPU).contiguous();
        std::copy_n(host.data_ptr<int64_t>(), host.numel(), confusion);
    }
    GS_CATCH
}

gs_status gs_trainer_snapshot(gs_trainer* trainer) {
    GS_TRY
    gs::require(trainer, "trainer");
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> copies;
    for (const auto& tensor : gs::state_tensors(*trainer->network)) {
        copies.push_back(tensor.detach().clone());
    }
    trainer->snapshot = std::move(copies);
    GS_CATCH
}

gs_status gs_trainer_restore(gs_trainer* trainer) {
    GS_TRY
    gs::require(trainer, "trainer");
    if (trainer->snapshot.empty()) {
        throw gs::invalid_argument("restore needs an earlier snapshot");
    }
    torch::NoGradGuard no_grad;
    auto tensors = gs::state_tensors(*trainer->network);
    for (size_t i = 0; i < tensors.size(); i++) {
        tensors[i].copy_(trainer->snapshot[i]);
    }
    GS_CATCH
}

gs_status gs_trainer_destroy(gs_trainer* trainer) {
    GS_TRY
    delete trainer;
    GS_CATCH
}

}  // extern "C"
