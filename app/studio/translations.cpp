#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace sevila::studio {
namespace {
QPointer<QTranslator> g_app;
QPointer<QTranslator> g_qt;
}  // namespace

QStringList availableLanguages() {
  return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString installTranslations(QCoreApplication& app, const QString& language) {
  for (QTranslator* t : {g_app.data(), g_qt.data()}) {
    if (!t) continue;
    app.removeTranslator(t);
    delete t;
  }
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  auto* mine = new QTranslator(&app);
  QString loaded = QStringLiteral("en");
  if (mine->load(locale, QStringLiteral("sevila"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    app.installTranslator(mine);
    g_app = mine;
    loaded = locale.name();
  } else {
    delete mine;
  }
  // Qt's own strings (standard dialogs) when the system has them.
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    app.installTranslator(qt);
    g_qt = qt;
  } else {
    delete qt;
  }
  return loaded;
}

}  // namespace sevila::studio
