// Where the studio's failures reach the user. The window shows each one in its status bar and hands it to
// its reporter: by default a message box that cannot be missed; tests install one that records.
#pragma once

#include <QString>

class QWidget;

namespace sevila::studio {

class ErrorReporter {
public:
  virtual ~ErrorReporter() = default;
  // `title` names what failed ("Cannot open video"), `summary` is one sentence for the user, and
  // `details` the whole error (file, reason, hint).
  virtual void report(QWidget* parent, const QString& title, const QString& summary,
                      const QString& details) = 0;
};

// A modal warning: the summary, the reason's first line, and the whole error folded under Details.
class DialogErrorReporter final : public ErrorReporter {
public:
  void report(QWidget* parent, const QString& title, const QString& summary, const QString& details) override;
};

}  // namespace sevila::studio
