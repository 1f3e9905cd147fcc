#include "dataset.h"

#include "status.h"

extern "C" {

gs_status gs_dataset_create(const uint8_t* pixels, const uint8_t* labels, int64_t count, int32_t channels,
                            int32_t height, int32_t width, float scale, gs_dataset** out) {
    GS_TRY
    gs::require(pixels, "pixels");
    gs::require(labels, "labels");
    gs::require(out, "out");
    if (count < 1 || channels < 1 || height < 1 || width < 1) {
        throw gs::invalid_argument("a dataset needs at least one image of at least 1x1x1 pixels");
    }
    // from_blob borrows the caller's memory; the conversions below copy it into tensors we own.
    auto bytes = torch::from_blob(const_cast<uint8_t*>(pixels), {count, channels, height, width}, torch::kUInt8);
    auto classes = torch::from_blob(const_cast<uint8_t*>(labels), {count}, torch::kUInt8);
    auto dataset = std::make_unique<gs_dataset>();
    dataset->images = bytes.to(torch::kFloat).mul_(scale);
    dataset->labels = classes.to(torch::kLong);
    *out = dataset.release();
    GS_CATCH
}

gs_status gs_dataset_subset(const gs_dataset* parent, const int64_t* indices, int64_t count, gs_dataset** out) {
    GS_TRY
    gs::require(parent, "parent");
    gs::require(indices, "indices");
    gs::require(out, "out");
    if (count < 1) {
        throw gs::invalid_argument("a subset needs at least one index");
    }
    auto positions = torch::from_blob(const_cast<int64_t*>(indices), {count}, torch::kLong).clone();
    const auto size = parent->count();
    if (positions.min().item<int64_t>() < 0 || positions.max().item<int64_t>() >= size) {
        throw gs::invalid_argument("subset indices must lie in [0, " + std::to_string(size) + ")");
    }
    auto dataset = std::make_unique<gs_dataset>();
    dataset->images = parent->images;
    dataset->labels = parent->labels;
    dataset->rows = parent->rows_at(positions);
    *out = dataset.release();
    GS_CATCH
}

gs_status gs_dataset_count(const gs_dataset* dataset, int64_t* count) {
    GS_TRY
    *gs::require(count, "count") = gs::require(dataset, "dataset")->count();
    GS_CATCH
}

gs_status gs_dataset_destroy(gs_dataset* dataset) {
    GS_TRY
    delete dataset;
    GS_CATCH
}

}  // extern "C"
