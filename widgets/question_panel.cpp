#include "widgets/question_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace sevila::widgets {

QuestionPanel::QuestionPanel(QWidget* parent)
    : QWidget(parent),
      m_question(new QLineEdit(this)),
      m_optionsForm(new QFormLayout),
      m_addOption(new QToolButton(this)),
      m_removeOption(new QToolButton(this)),
      m_groundTruth(new QComboBox(this)),
      m_frames(new QSpinBox(this)),
      m_keyframes(new QSpinBox(this)),
      m_run(new QPushButton(tr("Run"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  m_question->setPlaceholderText(tr("What does the person do after picking up the cup?"));
  form->addRow(tr("&Question:"), m_question);
  layout->addLayout(form);
  layout->addLayout(m_optionsForm);

  // Compact rows, so that Run stays in view on a laptop: the option buttons with the ground truth, then
  // n and k with Run and Cancel.
  auto labelFor = [this](const QString& text, QWidget* buddy) {
    auto* label = new QLabel(text, this);
    label->setBuddy(buddy);
    return label;
  };
  auto* optionRow = new QHBoxLayout;
  m_addOption->setText(tr("Add option"));
  m_removeOption->setText(tr("Remove option"));
  optionRow->addWidget(m_addOption);
  optionRow->addWidget(m_removeOption);
  optionRow->addStretch();
  optionRow->addWidget(labelFor(tr("Ground truth:"), m_groundTruth));
  optionRow->addWidget(m_groundTruth);
  layout->addLayout(optionRow);

  m_frames->setRange(1, 256);
  m_frames->setValue(32);
  m_frames->setToolTip(tr("Frames n sampled uniformly for the Localizer"));
  m_keyframes->setRange(1, 32);
  m_keyframes->setValue(4);
  m_keyframes->setToolTip(tr("Keyframes k handed to the Answerer"));
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(labelFor(tr("Frames (n):"), m_frames));
  runRow->addWidget(m_frames);
  runRow->addWidget(labelFor(tr("Keyframes (k):"), m_keyframes));
  runRow->addWidget(m_keyframes);
  runRow->addStretch();
  m_run->setToolTip(tr("Run the Localizer and the Answerer (Ctrl+Enter)"));
  m_cancel->setEnabled(false);
  runRow->addWidget(m_run);
  runRow->addWidget(m_cancel);
  layout->addLayout(runRow);
  m_progress->setRange(0, 1000);
  m_progress->setValue(0);
  m_progress->setTextVisible(true);
  m_progress->setFormat(QString());
  layout->addWidget(m_progress);
  layout->addStretch();

  setOptionCount(5);
  connect(m_addOption, &QToolButton::clicked, this, [this] { setOptionCount(int(m_options.size()) + 1); });
  connect(m_removeOption, &QToolButton::clicked, this, &QuestionPanel::removeChosenOption);
  connect(m_question, &QLineEdit::textChanged, this, &QuestionPanel::updateRunEnabled);
  connect(m_run, &QPushButton::clicked, this, &QuestionPanel::requestRun);
  connect(m_cancel, &QPushButton::clicked, this, &QuestionPanel::cancelRequested);
  connect(m_frames, &QSpinBox::valueChanged, this, [this](int n) { m_keyframes->setMaximum(n); });
  setRunAvailable(false);
}

void QuestionPanel::setOptionCount(int n, int minimum) {
  n = std::clamp(n, minimum, kMaxOptions);
  while (m_options.size() > n) {
    m_optionsForm->removeRow(int(m_options.size()) - 1);
    m_options.removeLast();
  }
  while (m_options.size() < n) {
    auto* edit = new QLineEdit(this);
    const QChar letter(char16_t(u'A' + m_options.size()));
    m_optionsForm->addRow(tr("Option %1:").arg(letter), edit);
    connect(edit, &QLineEdit::textChanged, this, &QuestionPanel::updateRunEnabled);
    m_options.push_back(edit);
  }
  const int truth = m_groundTruth->currentIndex();
  m_groundTruth->clear();
  m_groundTruth->addItem(tr("unknown"));
  for (int i = 0; i < n; ++i) m_groundTruth->addItem(tr("Option %1").arg(QChar('A' + i)));
  m_groundTruth->setCurrentIndex(truth >= 0 && truth <= n ? truth : 0);
  m_addOption->setEnabled(n < kMaxOptions);
  m_removeOption->setEnabled(n > kMinOptions);
  updateRunEnabled();
}

void QuestionPanel::removeChosenOption() {
  if (int(m_options.size()) <= kMinOptions) return;
  // The option being edited (the tool button does not take the focus), else the last one.
  int chosen = int(m_options.size()) - 1;
  for (int i = 0; i < int(m_options.size()); ++i)
    if (m_options[i]->hasFocus()) chosen = i;
  QuestionInput in = input();
  in.options.removeAt(chosen);
  if (in.groundTruth == chosen)
    in.groundTruth = -1;  // its answer is gone
  else if (in.groundTruth > chosen)
    --in.groundTruth;
  setInput(in);
  m_options[std::min(chosen, int(m_options.size()) - 1)]->setFocus();
}

QuestionInput QuestionPanel::input() const {
  QuestionInput in;
  in.question = m_question->text().trimmed();
  for (auto* e : m_options) in.options << e->text().trimmed();
  in.groundTruth = m_groundTruth->currentIndex() - 1;
  in.frames = m_frames->value();
  in.keyframes = m_keyframes->value();
  return in;
}

void QuestionPanel::setInput(const QuestionInput& in) {
  m_question->setText(in.question);
  setOptionCount(int(in.options.size()), in.options.empty() ? 0 : kMinOptions);
  for (int i = 0; i < m_options.size() && i < in.options.size(); ++i) m_options[i]->setText(in.options[i]);
  m_groundTruth->setCurrentIndex(in.groundTruth + 1);
  m_frames->setValue(in.frames);
  m_keyframes->setValue(in.keyframes);
}

bool QuestionPanel::inputComplete() const {
  // A question needs text unless its options are the whole question (VLEP's two events).
  if (m_question->text().trimmed().isEmpty() && m_options.size() < kMinOptions) return false;
  for (auto* e : m_options)
    if (e->text().trimmed().isEmpty()) return false;
  return true;
}

bool QuestionPanel::requestRun() {
  if (m_run->isHidden() || !m_run->isEnabled() || !inputComplete()) return false;
  Q_EMIT runRequested(input());
  return true;
}

void QuestionPanel::updateRunEnabled() {
  m_run->setEnabled(inputComplete() && !m_cancel->isEnabled());
}

void QuestionPanel::setRunAvailable(bool available) {
  m_run->setVisible(available);
  m_cancel->setVisible(available);
  m_progress->setVisible(available);
}

void QuestionPanel::setBusy(bool busy) {
  m_cancel->setEnabled(busy);
  updateRunEnabled();
  if (!busy) m_progress->setFormat(QString());
}

void QuestionPanel::setProgress(double fraction, const QString& stage) {
  m_progress->setValue(int(std::clamp(fraction, 0.0, 1.0) * 1000));
  m_progress->setFormat(stage.isEmpty() ? QStringLiteral("%p%") : stage + QStringLiteral(" · %p%"));
}

}  // namespace sevila::widgets
