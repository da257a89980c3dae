// Edit ▸ Preferences: the engine defaults (device, precision, n, k), the feature cache, the theme and
// the language, plus the Backend page (this process or a `sevila serve`) and the Shortcuts page. It edits a
// copy: the studio reads preferences() and shortcuts() after exec() returns Accepted and stores them through
// its settings class.
#pragma once

#include <QDialog>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include "widgets/shortcut_editor.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QCheckBox;
class QSpinBox;
class QTabWidget;

namespace sevila::widgets {

struct StudioPreferences {
  QString device = QStringLiteral("cpu");     // "cpu", "cuda" (or "cuda:N")
  QString precision = QStringLiteral("f32");  // "f32", "bf16", "f16"
  int frames = 32;                            // n, frames sampled for the Localizer
  int keyframes = 4;                          // k, keyframes handed to the Answerer
  bool oracleStrip = true;                    // single-frame answers with every run (the oracle strip)
  QString cacheDirectory;
  double cacheCapGiB = 4.0;
  QString theme = QStringLiteral("system");  // "system", "light", "dark"
  QString language;                          // "" = the system's, "en", "zh_CN"
  QString annotator;                         // the name labels are recorded under
  QString backendServer;                     // "" = this process; else a `sevila serve` URL
  QString backendTokenFile;                  // its token (first line of the file)
  QStringList backendFolders;                // "LOCAL_FOLDER=ROOT": the server's names of local folders
  bool backendUploadFrames = true;           // videos under no folder: send their sampled frames

  bool operator==(const StudioPreferences& o) const {
    return device == o.device && precision == o.precision && frames == o.frames && keyframes == o.keyframes &&
           oracleStrip == o.oracleStrip && cacheDirectory == o.cacheDirectory &&
           cacheCapGiB == o.cacheCapGiB && theme == o.theme && language == o.language &&
           annotator == o.annotator && backendServer == o.backendServer &&
           backendTokenFile == o.backendTokenFile && backendFolders == o.backendFolders &&
           backendUploadFrames == o.backendUploadFrames;
  }
  bool operator!=(const StudioPreferences& o) const { return !(*this == o); }
};

class SettingsDialog : public QDialog {
  Q_OBJECT
public:
  explicit SettingsDialog(QWidget* parent = nullptr);

  void setPreferences(const StudioPreferences& preferences);
  StudioPreferences preferences() const;
  void setShortcuts(const QVector<ShortcutEntry>& entries);
  QVector<ShortcutEntry> shortcuts() const;
  ShortcutEditor* shortcutEditor() const { return m_shortcuts; }
  // Shows the Shortcuts page (Help ▸ Keyboard Shortcuts can open the dialog there).
  void showShortcutsPage();
  void showBackendPage();
  // Why OK was refused, empty when it was not.
  QString refusalMessage() const;

public Q_SLOTS:
  // Refuses (stays open, says why) while two actions share a shortcut or the backend is not usable.
  void accept() override;

private:
  void browseCacheDirectory();
  void updateBackendFields();
  QString backendProblem() const;
  static void selectData(QComboBox* combo, const QString& value);

  QTabWidget* m_tabs;
  QComboBox* m_device;
  QComboBox* m_precision;
  QSpinBox* m_frames;
  QSpinBox* m_keyframes;
  QCheckBox* m_oracleStrip;
  QLineEdit* m_cacheDirectory;
  QDoubleSpinBox* m_cacheCap;
  QComboBox* m_theme;
  QComboBox* m_language;
  QLineEdit* m_annotator;
  QWidget* m_backendPage;
  QComboBox* m_backend;
  QLineEdit* m_server;
  QLineEdit* m_tokenFile;
  QPlainTextEdit* m_folders;
  QCheckBox* m_uploadFrames;
  ShortcutEditor* m_shortcuts;
  QLabel* m_refusal;
};

}  // namespace sevila::widgets

Q_DECLARE_METATYPE(sevila::widgets::StudioPreferences)
