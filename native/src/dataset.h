#pragma once

#include "pch.h"

// Images (N x C x H x W, float) and labels (N, int64) on the CPU, or a view of some of their rows.
// Views share the tensors, so a trial's train/validation subsets cost only their index lists.
struct gs_dataset {
    torch::Tensor images;
    torch::Tensor labels;
    // Rows of images/labels this dataset consists of; undefined means all rows in order.
    torch::Tensor rows;

    int64_t count() const { return rows.defined() ? rows.size(0) : images.size(0); }

    // Rows of images/labels for positions 0..count()-1 of this dataset.
    torch::Tensor rows_at(const torch::Tensor& positions) const {
        return rows.defined() ? rows.index_select(0, positions) : positions;
    }
};
