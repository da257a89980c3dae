// Engine errors in the user's language. The model core is Qt-free and words its errors (sevila::Error:
// subject, reason, hint) in English; the studio translates the ones that are the product's own words
// from a catalog of their templates ("%1" stands for a file name, number or library message, which stay
// as they are). Text outside the catalog (FFmpeg's, a JSON parser's) is shown unchanged.
#pragma once

#include <QString>

#include <exception>

namespace sevila {
class Error;
}

namespace sevila::studio {

// "subject: reason" and, on a second line, the hint; reason and hint translated where the catalog knows
// them.
QString localizedError(const Error& error);
// Any exception: a sevila::Error localized, anything else as its what().
QString localizedError(const std::exception& error);
// One reason or hint: its translation when it matches a catalog template, else `english` unchanged.
QString localizedEngineText(const QString& english);

}  // namespace sevila::studio
