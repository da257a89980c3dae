#include "error_reporter.h"

#include <QMessageBox>

namespace sevila::studio {

void DialogErrorReporter::report(QWidget* parent, const QString& title, const QString& summary,
                                 const QString& details) {
  QMessageBox box(QMessageBox::Warning, title, summary, QMessageBox::Ok, parent);
  box.setInformativeText(details.section('\n', 0, 0));
  if (details.contains('\n')) box.setDetailedText(details);
  box.exec();
}

}  // namespace sevila::studio
