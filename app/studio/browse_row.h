// A line edit with a "Browse…" button beside it, for the file and folder fields of the studio's dialogs.
#pragma once

#include <QString>

#include <functional>

class QLineEdit;
class QWidget;

namespace sevila::studio {

// `browse` opens the chooser and returns the path, or "" when cancelled (the field then stays as it was).
QWidget* browseRow(QLineEdit* edit, QWidget* parent, std::function<QString()> browse);

}  // namespace sevila::studio
