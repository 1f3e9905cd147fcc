#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

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

gs_status gs_runtime_cuda_available(int32_t* available) {
    GS_TRY
    *gs::require(available, "available") = torch::cuda::is_available() ? 1 : 0;
    GS_CATCH
}

}  // extern "C"
