// The plainest libtorch loop for the engine's workloads: MNIST in memory, a shuffled order per
// epoch, forward, cross-entropy, backward, step. bench/EngineBench times the engine against it.
//
//   native_loop --data DIR --model mlp|cnn [--samples 54000] [--batch 128] [--threads 1] [--epochs 1]
//               [--validation 0] [--eval-batch 1000]
//     --validation N also evaluates, after each epoch and inside its time, the N images after the
//     training rows (no gradients, batches of --eval-batch), as the engine validates every epoch.
//   native_loop ... --serve    reads "epoch" lines on stdin and answers one result line each,
//                              so that a caller can alternate its own epochs with these.
#include <dlfcn.h>
#include <sys/resource.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Options {
    std::string data;
    std::string model = "mlp";
    int64_t samples = 54000;
    int64_t batch = 128;
    int threads = 1;
    int epochs = 1;
    int64_t validation = 0;
    int64_t eval_batch = 1000;
    bool serve = false;
};

uint32_t read_be32(std::ifstream& in) {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
}

std::vector<uint8_t> read_idx(const std::string& path, int64_t* count) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    const auto magic = read_be32(in);
    const auto dims = magic & 0xff;
    int64_t total = 1;
    for (uint32_t d = 0; d < dims; d++) {
        const auto size = read_be32(in);
        if (d == 0) {
            *count = size;
        }
        total *= size;
    }
    std::vector<uint8_t> bytes(total);
    in.read(reinterpret_cast<char*>(bytes.data()), total);
    return bytes;
}

torch::nn::Sequential make_model(const std::string& name) {
    if (name == "mlp") {
        return torch::nn::Sequential(torch::nn::Flatten(), torch::nn::Linear(784, 256), torch::nn::ReLU(),
                                     torch::nn::Linear(256, 256), torch::nn::ReLU(), torch::nn::Linear(256, 10));
    }
    if (name == "cnn") {
        // The Keras MNIST tutorial's network without its dropout: valid 3x3 convolutions.
        return torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 32, 3)), torch::nn::ReLU(),
                                     torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3)), torch::nn::ReLU(),
                                     torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)), torch::nn::Flatten(),
                                     torch::nn::Linear(64 * 12 * 12, 128), torch::nn::ReLU(),
                                     torch::nn::Linear(128, 10));
    }
    throw std::runtime_error("unknown model " + name);
}

// Page faults show memory the allocator hands back to the kernel and takes again every batch.
long minor_faults() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

void set_threads(int threads) {
    torch::set_num_threads(threads);
    using set_fn = void (*)(int);
    if (auto set = reinterpret_cast<set_fn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
        set(threads);
    }
}

Options parse(int argc, char** argv) {
    Options options;
    if (const char* data = std::getenv("GRIDSEARCH_DATA")) {
        options.data = data;
    }
    for (int i = 1; i < argc; i++) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::runtime_error(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--data") options.data = next();
        else if (arg == "--model") options.model = next();
        else if (arg == "--samples") options.samples = std::stoll(next());
        else if (arg == "--batch") options.batch = std::stoll(next());
        else if (arg == "--threads") options.threads = std::stoi(next());
        else if (arg == "--epochs") options.epochs = std::stoi(next());
        else if (arg == "--validation") options.validation = std::stoll(next());
        else if (arg == "--eval-batch") options.eval_batch = std::stoll(next());
        else if (arg == "--serve") options.serve = true;
        else throw std::runtime_error("unknown argument " + arg);
    }
    if (options.data.empty()) {
        throw std::runtime_error("--data DIR (or GRIDSEARCH_DATA) is required");
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = parse(argc, argv);
        set_threads(options.threads);
        torch::manual_seed(1);

        int64_t count = 0;
        auto pixels = read_idx(options.data + "/mnist/train-images-idx3-ubyte", &count);
        auto labels = read_idx(options.data + "/mnist/train-labels-idx1-ubyte", &count);
        const auto n = std::min(options.samples, count);
        const auto images = torch::from_blob(pixels.data(), {count, 1, 28, 28}, torch::kUInt8)
                                .narrow(0, 0, n)
                                .to(torch::kFloat)
                                .div_(255.0);
        const auto targets = torch::from_blob(labels.data(), {count}, torch::kUInt8).narrow(0, 0, n).to(torch::kLong);
        const auto v = std::min(options.validation, count - n);
        const auto val_images = torch::from_blob(pixels.data(), {count, 1, 28, 28}, torch::kUInt8)
                                    .narrow(0, n, v)
                                    .to(torch::kFloat)
                                    .div_(255.0);
        const auto val_targets = torch::from_blob(labels.data(), {count}, torch::kUInt8).narrow(0, n, v).to(torch::kLong);

        auto model = make_model(options.model);
        torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));

        auto epoch = [&]() {
            const auto start = std::chrono::steady_clock::now();
            const auto cpu_start = std::clock();
            const auto faults_start = minor_faults();
            model->train();
            const auto order = torch::randperm(n, torch::kLong);
            double loss_sum = 0;
            int64_t correct = 0;
            for (int64_t first = 0; first < n; first += options.batch) {
                const auto rows = order.slice(0, first, std::min(first + options.batch, n));
                const auto x = images.index_select(0, rows);
                const auto y = targets.index_select(0, rows);
                optimizer.zero_grad();
                const auto logits = model->forward(x);
                const auto loss = torch::nn::functional::cross_entropy(logits, y);
                loss.backward();
                optimizer.step();
                loss_sum += loss.item<double>() * static_cast<double>(rows.size(0));
                correct += logits.argmax(1).eq(y).sum().item<int64_t>();
            }
            const std::chrono::duration<double> train_seconds = std::chrono::steady_clock::now() - start;
            double val_loss = 0;
            int64_t val_correct = 0;
            if (v > 0) {
                torch::NoGradGuard no_grad;
                model->eval();
                for (int64_t first = 0; first < v; first += options.eval_batch) {
                    const auto size = std::min(options.eval_batch, v - first);
                    const auto y = val_targets.narrow(0, first, size);
                    const auto logits = model->forward(val_images.narrow(0, first, size));
                    val_loss += torch::nn::functional::cross_entropy(
                                    logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                                    .item<double>();
                    val_correct += logits.argmax(1).eq(y).sum().item<int64_t>();
                }
            }
            const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
            // Processor time as well: on a shared machine it moves far less than wall time.
            const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
            std::printf("epoch_seconds=%.4f train_seconds=%.4f cpu_seconds=%.4f minor_faults=%ld loss=%.4f accuracy=%.4f "
                        "val_loss=%.4f val_accuracy=%.4f\n",
                        seconds.count(), train_seconds.count(), cpu_seconds, minor_faults() - faults_start, loss_sum / static_cast<double>(n),
                        static_cast<double>(correct) / static_cast<double>(n),
                        v > 0 ? val_loss / static_cast<double>(v) : 0.0,
                        v > 0 ? static_cast<double>(val_correct) / static_cast<double>(v) : 0.0);
            std::fflush(stdout);
        };

        if (options.serve) {
            std::printf("ready samples=%lld\n", static_cast<long long>(n));
            std::fflush(stdout);
            std::string line;
            while (std::getline(std::cin, line)) {
                if (line == "epoch") {
                    epoch();
                } else if (line == "quit") {
                    break;
                }
            }
        } else {
            for (int e = 0; e < options.epochs; e++) {
                epoch();
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "native_loop: %s\n", e.what());
        return 1;
    }
}
