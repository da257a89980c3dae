// Device and precision choice for the model core: "cpu", "cuda", "cuda:N"; "f32", "bf16", "f16".
#pragma once

#include <string>

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

namespace sevila::nn {

// Parses "cpu", "cuda" or "cuda:N"; throws sevila::Error naming the text when it is neither or
// when CUDA is asked for and this LibTorch has none.
c10::Device parseDevice(const std::string& text);
// Parses "f32", "bf16", "f16".
c10::ScalarType parseDtype(const std::string& text);
std::string dtypeName(c10::ScalarType type);
bool cudaAvailable();
// Sets LibTorch's intra-op threads: `requested` when > 0, else the number of cores. Returns the count.
int configureThreads(int requested = 0);
// One OpenBLAS thread, when the pthread OpenBLAS is the BLAS in use (else nothing). For networks as narrow
// as the demo model's: OpenBLAS's own threads spin while LibTorch's wait on such small products, 3.5x
// slower training on 2 cores (docs/training.md). Real-size models want OpenBLAS's threads: not for them.
void singleThreadedBlas();

}  // namespace sevila::nn
