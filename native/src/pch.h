// Precompiled: libtorch's headers dominate the build time of every source file.
#pragma once

#include <torch/torch.h>
