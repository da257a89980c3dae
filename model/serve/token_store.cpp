#include "serve/token_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "core/base64.h"
#include "core/error.h"

namespace sevila::serve {
namespace {

bool sameInConstantTime(const std::string& a, const std::string& b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  return difference == 0;
}

}  // namespace

TokenStore TokenStore::fromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot read the token file");
  struct stat s {};
  if (::stat(path.c_str(), &s) == 0 && (s.st_mode & (S_IRWXG | S_IRWXO)))
    throw Error(path, "the token file may be read by others", "chmod 600 " + path);
  TokenStore store;
  int lineNumber = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    const std::string where = path + ":" + std::to_string(lineNumber);
    if (line.size() < 16) throw Error(where, "a token must have at least 16 characters");
    if (line.find_first_of(" \t") != std::string::npos) throw Error(where, "a token may not hold spaces");
    store.m_tokens.push_back(line);
  }
  if (store.m_tokens.empty()) throw Error(path, "holds no token");
  return store;
}

bool TokenStore::allows(const std::string& authorization) const {
  if (m_tokens.empty()) return true;
  static const std::string kBearer = "Bearer ", kBasic = "Basic ";
  std::string token;
  if (authorization.compare(0, kBearer.size(), kBearer) == 0) {
    token = authorization.substr(kBearer.size());
  } else if (authorization.compare(0, kBasic.size(), kBasic) == 0) {
    // Label Studio's ML backend connection offers basic authentication: any user name, the token as password.
    const std::string pair = decodeBase64(authorization.substr(kBasic.size())).value_or("");
    const size_t colon = pair.find(':');
    if (colon == std::string::npos) return false;
    token = pair.substr(colon + 1);
  } else {
    return false;
  }
  bool allowed = false;
  for (const std::string& t : m_tokens) allowed |= sameInConstantTime(token, t);  // no early exit
  return allowed;
}

}  // namespace sevila::serve
