// Turns C++ exceptions into gs_status codes plus a thread-local message, so that nothing thrown
// inside libtorch unwinds into the caller (as TorchSharp's CATCH macro does).
#pragma once

#include <stdexcept>
#include <string>

#include "gridsearch_native.h"

namespace gs {

gs_status fail(gs_status status, const char* message);

// Thrown by the bridge itself for bad arguments; reported as GS_INVALID_ARGUMENT.
struct invalid_argument : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

template <typename T>
T* require(T* pointer, const char* name) {
    if (pointer == nullptr) {
        throw invalid_argument(std::string(name) + " must not be null");
    }
    return pointer;
}

}  // namespace gs

#define GS_TRY try {
#define GS_CATCH                                                                     \
    }                                                                                \
    catch (const c10::Error& e) {                                                    \
        return gs::fail(GS_TORCH_ERROR, e.what_without_backtrace());                 \
    }                                                                                \
    catch (const std::invalid_argument& e) {                                         \
        return gs::fail(GS_INVALID_ARGUMENT, e.what());                              \
    }                                                                                \
    catch (const std::bad_alloc&) {                                                  \
        return gs::fail(GS_OUT_OF_MEMORY, "out of memory");                          \
    }                                                                                \
    catch (const std::exception& e) {                                                \
        return gs::fail(GS_ERROR, e.what());                                         \
    }                                                                                \
    catch (...) {                                                                    \
        return gs::fail(GS_ERROR, "unknown native error");                           \
    }                                                                                \
    return GS_OK;
