#include <dlfcn.h>

#include <ATen/Version.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "pch.h"
#include "status.h"

namespace {

thread_local std::string last_error;

// OpenBLAS keeps its own thread pool next to libtorch's OpenMP one; both must be set or they
// oversubscribe the cores. Looked up at run time so the bridge still loads over another BLAS.
using openblas_set_fn = void (*)(int);
using openblas_get_fn = int (*)();

void* find_blas_symbol(const char* name) {
    if (void* symbol = dlsym(RTLD_DEFAULT, name)) {
        return symbol;
    }
    // libtorch's BLAS is usually loaded without RTLD_GLOBAL; look inside the libraries themselves.
    for (const char* library : {"libopenblas.so.0", "libblas.so.3", "libopenblas.so"}) {
        if (void* handle = dlopen(library, RTLD_LAZY | RTLD_NOLOAD)) {
            void* symbol = dlsym(handle, name);
            dlclose(handle);
            if (symbol != nullptr) {
                return symbol;
            }
        }
    }
    return nullptr;
}

// Resolved on first use and kept: the trainer sets the threads before every epoch.
openblas_set_fn openblas_set() {
    static const auto function = reinterpret_cast<openblas_set_fn>(find_blas_symbol("openblas_set_num_threads"));
    return function;
}

openblas_get_fn openblas_get() {
    static const auto function = reinterpret_cast<openblas_get_fn>(find_blas_symbol("openblas_get_num_threads"));
    return function;
}

using openblas_text_fn = char* (*)();

// What OpenBLAS says of itself: its version and build, and the kernel set it picked for this CPU (it
// chooses at load time, so two machines running the same library may multiply with different kernels).
std::string openblas_library() {
    const auto config = reinterpret_cast<openblas_text_fn>(find_blas_symbol("openblas_get_config"));
    const auto core = reinterpret_cast<openblas_text_fn>(find_blas_symbol("openblas_get_corename"));
    const char* build = config != nullptr ? config() : nullptr;
    const char* kernels = core != nullptr ? core() : nullptr;
    std::string text = build != nullptr ? build : "";
    if (kernels != nullptr) {
        text += (text.empty() ? "core " : ", core ") + std::string(kernels);
    }
    return text;
}

// The value after `key` in at::show_config()'s text, up to the first of `ends` (or the line's end).
std::string config_value(const std::string& config, const std::string& key, const char* ends) {
    const auto start = config.find(key);
    if (start == std::string::npos) {
        return "";
    }
    const auto from = start + key.size();
    const auto end = config.find_first_of(ends, from);
    auto value = config.substr(from, end == std::string::npos ? std::string::npos : end - from);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) {
        value.pop_back();
    }
    return value;
}

// One "key=value" line per fact, values free of newlines; the caller splits at the first '='.
std::string describe() {
    const auto config = at::show_config();
    auto version = config_value(config, "TORCH_VERSION=", ",\n");
    if (version.empty()) {
        version = TORCH_VERSION;
    }
    std::ostringstream text;
    text << "torch_version=" << version << "\n"
         << "cpu_capability=" << config_value(config, "CPU capability usage: ", "\n") << "\n"
         << "blas_info=" << config_value(config, "BLAS_INFO=", ",\n") << "\n"
         << "lapack_info=" << config_value(config, "LAPACK_INFO=", ",\n") << "\n"
         << "blas_library=" << openblas_library() << "\n";
    return text.str();
}

}  // namespace

gs_status gs::fail(gs_status status, const char* message) {
    try {
        last_error = message != nullptr ? message : "";
    } catch (...) {
        // Out of memory while keeping the message: the status code still tells the caller.
    }
    return status;
}

extern "C" {

char* gs_last_error(void) {
    if (last_error.empty()) {
        return nullptr;
    }
    return strdup(last_error.c_str());
}

void gs_error_free(char* message) { std::free(message); }

gs_status gs_runtime_set_threads(int32_t threads) {
    GS_TRY
    if (threads < 1) {
        throw gs::invalid_argument("threads must be at least 1, got " + std::to_string(threads));
    }
    // OpenMP keeps the count per calling thread: the caller sets it on the thread that trains.
    torch::set_num_threads(threads);
    if (auto set = openblas_set()) {
        set(threads);
    }
    GS_CATCH
}

gs_status gs_runtime_get_threads(int32_t* torch_threads, int32_t* blas_threads) {
    GS_TRY
    *gs::require(torch_threads, "torch_threads") = torch::get_num_threads();
    const auto get = openblas_get();
    *gs::require(blas_threads, "blas_threads") = get != nullptr ? get() : 0;
    GS_CATCH
}

gs_status gs_runtime_describe(char* buffer, int64_t capacity, int64_t* length) {
    GS_TRY
    gs::require(length, "length");
    if (capacity < 0 || (capacity > 0 && buffer == nullptr)) {
        throw gs::invalid_argument("buffer must hold capacity bytes, got capacity " + std::to_string(capacity));
    }
    // Computed once: the build and the BLAS loaded do not change while the process runs.
    static const std::string text = describe();
    *length = static_cast<int64_t>(text.size());
    if (capacity > *length) {
        std::memcpy(buffer, text.c_str(), text.size() + 1);
    }
    GS_CATCH
}

gs_status gs_runtime_cuda_available(int32_t* available) {
    GS_TRY
    *gs::require(available, "available") = torch::cuda::is_available() ? 1 : 0;
    GS_CATCH
}

}  // extern "C"
