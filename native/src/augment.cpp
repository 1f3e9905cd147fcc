#include "augment.h"

#include <cmath>

namespace gs {

namespace F = torch::nn::functional;

torch::Tensor augment(const torch::Tensor& images, int32_t max_shift, double max_rotation_degrees,
                      at::Generator& generator) {
    const auto n = images.size(0);
    const auto height = images.size(2);
    const auto width = images.size(3);
    const auto options = torch::TensorOptions().dtype(torch::kFloat);
    auto shifts = torch::randint(-max_shift, max_shift + 1, {n, 2}, generator, options);
    auto angles = torch::zeros({n}, options);
    if (max_rotation_degrees > 0.0) {
        const double max_radians = max_rotation_degrees * M_PI / 180.0;
        angles = (torch::rand({n}, generator, options) * 2.0 - 1.0) * max_radians;
    }
    // affine_grid works in [-1, 1] coordinates, where one pixel is 2/size wide; with
    // align_corners=false a whole-pixel shift samples exact pixel centres.
    auto dx = shifts.select(1, 0) * (2.0 / static_cast<double>(width));
    auto dy = shifts.select(1, 1) * (2.0 / static_cast<double>(height));
    auto cos = angles.cos();
    auto sin = angles.sin();
    auto theta = torch::stack({torch::stack({cos, -sin, dx}, 1), torch::stack({sin, cos, dy}, 1)}, 1)
                     .to(images.device());
    auto grid = F::affine_grid(theta, images.sizes(), /*align_corners=*/false);
    return F::grid_sample(images, grid,
                          F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
}

}  // namespace gs
