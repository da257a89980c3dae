#include <QComboBox>
#include <QKeySequenceEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "widgets/settings_dialog.h"
#include "widgets/shortcut_editor.h"

using sevila::widgets::SettingsDialog;
using sevila::widgets::ShortcutEditor;
using sevila::widgets::ShortcutEntry;
using sevila::widgets::StudioPreferences;

namespace {

QVector<ShortcutEntry> defaultShortcuts() {
  auto entry = [](const char* id, const char* description, const char* key) {
    return ShortcutEntry{id, description, QKeySequence(key), QKeySequence(key)};
  };
  return {entry("playback.play", "Play / pause", "Space"), entry("dataset.next", "Next item", "N"),
          entry("dataset.previous", "Previous item", "P"), entry("playback.goto", "Go to frame", "Ctrl+G"),
          entry("label.toggle", "Toggle keyframe", "")};
}

}  // namespace

class TestSettingsDialog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void preferencesRoundTrip_data() {
    QTest::addColumn<StudioPreferences>("prefs");
    QTest::addRow("defaults") << StudioPreferences{};
    StudioPreferences p;
    p.device = "cuda";
    p.precision = "bf16";
    p.frames = 16;
    p.keyframes = 3;
    p.oracleStrip = false;
    p.cacheDirectory = QString::fromUtf8("/tmp/缓存 cache");
    p.cacheCapGiB = 12.5;
    p.theme = "dark";
    p.language = "zh_CN";
    p.annotator = QString::fromUtf8("李娜");
    p.backendServer = "https://gpu-box:8765";
    p.backendTokenFile = "/home/li/.config/sevila/token";
    p.backendFolders = QStringList{"/mnt/nas/videos=videos", QString::fromUtf8("/home/li/视频=mine")};
    QTest::addRow("everything changed") << p;
    p.device = "cuda:1";  // not in the list: kept, not dropped
    p.precision = "f16";
    p.theme = "light";
    p.language = "en";
    QTest::addRow("second GPU") << p;
  }

  void preferencesRoundTrip() {
    QFETCH(StudioPreferences, prefs);
    SettingsDialog d;
    d.setPreferences(prefs);
    const StudioPreferences out = d.preferences();
    QCOMPARE(out.device, prefs.device);
    QCOMPARE(out.precision, prefs.precision);
    QCOMPARE(out.frames, prefs.frames);
    QCOMPARE(out.keyframes, prefs.keyframes);
    QCOMPARE(out.oracleStrip, prefs.oracleStrip);
    QCOMPARE(out.cacheDirectory, prefs.cacheDirectory);
    QCOMPARE(out.cacheCapGiB, prefs.cacheCapGiB);
    QCOMPARE(out.theme, prefs.theme);
    QCOMPARE(out.language, prefs.language);
    QCOMPARE(out.annotator, prefs.annotator);
    QCOMPARE(out.backendServer, prefs.backendServer);
    QCOMPARE(out.backendTokenFile, prefs.backendTokenFile);
    QCOMPARE(out.backendFolders, prefs.backendFolders);
    QVERIFY(out == prefs);
  }

  void backendPageChoosesAndChecksTheServer() {
    SettingsDialog d;
    d.setPreferences(StudioPreferences{});
    auto* backend = d.findChild<QComboBox*>("backend");
    auto* server = d.findChild<QLineEdit*>("backendServer");
    auto* folders = d.findChild<QPlainTextEdit*>("backendFolders");
    QVERIFY(backend && server && folders);
    QVERIFY(!server->isEnabled());  // in-process: nothing to fill
    backend->setCurrentIndex(backend->findData("server"));
    QVERIFY(server->isEnabled() && folders->isEnabled());
    // Not an address: OK is refused, the Backend page shown with the reason.
    server->setText("gpu-box:8765");
    d.accept();
    QVERIFY(d.result() != QDialog::Accepted);
    QVERIFY2(d.refusalMessage().contains("http://"), qPrintable(d.refusalMessage()));
    server->setText("http://gpu-box:8765");
    folders->setPlainText("/mnt/nas/videos=videos\n\n/mnt/other");
    d.accept();
    QVERIFY2(d.refusalMessage().contains("/mnt/other"), qPrintable(d.refusalMessage()));
    folders->setPlainText("/mnt/nas/videos=videos\n  \n");
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.preferences().backendServer, QString("http://gpu-box:8765"));
    QCOMPARE(d.preferences().backendFolders, QStringList{"/mnt/nas/videos=videos"});
    // Back to this computer: no server is kept.
    backend->setCurrentIndex(backend->findData("local"));
    QVERIFY(d.preferences().backendServer.isEmpty() && d.preferences().backendFolders.isEmpty());
  }

  void editsInTheDialogShowInPreferences() {
    SettingsDialog d;
    d.setPreferences(StudioPreferences{});
    QComboBox* theme = nullptr;
    for (QComboBox* c : d.findChildren<QComboBox*>())
      if (c->findData("dark") >= 0) theme = c;
    QVERIFY(theme);
    theme->setCurrentIndex(theme->findData("dark"));
    QCOMPARE(d.preferences().theme, QString("dark"));
    QVERIFY(d.preferences() != StudioPreferences{});
  }

  void conflictIsMarkedAndOkRefuses() {
    SettingsDialog d;
    d.setShortcuts(defaultShortcuts());
    d.show();
    ShortcutEditor* e = d.shortcutEditor();
    QVERIFY(!e->hasConflicts());
    QSignalSpy conflicts(e, &ShortcutEditor::conflictsChanged);

    const int next = e->rowOf("dataset.next");
    const int previous = e->rowOf("dataset.previous");
    e->setSequence(next, QKeySequence("P"));
    QVERIFY(e->hasConflicts());
    QVERIFY(e->isConflicting(next));
    QVERIFY(e->isConflicting(previous));
    QVERIFY(!e->isConflicting(e->rowOf("playback.play")));
    QCOMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts.last().at(0).toBool(), true);
    QVERIFY(e->table()->item(next, ShortcutEditor::DescriptionColumn)->background().style() != Qt::NoBrush);
    QCOMPARE(e->table()->item(0, ShortcutEditor::DescriptionColumn)->background().style(), Qt::NoBrush);
    QCOMPARE(e->conflictDescriptions(), QStringList{"P: Next item, Previous item"});

    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();
    QCOMPARE(accepted.size(), 0);
    QVERIFY(d.isVisible());
    QVERIFY(d.result() != QDialog::Accepted);
    QVERIFY(d.refusalMessage().contains("Next item"));
    QVERIFY(d.refusalMessage().contains("Previous item"));

    // Reset the row to its default: the conflict goes, OK works.
    e->resetRow(next);
    QVERIFY(!e->hasConflicts());
    QCOMPARE(e->shortcuts()[next].sequence, QKeySequence("N"));
    QCOMPARE(conflicts.size(), 2);
    d.accept();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(d.result(), int(QDialog::Accepted));
  }

  void emptySequencesDoNotConflict() {
    ShortcutEditor e;
    e.setShortcuts(defaultShortcuts());
    e.setSequence(e.rowOf("playback.goto"), QKeySequence());
    QVERIFY(!e.hasConflicts());  // two actions without a shortcut
  }

  void printableSheetListsBoundActions() {
    QVector<ShortcutEntry> entries = defaultShortcuts();
    entries[0].description = "Play <fast> & pause";
    const QString html = ShortcutEditor::sheetHtml(entries, "Keyboard Shortcuts");
    QVERIFY(html.contains("<h2>Keyboard Shortcuts</h2>"));
    QVERIFY(html.contains("Play &lt;fast&gt; &amp; pause"));
    QVERIFY(html.contains("<b>Ctrl+G</b>"));
    QVERIFY(!html.contains("Toggle keyframe"));  // no key bound
    QCOMPARE(html.count("<tr>"), 1 + 4);
  }

  void settingShortcutsAgainReplacesTheRows() {
    ShortcutEditor e;
    e.setShortcuts(defaultShortcuts());
    e.setSequence(0, QKeySequence("N"));
    QVERIFY(e.hasConflicts());
    QSignalSpy conflicts(&e, &ShortcutEditor::conflictsChanged);
    e.setShortcuts(defaultShortcuts().mid(0, 2));
    QVERIFY(!e.hasConflicts());
    QCOMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts.last().at(0).toBool(), false);
    QCOMPARE(e.table()->rowCount(), 2);
    QCOMPARE(e.shortcuts().size(), 2);
    e.setSequence(1, QKeySequence("Space"));
    QVERIFY(e.isConflicting(0) && e.isConflicting(1));
  }

  void editsReachTheResultAndResetRestoresDefaults() {
    SettingsDialog d;
    d.setShortcuts(defaultShortcuts());
    ShortcutEditor* e = d.shortcutEditor();
    e->setSequence(e->rowOf("playback.goto"), QKeySequence("Ctrl+J"));
    e->setSequence(e->rowOf("label.toggle"), QKeySequence("T"));
    e->setSequence(e->rowOf("playback.play"), QKeySequence("N"));  // conflicts with Next item
    QVERIFY(e->hasConflicts());
    QVector<ShortcutEntry> edited = d.shortcuts();
    QCOMPARE(edited[e->rowOf("playback.goto")].sequence, QKeySequence("Ctrl+J"));
    QCOMPARE(edited[e->rowOf("label.toggle")].sequence, QKeySequence("T"));
    QCOMPARE(edited[e->rowOf("playback.goto")].defaultSequence, QKeySequence("Ctrl+G"));
    // The editor widget shows the edit.
    auto* editor = qobject_cast<QKeySequenceEdit*>(
        e->table()->cellWidget(e->rowOf("playback.goto"), ShortcutEditor::SequenceColumn));
    QVERIFY(editor);
    QCOMPARE(editor->keySequence(), QKeySequence("Ctrl+J"));

    // The per-row Reset button.
    auto* reset = qobject_cast<QToolButton*>(
        e->table()->cellWidget(e->rowOf("playback.goto"), ShortcutEditor::ResetColumn));
    QVERIFY(reset);
    reset->click();
    QCOMPARE(d.shortcuts()[e->rowOf("playback.goto")].sequence, QKeySequence("Ctrl+G"));
    QCOMPARE(editor->keySequence(), QKeySequence("Ctrl+G"));

    e->resetAll();
    QVERIFY(!e->hasConflicts());
    const QVector<ShortcutEntry> defaults = defaultShortcuts();
    const QVector<ShortcutEntry> now = d.shortcuts();
    QCOMPARE(now.size(), defaults.size());
    for (int i = 0; i < now.size(); ++i) {
      QCOMPARE(now[i].id, defaults[i].id);
      QCOMPARE(now[i].sequence, defaults[i].sequence);
    }
  }
};

QTEST_MAIN(TestSettingsDialog)
#include "test_settings_dialog.moc"
