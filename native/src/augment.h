#pragma once

#include "pch.h"

namespace gs {

// Each image of the batch shifted by a whole number of pixels in [-max_shift, max_shift] on both
// axes and rotated by an angle in [-max_rotation_degrees, max_rotation_degrees]; uncovered pixels
// become 0. Every draw comes from the given generator.
torch::Tensor augment(const torch::Tensor& images, int32_t max_shift, double max_rotation_degrees,
                      at::Generator& generator);

}  // namespace gs
