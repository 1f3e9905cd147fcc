/*
 * The C ABI of the GridSearch training bridge over libtorch.
 *
 * Every function returns a gs_status; on anything but GS_OK the calling thread's error message is
 * available from gs_last_error (a malloc'd copy the caller frees with gs_error_free). No C++
 * exception crosses this boundary. Objects are opaque handles with _create/_destroy pairs.
 *
 * The native side runs one epoch or one evaluation per call; every decision between calls
 * (schedule, early stopping, splits, architecture) belongs to the caller.
 */
#ifndef GRIDSEARCH_NATIVE_H
#define GRIDSEARCH_NATIVE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GS_API __attribute__((visibility("default")))

typedef int32_t gs_status;
enum {
    GS_OK = 0,
    /* A C++ exception other than the ones below. */
    GS_ERROR = 1,
    /* A null pointer, a size out of range, an unknown enum value. */
    GS_INVALID_ARGUMENT = 2,
    /* libtorch refused the operation (c10::Error): shape mismatch, unavailable device... */
    GS_TORCH_ERROR = 3,
    GS_OUT_OF_MEMORY = 4,
};

typedef struct gs_dataset gs_dataset;
typedef struct gs_model gs_model;
typedef struct gs_trainer gs_trainer;

enum gs_layer_kind {
    GS_LAYER_DENSE = 1,       /* inputs -> outputs, with bias */
    GS_LAYER_CONV2D = 2,      /* inputs -> outputs channels, kernel x kernel, stride 1, padding per side */
    GS_LAYER_BATCHNORM1D = 3, /* inputs features */
    GS_LAYER_BATCHNORM2D = 4, /* inputs channels */
    GS_LAYER_ACTIVATION = 5,  /* activation; value: negative slope of leaky_relu */
    GS_LAYER_DROPOUT = 6,     /* value: drop probability */
    GS_LAYER_MAXPOOL2 = 7,    /* 2x2, stride 2 */
    GS_LAYER_FLATTEN = 8,
    GS_LAYER_MAXPOOL2_SAME = 9, /* 2x2, stride 2, odd sides rounded up (Keras' padding="same") */
};

enum gs_activation {
    GS_ACTIVATION_RELU = 1,
    GS_ACTIVATION_TANH = 2,
    GS_ACTIVATION_SIGMOID = 3,
    GS_ACTIVATION_ELU = 4,
    GS_ACTIVATION_LEAKY_RELU = 5,
    GS_ACTIVATION_GELU = 6,
    GS_ACTIVATION_SELU = 7,
};

enum gs_initializer {
    GS_INITIALIZER_DEFAULT = 0, /* libtorch's own: U(+-1/sqrt(fan_in)) for weights and biases */
    GS_INITIALIZER_HE_NORMAL = 1,
    GS_INITIALIZER_HE_UNIFORM = 2,
    GS_INITIALIZER_GLOROT_NORMAL = 3,
    GS_INITIALIZER_GLOROT_UNIFORM = 4,
};

enum gs_optimizer_kind {
    GS_OPTIMIZER_SGD = 1,     /* momentum, nesterov */
    GS_OPTIMIZER_ADAM = 2,    /* amsgrad; weight decay added to the gradient (L2) */
    GS_OPTIMIZER_ADAMW = 3,   /* amsgrad; decoupled weight decay */
    GS_OPTIMIZER_RMSPROP = 4, /* momentum */
    GS_OPTIMIZER_ADAGRAD = 5,
};

/* One layer of a sequential network; fields a layer kind does not use are ignored. */
typedef struct gs_layer {
    int32_t kind;
    int32_t inputs;
    int32_t outputs;
    int32_t kernel;
    int32_t padding;
    int32_t activation;
    double value;
} gs_layer;

typedef struct gs_optimizer_spec {
    int32_t kind;
    int32_t nesterov;
    int32_t amsgrad;
    int32_t reserved;
    double learning_rate;
    double weight_decay;
    double momentum;
} gs_optimizer_spec;

/* Errors: the calling thread's message of its last failed call, or NULL; free it with gs_error_free. */
GS_API char* gs_last_error(void);
GS_API void gs_error_free(char* message);

/* Runtime: process-wide settings. */
GS_API gs_status gs_runtime_set_threads(int32_t threads);
GS_API gs_status gs_runtime_get_threads(int32_t* torch_threads, int32_t* blas_threads);
GS_API gs_status gs_runtime_cuda_available(int32_t* available);
/* What only libtorch knows of where it trains: "key=value" lines (torch_version, cpu_capability: the
 * kernels ATen dispatches to, blas_info and lapack_info: the build's, blas_library: the loaded OpenBLAS's
 * config and core, empty for another BLAS). *length is set to the text's length in bytes; the text and a
 * NUL are copied into buffer only when capacity exceeds it, so a call with NULL and 0 asks the size. */
GS_API gs_status gs_runtime_describe(char* buffer, int64_t capacity, int64_t* length);

/* Datasets: images as bytes (count x channels x height x width), stored as float pixel * scale. */
GS_API gs_status gs_dataset_create(const uint8_t* pixels, const uint8_t* labels, int64_t count,
                                   int32_t channels, int32_t height, int32_t width, float scale,
                                   gs_dataset** out);
/* A view of some rows of a dataset, sharing its storage; stays valid after the parent is destroyed. */
GS_API gs_status gs_dataset_subset(const gs_dataset* parent, const int64_t* indices, int64_t count,
                                   gs_dataset** out);
GS_API gs_status gs_dataset_count(const gs_dataset* dataset, int64_t* count);
GS_API gs_status gs_dataset_destroy(gs_dataset* dataset);

/* Models: a sequential network initialised from the trial's own random generator (seed). The
 * generator also drives dropout, shuffling and augmentation of the trainer built on the model.
 * device: "cpu" or "cuda". */
GS_API gs_status gs_model_create(const gs_layer* layers, int32_t layer_count, int32_t initializer,
                                 int64_t seed, const char* device, gs_model** out);
GS_API gs_status gs_model_parameter_count(const gs_model* model, int64_t* count);
GS_API gs_status gs_model_destroy(gs_model* model);

/* Model state: the weights and batch-norm running statistics as float32, in PyTorch's state_dict
 * order for a Sequential (layer by layer: weight, bias, then running_mean, running_var; no
 * num_batches_tracked). size gives the count of floats; copy fills exactly that many. */
GS_API gs_status gs_model_state_size(const gs_model* model, int64_t* floats);
GS_API gs_status gs_model_state_copy(const gs_model* model, float* out, int64_t capacity);

/* Trainers: a model with its optimizer; softmax cross-entropy loss. Keeps the model alive. */
GS_API gs_status gs_trainer_create(gs_model* model, const gs_optimizer_spec* optimizer, gs_trainer** out);
GS_API gs_status gs_trainer_set_learning_rate(gs_trainer* trainer, double learning_rate);
/* One epoch over the dataset in a fresh shuffled order, in batches; each batch shifted by up to
 * max_shift pixels and rotated by up to max_rotation_degrees (0 and 0: no augmentation). Loss and
 * accuracy are the means over the epoch's samples, taken in training mode. */
GS_API gs_status gs_trainer_train_epoch(gs_trainer* trainer, const gs_dataset* dataset, int32_t batch_size,
                                        int32_t max_shift, double max_rotation_degrees,
                                        double* loss, double* accuracy);
/* Mean loss and accuracy in evaluation mode; confusion (classes x classes, rows true, columns
 * predicted) is filled when not NULL and classes > 0. */
GS_API gs_status gs_trainer_evaluate(gs_trainer* trainer, const gs_dataset* dataset, int32_t batch_size,
                                     double* loss, double* accuracy, int64_t* confusion, int32_t classes);
/* Keeps a copy of the model's weights and buffers; restore puts the last copy back. */
GS_API gs_status gs_trainer_snapshot(gs_trainer* trainer);
GS_API gs_status gs_trainer_restore(gs_trainer* trainer);
GS_API gs_status gs_trainer_destroy(gs_trainer* trainer);

/* Checkpoints: the trainer's whole state between epochs (weights and buffers, the optimizer's state,
 * the trial's random generator, the snapshot) as bytes, so that training resumed from them on a
 * fresh trainer of the same model and optimizer continues exactly as if it had never stopped (on
 * CPU; on CUDA dropout draws from the device's generator, which is not saved). save: *data is a
 * malloc'd copy of *size bytes, freed with gs_checkpoint_free. load: refuses a checkpoint of
 * another format or architecture before changing anything. */
GS_API gs_status gs_trainer_save_checkpoint(gs_trainer* trainer, uint8_t** data, int64_t* size);
GS_API gs_status gs_trainer_load_checkpoint(gs_trainer* trainer, const uint8_t* data, int64_t size);
GS_API void gs_checkpoint_free(uint8_t* data);

#ifdef __cplusplus
}
#endif

#endif
