// sevila-studio: the desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

#include "console_help.h"
#include "core/freed_memory.h"
#include "event_loop_monitor.h"
#include "main_window.h"
#include "studio_paths.h"
#include "studio_settings.h"
#include "theme.h"
#include "translations.h"

int main(int argc, char** argv) {
  sevila::keepFreedMemoryForReuse();  // before the first large allocation
  QApplication app(argc, argv);
  QApplication::setOrganizationName("SeViLA Studio");
  QApplication::setOrganizationDomain("sevila-studio.org");
  QApplication::setApplicationName("sevila-studio");
  QApplication::setApplicationDisplayName("SeViLA Studio");
  QApplication::setApplicationVersion(SEVILA_VERSION);
  QApplication::setDesktopFileName("org.sevila_studio.SevilaStudio");

  sevila::studio::StudioSettings settings;

  // Translations first, so that --help is translated too.
  QString language = settings.language();
  for (int i = 1; i + 1 < argc; ++i)
    if (QString::fromLocal8Bit(argv[i]) == "--lang") language = QString::fromLocal8Bit(argv[i + 1]);
  sevila::studio::installTranslations(app, language);
  // Window titles end with the display name: in the user's language.
  QApplication::setApplicationDisplayName(
      QApplication::translate("sevila::studio::MainWindow", "SeViLA Studio"));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("main", "Run SeViLA on videos and correct its keyframes."));
  // Our own --help: Qt pads its columns by characters, which misaligns them around CJK text.
  const QCommandLineOption helpOption(
      {"h", "help"},
      QCoreApplication::translate("QCommandLineParser", "Displays help on commandline options."));
  parser.addOption(helpOption);
  const QCommandLineOption versionOption = parser.addVersionOption();
  QCommandLineOption langOption("lang",
                                QApplication::translate("main", "User interface language (en, zh_CN)."),
                                QApplication::translate("main", "language"));
  QCommandLineOption demoOption(
      "demo",
      QApplication::translate(
          "main",
          "Open the bundled demo: generated shapes videos and a small model trained on such videos."));
  QCommandLineOption stallOption(
      "watch-stalls",
      QApplication::translate("main",
                              "Report on stderr every time the window stops responding for 100 ms or more."));
  parser.addOption(langOption);
  parser.addOption(demoOption);
  parser.addOption(stallOption);
  parser.addPositionalArgument("video", QApplication::translate("main", "A video to open."), "[video]");
  parser.process(app);
  if (parser.isSet(helpOption)) {
    const auto entry = [](const QCommandLineOption& o) {
      QStringList names;
      for (const QString& n : o.names()) names << (n.size() == 1 ? "-" : "--") + n;
      QString text = names.join(", ");
      if (!o.valueName().isEmpty()) text += " <" + o.valueName() + ">";
      return sevila::studio::HelpEntry{text, o.description()};
    };
    sevila::studio::HelpPage page;
    page.usage = QCoreApplication::translate("QCommandLineParser", "Usage: %1")
                     .arg(QFileInfo(QString::fromLocal8Bit(argv[0])).fileName() + " [options] [video]");
    page.description = parser.applicationDescription();
    page.optionsTitle = QCoreApplication::translate("QCommandLineParser", "Options:");
    page.argumentsTitle = QCoreApplication::translate("QCommandLineParser", "Arguments:");
    for (const QCommandLineOption* o : std::initializer_list<const QCommandLineOption*>{
             &helpOption, &versionOption, &langOption, &demoOption, &stallOption})
      page.options << entry(*o);
    page.arguments << sevila::studio::HelpEntry{"video", QApplication::translate("main", "A video to open.")};
    std::fputs(qPrintable(sevila::studio::formatHelp(page)), stdout);
    return 0;
  }

  sevila::studio::applyTheme(app, settings.theme());
  sevila::studio::MainWindow window(&settings);
  window.show();
  sevila::studio::EventLoopMonitor monitor;
  if (parser.isSet(stallOption)) {
    QObject::connect(&monitor, &sevila::studio::EventLoopMonitor::stalled,
                     [](double ms) { qWarning("sevila-studio: the event loop stalled for %.0f ms", ms); });
    monitor.start();
  }

  const QString video = parser.positionalArguments().value(0);
  if (!video.isEmpty())
    window.openVideo(video);
  else if (parser.isSet(demoOption))
    window.openDemo();
  return app.exec();
}
