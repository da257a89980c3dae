#include "widgets/refinement_dialog.h"

#include <QAbstractTextDocumentLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "widgets/loss_curve.h"

namespace sevila::widgets {
namespace {
constexpr int kProgressScale = 10000;  // the bar's range: steps may exceed an int
const char* const kWanted = "wanted";  // a disabled source box remembers whether the user had checked it
constexpr int kMaxNameLength = 28;     // a longer dataset name is elided in the source boxes
constexpr int kSummaryMinHeight = 90, kSummaryMaxHeight = 260;  // px: a long report scrolls

// Whether a source box is enabled itself, whatever the group around it (locked during a run).
bool isAvailable(const QCheckBox* box) {
  return box->isEnabledTo(box->parentWidget());
}

// Enables or disables a source box; a disabled box shows unchecked (it will not train) and gets the
// user's choice back when it is enabled again.
void setSourceAvailable(QCheckBox* box, bool available) {
  if (available == isAvailable(box)) return;
  if (!available) {
    box->setProperty(kWanted, box->isChecked());
    box->setChecked(false);
  } else if (box->property(kWanted).isValid()) {
    box->setChecked(box->property(kWanted).toBool());
  }
  box->setEnabled(available);
}

// A muted, wrapping note under a group's controls.
QLabel* note(QWidget* parent, const char* name) {
  auto* label = new QLabel(parent);
  label->setObjectName(QLatin1String(name));
  label->setWordWrap(true);
  label->setTextFormat(Qt::PlainText);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}
}  // namespace

RefinementDialog::RefinementDialog(QWidget* parent)
    : QDialog(parent),
      m_sourcesGroup(new QGroupBox(this)),
      m_projectLabels(new QCheckBox(this)),
      m_reverseChain(new QCheckBox(this)),
      m_windows(new QCheckBox(this)),
      m_sourcesNote(note(this, "sourcesNote")),
      m_optionsGroup(new QGroupBox(this)),
      m_baseModel(new QComboBox(this)),
      m_device(new QComboBox(this)),
      m_epochs(new QSpinBox(this)),
      m_seed(new QSpinBox(this)),
      m_heldOut(new QSpinBox(this)),
      m_learningRate(new QComboBox(this)),
      m_frames(new QComboBox(this)),
      m_trainsNote(note(this, "trainsNote")),
      m_runGroup(new QGroupBox(this)),
      m_stage(new QLabel(this)),
      m_time(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_loss(new LossCurve(this)),
      m_resultGroup(new QGroupBox(this)),
      m_message(new QLabel(this)),
      m_summary(new QTextBrowser(this)),
      m_startHint(note(this, "startHint")),
      m_start(new QPushButton(this)),
      m_cancel(new QPushButton(this)),
      m_useRefined(new QPushButton(this)),
      m_close(new QPushButton(this)) {
  setObjectName(QStringLiteral("refinementDialog"));
  setModal(false);
  setSizeGripEnabled(true);

  // Label sources.
  m_sourcesGroup->setObjectName(QStringLiteral("sourcesGroup"));
  m_projectLabels->setObjectName(QStringLiteral("projectLabelsCheck"));
  m_reverseChain->setObjectName(QStringLiteral("reverseChainCheck"));
  m_windows->setObjectName(QStringLiteral("windowsCheck"));
  for (QCheckBox* box : {m_projectLabels, m_reverseChain, m_windows})
    connect(box, &QCheckBox::toggled, this, &RefinementDialog::updateState);
  auto* sources = new QVBoxLayout(m_sourcesGroup);
  sources->addWidget(m_projectLabels);
  sources->addWidget(m_reverseChain);
  sources->addWidget(m_windows);
  sources->addStretch(1);
  sources->addWidget(m_sourcesNote);

  // Options.
  m_optionsGroup->setObjectName(QStringLiteral("optionsGroup"));
  m_baseModel->setObjectName(QStringLiteral("baseModelCombo"));
  m_baseModel->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_baseModel->setMinimumContentsLength(16);
  m_device->setObjectName(QStringLiteral("deviceCombo"));
  m_epochs->setObjectName(QStringLiteral("epochsSpin"));
  m_epochs->setRange(1, 1000);  // a few dozen labels need many short epochs
  m_seed->setObjectName(QStringLiteral("seedSpin"));
  m_seed->setRange(0, INT_MAX);
  m_heldOut->setObjectName(QStringLiteral("heldOutSpin"));
  m_heldOut->setRange(0, 90);
  m_heldOut->setSuffix(QStringLiteral(" %"));
  m_learningRate->setObjectName(QStringLiteral("learningRateCombo"));
  // The paper's rate suits a model pre-trained at scale; a small model trained from scratch (the demo's)
  // moves in a few hundred steps only at a larger one.
  for (const double rate : {3e-5, 1e-4, 3e-4, 1e-3})
    m_learningRate->addItem(QString::number(rate, 'g', 2), rate);
  m_frames->setObjectName(QStringLiteral("framesCombo"));
  m_frames->addItem(QString(), false);  // texts in retranslate
  m_frames->addItem(QString(), true);
  auto* options = new QFormLayout(m_optionsGroup);
  options->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  auto* baseLabel = new QLabel(this);
  auto* deviceLabel = new QLabel(this);
  auto* epochsLabel = new QLabel(this);
  auto* seedLabel = new QLabel(this);
  auto* heldOutLabel = new QLabel(this);
  auto* rateLabel = new QLabel(this);
  auto* framesLabel = new QLabel(this);
  options->addRow(baseLabel, m_baseModel);
  options->addRow(deviceLabel, m_device);
  // Three short numbers share one row, so the options stay as short as the sources beside them.
  auto* numbers = new QHBoxLayout;
  numbers->addWidget(m_epochs);
  numbers->addSpacing(8);
  numbers->addWidget(seedLabel);
  numbers->addWidget(m_seed);
  numbers->addSpacing(8);
  numbers->addWidget(heldOutLabel);
  numbers->addWidget(m_heldOut);
  numbers->addStretch(1);
  options->addRow(epochsLabel, numbers);
  auto* training = new QHBoxLayout;
  training->addWidget(m_learningRate);
  training->addSpacing(8);
  training->addWidget(framesLabel);
  training->addWidget(m_frames, 1);
  options->addRow(rateLabel, training);
  options->addRow(m_trainsNote);
  baseLabel->setBuddy(m_baseModel);
  deviceLabel->setBuddy(m_device);
  epochsLabel->setBuddy(m_epochs);
  seedLabel->setBuddy(m_seed);
  heldOutLabel->setBuddy(m_heldOut);
  rateLabel->setBuddy(m_learningRate);
  framesLabel->setBuddy(m_frames);
  baseLabel->setObjectName(QStringLiteral("baseModelLabel"));
  deviceLabel->setObjectName(QStringLiteral("deviceLabel"));
  epochsLabel->setObjectName(QStringLiteral("epochsLabel"));
  seedLabel->setObjectName(QStringLiteral("seedLabel"));
  heldOutLabel->setObjectName(QStringLiteral("heldOutLabel"));
  rateLabel->setObjectName(QStringLiteral("learningRateLabel"));
  framesLabel->setObjectName(QStringLiteral("framesLabel"));

  // The run.
  m_runGroup->setObjectName(QStringLiteral("runGroup"));
  m_stage->setObjectName(QStringLiteral("stageLabel"));
  m_stage->setTextFormat(Qt::PlainText);
  QFont bold = m_stage->font();
  bold.setBold(true);
  m_stage->setFont(bold);
  m_time->setObjectName(QStringLiteral("timeLabel"));
  m_time->setTextFormat(Qt::PlainText);
  m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  m_progress->setObjectName(QStringLiteral("progressBar"));
  m_progress->setRange(0, kProgressScale);
  m_progress->setValue(0);
  auto* run = new QVBoxLayout(m_runGroup);
  auto* stageRow = new QHBoxLayout;
  stageRow->addWidget(m_stage, 1);
  stageRow->addWidget(m_time);
  run->addLayout(stageRow);
  run->addWidget(m_progress);
  run->addWidget(m_loss, 1);

  // The result.
  m_resultGroup->setObjectName(QStringLiteral("resultGroup"));
  m_message->setObjectName(QStringLiteral("runMessage"));
  m_message->setTextFormat(Qt::PlainText);  // a failure's text is shown as is, never as markup
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_summary->setObjectName(QStringLiteral("summaryBrowser"));
  m_summary->setOpenLinks(false);  // a link in a report must not replace the report
  // As tall as the summary (up to a limit, then it scrolls), so the loss curve keeps the rest. The
  // document's height follows the browser's width, which is known only once the dialog is laid out.
  connect(m_summary->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
          [this](const QSizeF& size) {
            const int height = int(std::ceil(size.height())) + 2 * m_summary->frameWidth();
            m_summary->setMinimumHeight(std::min(height, kSummaryMinHeight));
            m_summary->setMaximumHeight(std::min(height, kSummaryMaxHeight));
          });
  auto* result = new QVBoxLayout(m_resultGroup);
  result->addWidget(m_message);
  result->addWidget(m_summary, 1);
  m_resultGroup->hide();

  // Buttons. None is a default: Enter in a spin box must not start a training run.
  m_start->setObjectName(QStringLiteral("startButton"));
  m_cancel->setObjectName(QStringLiteral("cancelButton"));
  m_useRefined->setObjectName(QStringLiteral("useRefinedButton"));
  m_close->setObjectName(QStringLiteral("closeButton"));
  auto* buttons = new QDialogButtonBox(this);
  for (QPushButton* b : {m_start, m_cancel, m_useRefined, m_close}) {
    b->setAutoDefault(false);
    b->setDefault(false);
  }
  buttons->addButton(m_start, QDialogButtonBox::ActionRole);
  buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
  buttons->addButton(m_useRefined, QDialogButtonBox::AcceptRole);
  buttons->addButton(m_close, QDialogButtonBox::RejectRole);
  m_cancel->hide();
  m_useRefined->hide();
  connect(m_start, &QPushButton::clicked, this, &RefinementDialog::onStartClicked);
  connect(m_cancel, &QPushButton::clicked, this, &RefinementDialog::onCancelClicked);
  connect(m_useRefined, &QPushButton::clicked, this, &RefinementDialog::useRefinedModelRequested);
  // Closing only hides the dialog (QDialog::reject); a run goes on.
  connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
  m_startHint->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  top->addWidget(m_sourcesGroup, 1);
  top->addWidget(m_optionsGroup, 1);
  layout->addLayout(top);
  layout->addWidget(m_runGroup, 3);
  layout->addWidget(m_resultGroup);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(m_startHint, 1);
  bottom->addWidget(buttons);
  layout->addLayout(bottom);
  // Fits a 1366x768 laptop screen with the window's frame and a panel.
  resize(960, 680);

  setDevices({QStringLiteral("cpu")});
  setSettings(RefinementSettings{});
  retranslate();
}

void RefinementDialog::retranslate() {
  setWindowTitle(tr("Refine the Localizer"));
  m_sourcesGroup->setTitle(tr("Label sources"));
  m_sourcesNote->setText(
      tr("Sources are merged per question: your confirmed keyframes replace that item's pseudo-labels."));
  m_optionsGroup->setTitle(tr("Options"));
  auto label = [this](const char* name) { return findChild<QLabel*>(QLatin1String(name)); };
  label("baseModelLabel")->setText(tr("&Base model:"));
  label("deviceLabel")->setText(tr("&Device:"));
  label("epochsLabel")->setText(tr("&Epochs:"));
  label("seedLabel")->setText(tr("&Seed:"));
  label("heldOutLabel")->setText(tr("&Held out:"));
  label("learningRateLabel")->setText(tr("&Learning rate:"));
  label("framesLabel")->setText(tr("&Frames:"));
  m_frames->setItemText(0, tr("Random in each interval"));
  m_frames->setItemText(1, tr("Uniform, cached"));
  m_baseModel->setToolTip(
      tr("The model version training starts from; the refined model becomes a new version"));
  m_device->setToolTip(tr("Where training runs; at the real model size a GPU is the practical choice"));
  m_epochs->setToolTip(tr("Passes over the training questions (the paper uses 5 to 10)"));
  m_seed->setToolTip(
      tr("Fixes the shuffling, the frames drawn and the held-out split: the same seed gives "
         "the same run"));
  m_heldOut->setToolTip(
      tr("The share of the labelled questions kept out of training, to compare the model before and after "
         "on questions it did not learn from; 0 trains on all and skips the comparison"));
  m_learningRate->setToolTip(
      tr("The peak learning rate. 3e-05 is the paper's, for a model pre-trained at scale; a small model "
         "trained from scratch, such as the demo's, may need a larger one"));
  m_frames->setToolTip(
      tr("Random: each epoch draws new frames within the 32 intervals, as the paper does, and encodes "
         "them again. Uniform: the same frames every epoch, their image features read from the cache, "
         "so epochs after the first are much faster"));
  m_trainsNote->setText(
      tr("Trains the Localizer's Q-Former, query tokens, projection and vision layer norm. The ViT and "
         "Flan-T5 stay frozen, and the Answerer is not changed."));
  m_runGroup->setTitle(tr("Run"));
  m_resultGroup->setTitle(tr("Result"));
  m_start->setText(tr("S&tart"));  // Alt+S is the seed
  m_cancel->setText(m_cancelling ? tr("Cancelling…") : tr("&Cancel"));
  m_cancel->setToolTip(tr("Stops after the current step; the last saved checkpoint is kept"));
  m_useRefined->setText(tr("&Use the refined model"));
  m_useRefined->setToolTip(tr("Answer with the refined Localizer from now on"));
  m_close->setText(tr("Close"));
  if (!m_running && !m_starting && m_outcome == Outcome::None) m_stage->setText(tr("Not started"));
  updateSources();
  updateState();
}

void RefinementDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void RefinementDialog::setSources(const RefinementSources& sources) {
  m_sources = sources;
  updateSources();
  updateState();
}

void RefinementDialog::updateSources() {
  const RefinementSources& s = m_sources;
  // The texts stay short so that the two groups fit side by side on a laptop; the tooltips say more.
  const QString dataset = s.datasetName.size() > kMaxNameLength
                              ? s.datasetName.left(kMaxNameLength - 1) + QChar(0x2026)
                              : s.datasetName;
  const bool project = s.projectLabels > 0;
  setSourceAvailable(m_projectLabels, project);
  if (project) {
    m_projectLabels->setText(
        tr("Your confirmed keyframes: %1 on %2")
            .arg(tr("%n label(s)", nullptr, s.projectLabels), tr("%n item(s)", nullptr, s.projectItems)));
    m_projectLabels->setToolTip(
        tr("On a labelled item its keyframes are \"yes\" and its other sampled "
           "frames \"no\"; unsure labels are left out"));
  } else {
    m_projectLabels->setText(tr("Your confirmed keyframes: none in this project yet"));
    m_projectLabels->setToolTip(tr("No confirmed keyframes in this project yet: mark keyframes with M"));
  }

  const bool chain = !s.datasetName.isEmpty() && s.datasetItems > 0;
  setSourceAvailable(m_reverseChain, chain);
  if (chain) {
    m_reverseChain->setText(
        tr("Reverse-chain pseudo-labels: %n question(s) of %1", nullptr, s.datasetItems).arg(dataset));
    m_reverseChain->setToolTip(
        tr("SeViLA's reverse chain on the questions of %1 with a ground truth: the frozen Answerer answers "
           "from each frame alone, and a frame is a keyframe where that answer is right")
            .arg(s.datasetName));
  } else if (!s.datasetName.isEmpty()) {
    m_reverseChain->setText(tr("Reverse-chain pseudo-labels: no ground truth in %1").arg(dataset));
    m_reverseChain->setToolTip(
        tr("The open dataset has no ground truth answers: the reverse chain needs "
           "them to tell which frames answer right"));
  } else {
    m_reverseChain->setText(tr("Reverse-chain pseudo-labels: no dataset open"));
    m_reverseChain->setToolTip(
        tr("No dataset is open: open a split with its ground truth answers (File ▸ Open Dataset…)"));
  }

  setSourceAvailable(m_windows, s.windowsAvailable);
  if (s.windowsAvailable) {
    m_windows->setText(
        s.datasetItems > 0
            ? tr("Relevant windows: %n question(s) of %1", nullptr, s.datasetItems).arg(dataset)
            : tr("Relevant windows of %1").arg(dataset));
    m_windows->setToolTip(
        tr("A frame is a keyframe when its time lies inside one of the question's "
           "annotated relevant windows"));
  } else {
    m_windows->setText(tr("Relevant windows: QVHighlights only"));
    m_windows->setToolTip(
        tr("Only QVHighlights annotates relevant windows: open a QVHighlights split "
           "to train on them"));
  }
}

void RefinementDialog::setModelVersions(const QStringList& names, int current) {
  m_baseModel->clear();
  m_baseModel->addItems(names);
  if (current >= 0 && current < names.size()) m_baseModel->setCurrentIndex(current);
  m_hasVersions = !names.isEmpty();
  updateState();
}

void RefinementDialog::setDevices(const QStringList& devices) {
  const QString selected = m_device->currentData().toString();
  m_device->clear();
  for (const QString& d : devices) {
    if (d == QLatin1String("cpu"))
      m_device->addItem(tr("CPU"), d);
    else if (d == QLatin1String("cuda"))
      m_device->addItem(tr("CUDA GPU"), d);
    else
      m_device->addItem(d, d);
  }
  const int keep = m_device->findData(selected);
  if (keep >= 0) m_device->setCurrentIndex(keep);
}

RefinementSettings RefinementDialog::settings() const {
  RefinementSettings s;
  s.projectLabels = isAvailable(m_projectLabels) && m_projectLabels->isChecked();
  s.reverseChain = isAvailable(m_reverseChain) && m_reverseChain->isChecked();
  s.windows = isAvailable(m_windows) && m_windows->isChecked();
  s.baseVersion = m_baseModel->currentIndex();
  s.device = m_device->currentData().toString();
  s.epochs = m_epochs->value();
  s.seed = m_seed->value();
  s.heldOutPercent = m_heldOut->value();
  s.learningRate = m_learningRate->currentData().toDouble();
  s.uniformFrames = m_frames->currentData().toBool();
  return s;
}

void RefinementDialog::setSettings(const RefinementSettings& settings) {
  // A disabled box keeps the wish for when its source has labels.
  auto choose = [](QCheckBox* box, bool on) {
    if (isAvailable(box))
      box->setChecked(on);
    else
      box->setProperty(kWanted, on);
  };
  choose(m_projectLabels, settings.projectLabels);
  choose(m_reverseChain, settings.reverseChain);
  choose(m_windows, settings.windows);
  if (settings.baseVersion >= 0 && settings.baseVersion < m_baseModel->count())
    m_baseModel->setCurrentIndex(settings.baseVersion);
  const int device = m_device->findData(settings.device);
  if (device >= 0) m_device->setCurrentIndex(device);
  m_epochs->setValue(settings.epochs);
  m_seed->setValue(settings.seed);
  m_heldOut->setValue(settings.heldOutPercent);
  // The nearest offered rate (a value from older settings may lie between two).
  int nearest = 0;
  for (int i = 1; i < m_learningRate->count(); ++i)
    if (std::abs(std::log(m_learningRate->itemData(i).toDouble() / settings.learningRate)) <
        std::abs(std::log(m_learningRate->itemData(nearest).toDouble() / settings.learningRate)))
      nearest = i;
  m_learningRate->setCurrentIndex(nearest);
  m_frames->setCurrentIndex(m_frames->findData(settings.uniformFrames));
  updateState();
}

void RefinementDialog::updateState() {
  const bool busy = m_running || m_starting;
  m_sourcesGroup->setEnabled(!busy);
  m_optionsGroup->setEnabled(!busy);
  m_start->setVisible(!m_running);
  m_cancel->setVisible(m_running);
  m_cancel->setEnabled(m_running && !m_cancelling);
  m_cancel->setText(m_cancelling ? tr("Cancelling…") : tr("&Cancel"));
  m_useRefined->setVisible(!busy && m_outcome == Outcome::Finished);

  QString why;
  if (!settings().anySource())
    why = tr("Choose at least one label source to start.");
  else if (!m_hasVersions)
    why = tr("Open a model first (File ▸ Open Model…).");
  m_start->setEnabled(!busy && why.isEmpty());
  m_start->setToolTip(why);
  m_startHint->setText(busy ? QString() : why);
  m_close->setToolTip(m_running ? tr("Hides this window; the run goes on") : QString());
}

void RefinementDialog::onStartClicked() {
  if (m_running || m_starting) return;
  const RefinementSettings s = settings();
  if (!s.anySource() || !m_hasVersions) return;
  // Set before emitting: a controller that answers at once (runStarted inside the signal) is seen.
  m_starting = true;
  m_stage->setText(tr("Starting…"));
  updateState();
  Q_EMIT startRequested(s);
}

void RefinementDialog::onCancelClicked() {
  if (!m_running || m_cancelling) return;
  m_cancelling = true;
  m_stage->setText(tr("Cancelling: finishing the current step…"));
  updateState();
  Q_EMIT cancelRequested();
}

void RefinementDialog::runStarted(int totalSteps) {
  m_starting = false;
  m_running = true;
  m_cancelling = false;
  m_outcome = Outcome::None;
  m_stage->setText(tr("Starting…"));
  m_elapsed = -1;
  m_time->clear();
  m_progress->setRange(0, kProgressScale);
  m_progress->setValue(0);
  m_loss->clear(totalSteps);
  m_message->clear();
  m_summary->clear();
  m_resultGroup->hide();
  updateState();
}

void RefinementDialog::setStage(const QString& text) {
  m_stage->setText(text);
}

QString RefinementDialog::formatDuration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return QStringLiteral("—");
  const qint64 s = qint64(std::llround(seconds));
  const QLatin1Char zero('0');
  if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
  return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, zero).arg(s % 60, 2, 10, zero);
}

void RefinementDialog::setProgress(qint64 step, qint64 steps, double elapsedSeconds, double etaSeconds) {
  const QLocale locale;
  m_elapsed = elapsedSeconds;
  if (steps <= 0) {
    m_progress->setRange(0, 0);  // busy: a stage whose length is not known
    m_time->setText(tr("%1 elapsed").arg(formatDuration(elapsedSeconds)));
    return;
  }
  step = std::clamp<qint64>(step, 0, steps);
  m_progress->setRange(0, kProgressScale);
  m_progress->setValue(int(double(step) / double(steps) * kProgressScale));
  m_time->setText(tr("Step %1 of %2 · %3 elapsed · ETA %4")
                      .arg(locale.toString(step), locale.toString(steps), formatDuration(elapsedSeconds),
                           formatDuration(etaSeconds)));
}

void RefinementDialog::addLoss(qint64 step, double loss) {
  m_loss->addLoss(step, loss);
}

QCustomPlot* RefinementDialog::lossChart() const {
  return m_loss->plot();
}

void RefinementDialog::endRun(Outcome outcome, const QString& text) {
  m_starting = false;
  m_running = false;
  m_cancelling = false;
  m_outcome = outcome;
  if (m_progress->maximum() == 0) m_progress->setRange(0, kProgressScale);  // no busy bar after the end
  // An ETA means nothing once the run has ended; how long it took still does.
  m_time->setText(m_elapsed >= 0 ? tr("%1 elapsed").arg(formatDuration(m_elapsed)) : QString());
  // A failure in red; otherwise the inherited palette, so a theme switch still reaches the label.
  QPalette palette;
  if (outcome == Outcome::Failed) palette.setColor(QPalette::WindowText, QColor(0xe0, 0x40, 0x40));
  m_message->setPalette(palette);
  if (outcome == Outcome::Finished) {
    m_progress->setValue(kProgressScale);
    m_stage->setText(tr("Finished"));
    m_summary->setHtml(text);
    m_message->hide();
    m_summary->show();
  } else {
    m_stage->setText(outcome == Outcome::Failed ? tr("Failed") : tr("Cancelled"));
    m_message->setText(text);
    m_message->show();
    m_summary->clear();
    m_summary->hide();
  }
  m_resultGroup->show();
  updateState();
}

void RefinementDialog::runFinished(const QString& summaryHtml) {
  endRun(Outcome::Finished, summaryHtml);
}

void RefinementDialog::runFailed(const QString& message) {
  endRun(Outcome::Failed, message);
}

void RefinementDialog::runCancelled(const QString& message) {
  endRun(Outcome::Cancelled, message);
}

}  // namespace sevila::widgets
