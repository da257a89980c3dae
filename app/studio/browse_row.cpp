#include "browse_row.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace sevila::studio {

QWidget* browseRow(QLineEdit* edit, QWidget* parent, std::function<QString()> browse) {
  auto* row = new QWidget(parent);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit, 1);
  auto* button = new QPushButton(QObject::tr("Browse…"), row);
  layout->addWidget(button);
  QObject::connect(button, &QPushButton::clicked, row, [edit, browse] {
    const QString path = browse();
    if (!path.isEmpty()) edit->setText(path);
  });
  return row;
}

}  // namespace sevila::studio
