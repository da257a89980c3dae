// SHA-256 (FIPS 180-4) of bytes and files, for checkpoint provenance: the same hex digest `sha256sum`
// prints, so a user can check which weights produced a result.
#pragma once

#include <string>
#include <string_view>

namespace sevila {

std::string sha256Hex(std::string_view bytes);
// Streams the file; throws sevila::Error(path, reason) when it cannot be read.
std::string sha256File(const std::string& path);

}  // namespace sevila
