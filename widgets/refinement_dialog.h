// Refine the Localizer from the studio: the user picks the label sources (their confirmed keyframes, the
// reverse chain's pseudo-labels on the open dataset, QVHighlights' relevant windows) and the options, then
// follows the run (stage, progress with ETA, the live loss) and reads the before/after summary. It renders
// what the controller tells it and emits intent (start, cancel, use the refined model); it trains nothing.
//
// A run's life, driven by the controller:
//   startRequested(settings) -> runStarted(steps) -> setStage / setProgress / addLoss ... ->
//   runFinished(summary) | runFailed(message) | runCancelled(message).
// After Start the dialog waits (Start disabled, "Starting…") until runStarted or runFailed, so a double
// click cannot start two runs. Cancel emits cancelRequested once and waits for runCancelled (or
// runFinished / runFailed when the run ends first).
//
// The dialog is not modal: the main window stays usable during a run. Close, Esc and the window's close
// button only hide it; they never cancel a run (only Cancel does). The app shows it again to follow the run.
#pragma once

#include <QDialog>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QEvent;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace sevila::widgets {

class LossCurve;

// What the user can train from (filled by the app).
struct RefinementSources {
  int projectLabels = 0;          // confirmed human keyframe labels in the project
  int projectItems = 0;           // items they cover
  QString datasetName;            // the open dataset split ("" when none)
  int datasetItems = 0;           // its questions with a ground truth (reverse-chain pseudo-labels)
  bool windowsAvailable = false;  // the open dataset is QVHighlights (relevant windows)
};

struct RefinementSettings {
  bool projectLabels = true, reverseChain = false, windows = false;
  int baseVersion = 0;  // index into the versions list given by setModelVersions
  QString device = QStringLiteral("cpu");
  int epochs = 5;
  int seed = 42;
  int heldOutPercent = 20;     // share of the labelled questions kept out of training for before/after
  double learningRate = 3e-5;  // peak; the paper's for real models, one of learningRates()
  // The reference draws each epoch's frames at random within their intervals; uniform frames are the
  // same every epoch, so their ViT features come from the cache after the first.
  bool uniformFrames = false;

  bool anySource() const { return projectLabels || reverseChain || windows; }
  bool operator==(const RefinementSettings& o) const {
    return projectLabels == o.projectLabels && reverseChain == o.reverseChain && windows == o.windows &&
           baseVersion == o.baseVersion && device == o.device && epochs == o.epochs && seed == o.seed &&
           heldOutPercent == o.heldOutPercent && learningRate == o.learningRate &&
           uniformFrames == o.uniformFrames;
  }
  bool operator!=(const RefinementSettings& o) const { return !(*this == o); }
};

class RefinementDialog : public QDialog {
  Q_OBJECT
public:
  explicit RefinementDialog(QWidget* parent = nullptr);

  // Enables the source check boxes that have labels, with the counts in their text; a source without any
  // is disabled and unchecked, its tooltip saying why (the user's choice comes back when it has labels).
  void setSources(const RefinementSources& sources);
  const RefinementSources& sources() const { return m_sources; }
  // The model versions training can start from (e.g. "sevila_pretrained", "refined 2026-12-05 11:02"),
  // `current` selected. No versions: Start is disabled until a model is open.
  void setModelVersions(const QStringList& names, int current);
  // e.g. {"cpu"} or {"cpu", "cuda"}; "cpu" and "cuda" are shown by name, others as given. Keeps the
  // selection when it is still offered.
  void setDevices(const QStringList& devices);
  // The choices as shown: a source counts only while its box is enabled and checked.
  RefinementSettings settings() const;
  // Selects what `settings` names; a device or version not offered leaves that combo as it was.
  void setSettings(const RefinementSettings& settings);

  // A run's life (see the top of this file).
  void runStarted(int totalSteps);     // settings locked, Start -> Cancel, the loss curve cleared
  void setStage(const QString& text);  // "Preparing labels", "Training", "Evaluating before", ...
  // The bar and "Step 120 of 500 · 2:03 elapsed · ETA 1:23"; steps <= 0 shows a busy bar (a stage
  // without steps); etaSeconds < 0 (or NaN) shows the ETA as unknown.
  void setProgress(qint64 step, qint64 steps, double elapsedSeconds, double etaSeconds);
  void addLoss(qint64 step, double loss);        // the live loss curve and its moving average
  void runFinished(const QString& summaryHtml);  // before/after table etc.; shows "Use the refined model"
  void runFailed(const QString& message);        // shown plainly; settings unlocked
  void runCancelled(const QString& message);     // e.g. "Cancelled: the last checkpoint (epoch 2) was kept"
  bool isRunning() const { return m_running; }

  QCustomPlot* lossChart() const;  // for chart export and tests
  LossCurve* lossCurve() const { return m_loss; }
  // "1:23", or "1:02:03" from an hour on; "—" when unknown (negative or NaN).
  static QString formatDuration(double seconds);

Q_SIGNALS:
  void startRequested(const sevila::widgets::RefinementSettings& settings);
  void cancelRequested();
  void useRefinedModelRequested();

protected:
  void changeEvent(QEvent* event) override;

private:
  enum class Outcome { None, Finished, Failed, Cancelled };

  void retranslate();
  void updateSources();
  void updateState();
  void endRun(Outcome outcome, const QString& text);
  void onStartClicked();
  void onCancelClicked();

  RefinementSources m_sources;
  bool m_hasVersions = false;
  bool m_starting = false;  // Start clicked, runStarted or runFailed not yet called
  bool m_running = false;
  bool m_cancelling = false;  // Cancel clicked during this run
  Outcome m_outcome = Outcome::None;
  double m_elapsed = -1;  // the run's last elapsed seconds, -1 before any progress

  QGroupBox* m_sourcesGroup;
  QCheckBox* m_projectLabels;
  QCheckBox* m_reverseChain;
  QCheckBox* m_windows;
  QLabel* m_sourcesNote;
  QGroupBox* m_optionsGroup;
  QComboBox* m_baseModel;
  QComboBox* m_device;
  QSpinBox* m_epochs;
  QSpinBox* m_seed;
  QSpinBox* m_heldOut;
  QComboBox* m_learningRate;
  QComboBox* m_frames;
  QLabel* m_trainsNote;
  QGroupBox* m_runGroup;
  QLabel* m_stage;
  QLabel* m_time;
  QProgressBar* m_progress;
  LossCurve* m_loss;
  QGroupBox* m_resultGroup;
  QLabel* m_message;
  QTextBrowser* m_summary;
  QLabel* m_startHint;
  QPushButton* m_start;
  QPushButton* m_cancel;
  QPushButton* m_useRefined;
  QPushButton* m_close;
};

}  // namespace sevila::widgets

Q_DECLARE_METATYPE(sevila::widgets::RefinementSettings)
