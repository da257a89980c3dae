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
// OpenBLAS's threads for a network whose widest layer is `width`, when the pthread OpenBLAS is the BLAS in
// use. Below kNarrowWidth (the demo model's 64): one, because OpenBLAS's own threads spin while LibTorch's
// wait on such small products (training 3x slower on 2 cores, docs/training.md). Otherwise as many as
// OpenBLAS started with, which real-size products need. SevilaModel::load calls it. Returns the count set,
// 0 without OpenBLAS.
constexpr int64_t kNarrowWidth = 256;
int fitBlasThreads(int64_t width);
// OpenBLAS's current thread count; 0 without OpenBLAS.
int blasThreads();
// fitBlasThreads(0): one OpenBLAS thread.
void singleThreadedBlas();

}  // namespace sevila::nn
