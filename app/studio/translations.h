// Loads the studio's translations (embedded .qm files) for a language, or the system locale.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace sevila::studio {

// Installs translators for `language` ("zh_CN", "en"; empty = system locale). Returns the language
// actually loaded ("en" when nothing matched). Safe to call again: earlier translators are replaced.
QString installTranslations(QCoreApplication& app, const QString& language);
QStringList availableLanguages();

}  // namespace sevila::studio
