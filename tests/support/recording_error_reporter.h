// An error reporter for GUI tests: records what the user would have been shown, never blocks on a dialog.
#pragma once

#include <memory>

#include <QString>
#include <QVector>

#include "error_reporter.h"

namespace sevila::testing {

struct ReportedError {
  QString title;
  QString summary;
  QString details;
};

class RecordingErrorReporter final : public studio::ErrorReporter {
public:
  explicit RecordingErrorReporter(QVector<ReportedError>* sink) : m_sink(sink) {}
  void report(QWidget*, const QString& title, const QString& summary, const QString& details) override {
    if (m_sink) m_sink->push_back(ReportedError{title, summary, details});
  }

private:
  QVector<ReportedError>* m_sink;
};

// For MainWindow's constructor: `MainWindow w(&settings, nullptr, recordErrors(&errors));`
inline std::unique_ptr<studio::ErrorReporter> recordErrors(QVector<ReportedError>* sink = nullptr) {
  return std::make_unique<RecordingErrorReporter>(sink);
}

}  // namespace sevila::testing
