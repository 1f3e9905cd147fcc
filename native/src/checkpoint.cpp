// A trainer's whole training state as bytes, so that a trial interrupted between epochs resumes on
// another process exactly where it stopped: weights and buffers, the optimizer's state (moments,
// step counts, options), the trial's random generator, and the early-stopping snapshot.
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "status.h"
#include "trainer.h"

namespace {

// Raised when the layout below changes; a checkpoint of another version is refused, not misread.
constexpr int64_t format_version = 1;

void write_tensors(torch::serialize::OutputArchive& archive, const std::vector<torch::Tensor>& tensors) {
    archive.write("count", c10::IValue(static_cast<int64_t>(tensors.size())));
    for (size_t i = 0; i < tensors.size(); i++) {
        archive.write(std::to_string(i), tensors[i].detach(), /*is_buffer=*/true);
    }
}

std::vector<torch::Tensor> read_tensors(torch::serialize::InputArchive& archive) {
    c10::IValue count;
    archive.read("count", count);
    std::vector<torch::Tensor> tensors(static_cast<size_t>(count.toInt()));
    for (size_t i = 0; i < tensors.size(); i++) {
        archive.read(std::to_string(i), tensors[i], /*is_buffer=*/true);
    }
    return tensors;
}

void check_shapes(const std::vector<torch::Tensor>& targets, const std::vector<torch::Tensor>& saved) {
    if (targets.size() != saved.size()) {
        throw gs::invalid_argument("the checkpoint holds " + std::to_string(saved.size()) + " tensors, the model " +
                                   std::to_string(targets.size()) + ": it belongs to another architecture");
    }
    for (size_t i = 0; i < targets.size(); i++) {
        if (!targets[i].sizes().equals(saved[i].sizes())) {
            throw gs::invalid_argument("checkpoint tensor " + std::to_string(i) + " has another shape than the model's");
        }
    }
}

}  // namespace

extern "C" {

gs_status gs_trainer_save_checkpoint(gs_trainer* trainer, uint8_t** data, int64_t* size) {
    GS_TRY
    gs::require(trainer, "trainer");
    gs::require(data, "data");
    gs::require(size, "size");
    *data = nullptr;
    *size = 0;
    auto& network = *trainer->network;
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(format_version));

    torch::serialize::OutputArchive model;
    write_tensors(model, gs::state_tensors(network));
    archive.write("model", model);

    torch::serialize::OutputArchive optimizer;
    trainer->optimizer->save(optimizer);
    archive.write("optimizer", optimizer);

    torch::serialize::OutputArchive snapshot;
    write_tensors(snapshot, trainer->snapshot);
    archive.write("snapshot", snapshot);

    {
        auto& generator = network.random->cpu;
        std::lock_guard<std::mutex> lock(generator.mutex());
        archive.write("generator", generator.get_state(), /*is_buffer=*/true);
    }

    std::ostringstream stream;
    archive.save_to(stream);
    const auto bytes = stream.str();
    auto* copy = static_cast<uint8_t*>(std::malloc(bytes.size()));
    if (copy == nullptr) {
        throw std::bad_alloc();
    }
    std::memcpy(copy, bytes.data(), bytes.size());
    *data = copy;
    *size = static_cast<int64_t>(bytes.size());
    GS_CATCH
}

gs_status gs_trainer_load_checkpoint(gs_trainer* trainer, const uint8_t* data, int64_t size) {
    GS_TRY
    gs::require(trainer, "trainer");
    gs::require(data, "data");
    if (size < 1) {
        throw gs::invalid_argument("a checkpoint cannot be empty");
    }
    auto& network = *trainer->network;
    torch::serialize::InputArchive archive;
    // Onto the model's device, where the optimizer's state must live.
    archive.load_from(reinterpret_cast<const char*>(data), static_cast<size_t>(size), network.device);
    c10::IValue version;
    archive.read("format", version);
    if (version.toInt() != format_version) {
        throw gs::invalid_argument("checkpoint format " + std::to_string(version.toInt()) + " is not this bridge's (" +
                                   std::to_string(format_version) + ")");
    }

    // Everything is read and checked before anything changes, so a checkpoint of another
    // architecture leaves the trainer as it was (the optimizer's own load checks its groups).
    auto live = gs::state_tensors(network);
    torch::serialize::InputArchive model;
    archive.read("model", model);
    const auto weights = read_tensors(model);
    check_shapes(live, weights);
    torch::serialize::InputArchive snapshot;
    archive.read("snapshot", snapshot);
    auto best = read_tensors(snapshot);
    if (!best.empty()) {
        check_shapes(live, best);
    }
    torch::Tensor state;
    archive.read("generator", state, /*is_buffer=*/true);
    torch::serialize::InputArchive optimizer;
    archive.read("optimizer", optimizer);

    trainer->optimizer->load(optimizer);
    {
        // Copied into the live tensors: the optimizer holds these very tensors.
        torch::NoGradGuard no_grad;
        for (size_t i = 0; i < live.size(); i++) {
            live[i].copy_(weights[i]);
        }
    }
    trainer->snapshot = std::move(best);
    auto& generator = network.random->cpu;
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state.to(torch::kCPU));
    GS_CATCH
}

void gs_checkpoint_free(uint8_t* data) { std::free(data); }

}  // extern "C"
