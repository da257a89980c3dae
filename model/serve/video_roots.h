// The folders a server may read videos and annotation files from. A client names a file as
// "<root name>/<path inside it>"; anything else is refused: absolute paths, "..", empty or hidden path
// parts, NUL bytes, and any path whose real location (symbolic links resolved) is outside its root.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sevila::serve {

class VideoRoots {
public:
  // Each root is "NAME=DIR" or "DIR" (named after its last folder). Throws sevila::Error for a folder that
  // does not exist, a repeated name or a name with anything but letters, digits, '-', '_' and '.'.
  explicit VideoRoots(const std::vector<std::string>& roots);

  // The real path of an existing file under its root; throws PathRefused with the reason.
  std::string resolve(const std::string& clientPath) const;
  // The same for a folder: "ROOT" alone, or "ROOT/PATH".
  std::string resolveFolder(const std::string& clientPath) const;

  // The real path of `path` (a file the server found itself, e.g. a dataset's video) when it lies inside a
  // root, symbolic links resolved; throws PathRefused otherwise.
  std::string inside(const std::string& path) const;

  // (name, real folder) of every root.
  const std::vector<std::pair<std::string, std::string>>& roots() const { return m_roots; }

private:
  std::string resolveAny(const std::string& clientPath, bool folder) const;
  std::vector<std::pair<std::string, std::string>> m_roots;
};

struct PathRefused {
  std::string reason;
};

}  // namespace sevila::serve
