// The printable shortcut sheet: sections in order, only actions with a key, text escaped.
#include <QtTest>

#include "widgets/shortcut_sheet.h"

using sevila::widgets::ShortcutEntry;
using sevila::widgets::ShortcutSection;

class TestShortcutSheet : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void listsEveryKeyByMenu() {
    const QVector<ShortcutSection> sections = {
        {"&Playback",
         {ShortcutEntry{"actionPlayPause", "Play / Pause", QKeySequence(Qt::Key_Space),
                        QKeySequence(Qt::Key_Space)},
          ShortcutEntry{"actionShuttleBack", "Shuttle Backwards", QKeySequence(Qt::Key_J),
                        QKeySequence(Qt::Key_J)}}},
        {"&Help", {ShortcutEntry{"actionAbout", "About <SeViLA>", {}, {}}}},  // no key: not listed
        {"&Keyframes",
         {ShortcutEntry{"actionToggleKeyframe", "Toggle Human Keyframe", QKeySequence(Qt::Key_M),
                        QKeySequence(Qt::Key_T)}}},
    };
    const QString html = sevila::widgets::shortcutSheetHtml(sections);
    QVERIFY(html.contains("<h3>Playback</h3>"));
    QVERIFY(html.contains("<b>Space</b></td><td>Play / Pause"));
    QVERIFY(html.contains("<b>J</b></td><td>Shuttle Backwards"));
    QVERIFY(!html.contains("Help"));  // a section without keys is left out
    QVERIFY(!html.contains("About"));
    QVERIFY(html.contains("<b>T</b></td><td>Toggle Human Keyframe"));  // the user's key, not the default
    QVERIFY(html.indexOf("Playback") < html.indexOf("Keyframes"));

    sevila::widgets::ShortcutSheet sheet;
    sheet.setSections(sections);
    QCOMPARE(sheet.html(), html);
    QVERIFY(sheet.findChild<QObject*>("printShortcuts"));
  }
};

QTEST_MAIN(TestShortcutSheet)
#include "test_shortcut_sheet.moc"
