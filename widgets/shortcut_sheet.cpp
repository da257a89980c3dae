#include "widgets/shortcut_sheet.h"

#include <QDialogButtonBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace sevila::widgets {

QString shortcutSheetHtml(const QVector<ShortcutSection>& sections) {
  QString html = QStringLiteral("<h2>%1</h2>").arg(ShortcutSheet::tr("Keyboard Shortcuts").toHtmlEscaped());
  for (const ShortcutSection& section : sections) {
    QString rows;
    for (const ShortcutEntry& e : section.entries) {
      if (e.sequence.isEmpty()) continue;
      rows += QStringLiteral("<tr><td style='padding-right:24px'><b>%1</b></td><td>%2</td></tr>")
                  .arg(e.sequence.toString(QKeySequence::NativeText).toHtmlEscaped(),
                       e.description.toHtmlEscaped());
    }
    if (rows.isEmpty()) continue;
    html += QStringLiteral("<h3>%1</h3><table>%2</table>")
                .arg(QString(section.title).remove('&').toHtmlEscaped(), rows);
  }
  return html;
}

ShortcutSheet::ShortcutSheet(QWidget* parent) : QDialog(parent), m_view(new QTextBrowser(this)) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  resize(520, 640);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_view);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* print = buttons->addButton(tr("&Print…"), QDialogButtonBox::ActionRole);
  print->setObjectName("printShortcuts");
  connect(print, &QPushButton::clicked, this, &ShortcutSheet::print);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

void ShortcutSheet::setSections(const QVector<ShortcutSection>& sections) {
  m_html = shortcutSheetHtml(sections);
  m_view->setHtml(m_html);
}

void ShortcutSheet::print() {
  QPrinter printer;
  QPrintDialog dialog(&printer, this);
  if (dialog.exec() != QDialog::Accepted) return;
  QTextDocument document;
  document.setHtml(m_html);
  document.print(&printer);
}

}  // namespace sevila::widgets
