// Precompiled header for translation units that use LibTorch (cuts a torch file from ~26 s to ~6 s).
#pragma once
#include <torch/torch.h>
