#include "serve/video_roots.h"

#include <cctype>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace sevila::serve {
namespace fs = std::filesystem;
namespace {

bool validName(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// realpath(3): symbolic links resolved; empty when the file does not exist.
std::string realPath(const std::string& path) {
  char resolved[PATH_MAX];
  return ::realpath(path.c_str(), resolved) ? std::string(resolved) : std::string();
}

}  // namespace

VideoRoots::VideoRoots(const std::vector<std::string>& roots) {
  for (const std::string& spec : roots) {
    const size_t eq = spec.find('=');
    const std::string dir = eq == std::string::npos ? spec : spec.substr(eq + 1);
    const std::string real = realPath(dir);
    if (real.empty() || !fs::is_directory(real)) throw Error(dir, "is not a folder (--video-root)");
    const std::string name =
        eq == std::string::npos ? fs::path(real).filename().string() : spec.substr(0, eq);
    if (!validName(name))
      throw Error(spec, "a root's name may hold only letters, digits, '-', '_' and '.'", "use NAME=DIR");
    for (const auto& [other, folder] : m_roots)
      if (other == name) throw Error(spec, "two video roots are named '" + name + "'", "use NAME=DIR");
    m_roots.emplace_back(name, real);
  }
}

std::string VideoRoots::inside(const std::string& path) const {
  const std::string real = realPath(path);
  if (real.empty()) throw PathRefused{"no such file"};
  for (const auto& [name, folder] : m_roots)
    if (real.compare(0, folder.size() + 1, folder + "/") == 0) return real;
  throw PathRefused{"the file lies outside every video root"};
}

std::string VideoRoots::resolve(const std::string& clientPath) const {
  return resolveAny(clientPath, false);
}

std::string VideoRoots::resolveFolder(const std::string& clientPath) const {
  return resolveAny(clientPath, true);
}

std::string VideoRoots::resolveAny(const std::string& clientPath, bool folder) const {
  if (clientPath.empty()) throw PathRefused{"an empty path"};
  if (clientPath.find('\0') != std::string::npos) throw PathRefused{"a NUL byte in the path"};
  if (clientPath.front() == '/') throw PathRefused{"an absolute path (name a file as ROOT/PATH)"};
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= clientPath.size()) {
    const size_t slash = clientPath.find('/', start);
    const std::string part =
        clientPath.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..")
      throw PathRefused{"'.', '..' or an empty part in the path"};
    if (part.front() == '.') throw PathRefused{"a hidden file or folder in the path"};
    parts.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 2 && !folder) throw PathRefused{"no file inside a root (name it as ROOT/PATH)"};
  const std::pair<std::string, std::string>* root = nullptr;
  for (const auto& r : m_roots)
    if (r.first == parts.front()) root = &r;
  if (!root) throw PathRefused{"no video root is named '" + parts.front() + "'"};
  fs::path joined = root->second;
  for (size_t i = 1; i < parts.size(); ++i) joined /= parts[i];
  const std::string real = realPath(joined.string());
  if (real.empty()) throw PathRefused{"no such file under root '" + root->first + "'"};
  // Symbolic links are resolved: the real file must still lie inside the root's real folder.
  if (real != root->second && real.compare(0, root->second.size() + 1, root->second + "/") != 0)
    throw PathRefused{"the path leads outside root '" + root->first + "'"};
  if (folder ? !fs::is_directory(real) : !fs::is_regular_file(real))
    throw PathRefused{folder ? "not a folder" : "not a regular file"};
  return real;
}

}  // namespace sevila::serve
