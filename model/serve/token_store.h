// Bearer tokens from a file: one per line, blank lines and lines starting with '#' ignored, each at
// least 16 characters. A request is let in when its "Authorization: Bearer <token>" matches one, or its
// basic authentication has a token as password (what Label Studio's ML backend settings send); the
// comparison takes the same time wherever the first difference lies.
#pragma once

#include <string>
#include <vector>

namespace sevila::serve {

class TokenStore {
public:
  TokenStore() = default;  // no tokens: every request is let in (only for a server on the loopback)
  // Throws sevila::Error naming the file: unreadable, no token, a token too short or with spaces, or a
  // file that others may read (the tokens are secrets: chmod 600).
  static TokenStore fromFile(const std::string& path);

  bool enabled() const { return !m_tokens.empty(); }
  // `authorization`: the header's value ("Bearer abc...", "Basic base64(user:token)"). True when
  // enabled() is false.
  bool allows(const std::string& authorization) const;
  size_t size() const { return m_tokens.size(); }

private:
  std::vector<std::string> m_tokens;
};

}  // namespace sevila::serve
