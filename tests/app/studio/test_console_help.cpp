// The studio's --help: columns and wrapping by terminal display width (CJK characters are two columns).
#include <QtTest>

#include "console_help.h"

using namespace sevila::studio;

class TestConsoleHelp : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void displayWidthCountsWideCharactersTwice() {
    QCOMPARE(displayWidth("--lang"), 6);
    QCOMPARE(displayWidth(QString::fromUtf8("<语言>")), 6);
    QCOMPARE(displayWidth(QString::fromUtf8("（en、zh_CN）")), 2 + 2 + 2 + 5 + 2);
    QCOMPARE(displayWidth(QString::fromUtf8("한국어")), 6);
  }

  void descriptionsStartInOneColumn() {
    HelpPage page;
    page.usage = "Usage: x";
    page.optionsTitle = "Options:";
    page.options = {{QString::fromUtf8("--lang <语言>"), QString::fromUtf8("界面语言。")},
                    {"--demo", QString::fromUtf8("打开演示。")}};
    const QStringList lines = formatHelp(page).split('\n');
    const int a = lines.indexOf(QRegularExpression(".*--lang.*"));
    const int b = lines.indexOf(QRegularExpression(".*--demo.*"));
    QVERIFY(a >= 0 && b >= 0);
    // The descriptions start at the same terminal column.
    const auto column = [](const QString& line, const QString& text) {
      return displayWidth(line.left(line.indexOf(text)));
    };
    QCOMPARE(column(lines[a], QString::fromUtf8("界面")), column(lines[b], QString::fromUtf8("打开")));
    QCOMPARE(column(lines[b], QString::fromUtf8("打开")),
             2 + displayWidth(QString::fromUtf8("--lang <语言>")) + 2);
  }

  void wrapsByDisplayWidth() {
    HelpPage page;
    page.usage = "Usage: x";
    page.description = QString(60, QChar(0x4E2D));  // 60 wide characters: 120 columns
    page.optionsTitle = "Options:";
    page.options = {{"--watch-stalls", QString("word ").repeated(30).trimmed()}};
    const QStringList lines = formatHelp(page, 80).split('\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) QVERIFY2(displayWidth(line) <= 80, qPrintable(line));
    QCOMPARE(lines[1].size(), 40);  // the CJK paragraph breaks between characters at 80 columns
    int continued = 0;
    for (const QString& line : lines)
      if (line.startsWith(QString(2 + 14 + 2, ' ') + "word")) ++continued;
    QVERIFY(continued >= 1);  // the long option text continues under its own column
  }
};

QTEST_APPLESS_MAIN(TestConsoleHelp)
#include "test_console_help.moc"
