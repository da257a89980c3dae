// Help ▸ Keyboard Shortcuts: every action that has a shortcut, grouped by menu, generated from the
// studio's action registry (so it shows the user's own keys), and printable.
#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

#include "widgets/shortcut_editor.h"

class QTextBrowser;

namespace sevila::widgets {

struct ShortcutSection {
  QString title;  // the menu, e.g. "Playback"
  QVector<ShortcutEntry> entries;
};

// The sheet as HTML: one table per section, only actions with a shortcut, keys in the platform's notation.
QString shortcutSheetHtml(const QVector<ShortcutSection>& sections);

class ShortcutSheet : public QDialog {
  Q_OBJECT
public:
  explicit ShortcutSheet(QWidget* parent = nullptr);
  void setSections(const QVector<ShortcutSection>& sections);
  QString html() const { return m_html; }

public Q_SLOTS:
  void print();  // the system's print dialog (a PDF printer works without hardware)

private:
  QTextBrowser* m_view;
  QString m_html;
};

}  // namespace sevila::widgets
