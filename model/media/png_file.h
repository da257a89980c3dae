// PNG files of RgbImage (OpenCV imgcodecs underneath): the CLI's frame dumps, the tests' fixtures and
// the frames a client uploads to a server.
#pragma once

#include <string>

#include "media/rgb_image.h"

namespace sevila::media {

// Throws sevila::Error naming the file when it cannot be written.
void writePng(const RgbImage& image, const std::string& path);
// Throws sevila::Error naming the file when it is missing or not an image.
RgbImage readPng(const std::string& path);
// The PNG file's bytes, in memory (lossless: what a server decodes is what was sent).
std::string encodePng(const RgbImage& image);

}  // namespace sevila::media
