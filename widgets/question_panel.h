// The question panel: question, 2-5 options, the optional ground truth, frames n and keyframes k, and
// Run / Cancel with progress. It only collects input and emits runRequested().
#pragma once

#include <QMetaType>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QLineEdit;
class QSpinBox;
class QComboBox;
class QPushButton;
class QProgressBar;
class QFormLayout;
class QToolButton;

namespace sevila::widgets {

struct QuestionInput {
  QString question;
  QStringList options;
  int groundTruth = -1;  // -1 when unknown
  int frames = 32;
  int keyframes = 4;
};

class QuestionPanel : public QWidget {
  Q_OBJECT
public:
  static constexpr int kMinOptions = 2;
  static constexpr int kMaxOptions = 5;

  explicit QuestionPanel(QWidget* parent = nullptr);

  QuestionInput input() const;
  // No options at all: a moment-retrieval query (QVHighlights); options without a question: VLEP's
  // "what happens next". Otherwise 2 to 5 options, the question required.
  void setInput(const QuestionInput& input);
  // Run exists only once a model is loaded; before that the button is absent, not dead.
  void setRunAvailable(bool available);
  void setBusy(bool busy);
  void setProgress(double fraction, const QString& stage);
  bool inputComplete() const;
  // What the Run button does (the studio's Run action, Ctrl+Enter, calls it): false when Run is not
  // available, busy, or the input is incomplete.
  bool requestRun();
  // "Remove option": the option being edited (else the last); later options move up, the ground truth
  // follows its option (and becomes unknown when it was the one removed).
  void removeChosenOption();

Q_SIGNALS:
  void runRequested(const sevila::widgets::QuestionInput& input);
  void cancelRequested();

private:
  void setOptionCount(int n, int minimum = kMinOptions);
  void updateRunEnabled();

  QLineEdit* m_question;
  QVector<QLineEdit*> m_options;
  QFormLayout* m_optionsForm;
  QToolButton* m_addOption;
  QToolButton* m_removeOption;
  QComboBox* m_groundTruth;
  QSpinBox* m_frames;
  QSpinBox* m_keyframes;
  QPushButton* m_run;
  QPushButton* m_cancel;
  QProgressBar* m_progress;
};

}  // namespace sevila::widgets

Q_DECLARE_METATYPE(sevila::widgets::QuestionInput)
