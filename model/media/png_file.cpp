#include "media/png_file.h"

#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace sevila::media {

void writePng(const RgbImage& image, const std::string& path) {
  if (image.empty()) throw Error(path, "no picture to write");
  cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.row(0)),
              static_cast<std::size_t>(image.stride));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  bool ok = false;
  try {
    ok = cv::imwrite(path, bgr);
  } catch (const cv::Exception& e) {
    throw Error(path, std::string("cannot write the PNG: ") + e.what());
  }
  if (!ok) throw Error(path, "cannot write the PNG", "check that the folder exists and is writable");
}

std::string encodePng(const RgbImage& image) {
  if (image.empty()) throw Error("picture", "no picture to encode");
  cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.row(0)),
              static_cast<std::size_t>(image.stride));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  std::vector<uint8_t> bytes;
  if (!cv::imencode(".png", bgr, bytes)) throw Error("picture", "cannot encode it as PNG");
  return std::string(bytes.begin(), bytes.end());
}

RgbImage readPng(const std::string& path) {
  cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
  if (bgr.empty()) throw Error(path, "cannot read it as an image");
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  RgbImage image = RgbImage::allocate(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(image.row(y), rgb.ptr(y), static_cast<std::size_t>(3) * rgb.cols);
  return image;
}

}  // namespace sevila::media
