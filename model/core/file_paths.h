// Small path and file facts every reader needs, without std::filesystem's exceptions.
#pragma once

#include <string>

namespace sevila {

bool isRegularFile(const std::string& path);
bool isDirectory(const std::string& path);
// The folder part of a path: "a/b.pth" -> "a", "b.pth" -> ".", "/b" -> "/".
std::string directoryOf(const std::string& path);
// strerror(errno), for messages.
std::string errnoText();

}  // namespace sevila
