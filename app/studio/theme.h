// Light and dark Fusion palettes (Qt 6.4 cannot detect the system's dark mode).
#pragma once

#include <QString>

class QApplication;

namespace sevila::studio {

// theme: "system" (the platform palette), "light" or "dark".
void applyTheme(QApplication& app, const QString& theme);

}  // namespace sevila::studio
