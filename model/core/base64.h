// RFC 4648 base64 (the standard alphabet, '=' padding): how pictures travel inside JSON bodies and how
// HTTP Basic credentials are written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sevila {

std::string encodeBase64(std::string_view bytes);
// nullopt for any character outside the alphabet, a length that is not a multiple of 4, padding
// anywhere but at the end, or leftover bits that are not zero: a body is either exact or refused.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace sevila
