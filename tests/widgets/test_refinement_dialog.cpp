// The refinement dialog: sources without labels disable their boxes (and Start, saying why), settings
// round-trip, a run's life (locked options, Start -> Cancel, the loss curve, the ETA, the result), and that
// closing the window during a run hides it without cancelling.
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTextBrowser>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/loss_curve.h"
#include "widgets/refinement_dialog.h"

using sevila::widgets::RefinementDialog;
using sevila::widgets::RefinementSettings;
using sevila::widgets::RefinementSources;

namespace {
RefinementSources allSources() {
  RefinementSources s;
  s.projectLabels = 12;
  s.projectItems = 5;
  s.datasetName = "qvh val";
  s.datasetItems = 1550;
  s.windowsAvailable = true;
  return s;
}

template <typename T>
T* child(const QWidget& parent, const char* name) {
  T* w = parent.findChild<T*>(QLatin1String(name));
  if (!w) qWarning("no child %s", name);
  return w;
}

// A dialog on screen, ready to start: every source available, two versions, CPU and CUDA.
struct Ready {
  RefinementDialog dialog;
  QPushButton* start;
  QPushButton* cancel;
  QPushButton* useRefined;
  Ready() {
    dialog.setSources(allSources());
    dialog.setModelVersions({"sevila_pretrained", "refined 1"}, 1);
    dialog.setDevices({"cpu", "cuda"});
    dialog.show();
    start = child<QPushButton>(dialog, "startButton");
    cancel = child<QPushButton>(dialog, "cancelButton");
    useRefined = child<QPushButton>(dialog, "useRefinedButton");
  }
  bool locked() const {
    return !child<QGroupBox>(dialog, "sourcesGroup")->isEnabled() &&
           !child<QGroupBox>(dialog, "optionsGroup")->isEnabled() &&
           !child<QSpinBox>(dialog, "epochsSpin")->isEnabled() &&
           !child<QCheckBox>(dialog, "projectLabelsCheck")->isEnabled();
  }
};
}  // namespace

class TestRefinementDialog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void initTestCase() { QLocale::setDefault(QLocale::c()); }

  void sourcesWithoutLabelsDisableTheirBoxesAndStart() {
    RefinementDialog dialog;
    QVERIFY(!dialog.isModal());
    dialog.setModelVersions({"sevila_pretrained"}, 0);
    dialog.setSources(RefinementSources{});
    auto* project = child<QCheckBox>(dialog, "projectLabelsCheck");
    auto* chain = child<QCheckBox>(dialog, "reverseChainCheck");
    auto* windows = child<QCheckBox>(dialog, "windowsCheck");
    auto* start = child<QPushButton>(dialog, "startButton");
    QVERIFY(project && chain && windows && start);
    QVERIFY(!project->isEnabled() && !chain->isEnabled() && !windows->isEnabled());
    QVERIFY(!project->isChecked());  // a disabled source does not look as if it will train
    QVERIFY(project->toolTip().contains("mark keyframes with M"));
    QVERIFY(chain->toolTip().contains("No dataset is open"));
    QVERIFY(windows->toolTip().contains("QVHighlights"));
    QVERIFY(!dialog.settings().anySource());
    QVERIFY(!start->isEnabled());
    QVERIFY(start->toolTip().contains("at least one label source"));
    QVERIFY(child<QLabel>(dialog, "startHint")->text().contains("at least one label source"));

    // Labels arrive: the box comes back with the user's choice (the default: project labels on) and counts.
    RefinementSources some;
    some.projectLabels = 12;
    some.projectItems = 5;
    some.datasetName = "nextqa val";  // no ground truth: no pseudo-labels
    dialog.setSources(some);
    QVERIFY(project->isEnabled() && project->isChecked());
    QVERIFY(project->text().contains("12 label") && project->text().contains("5 item"));
    QVERIFY(!chain->isEnabled());
    QVERIFY(chain->text().contains("nextqa val"));
    QVERIFY(chain->toolTip().contains("no ground truth answers"));
    QVERIFY(chain->text().contains("no ground truth"));
    QVERIFY(!windows->isEnabled());
    QVERIFY(start->isEnabled());
    QVERIFY(child<QLabel>(dialog, "startHint")->text().isEmpty());

    project->setChecked(false);  // nothing checked: Start says why again
    QVERIFY(!start->isEnabled());
    project->setChecked(true);
    QVERIFY(start->isEnabled());

    dialog.setSources(allSources());
    QVERIFY(chain->isEnabled() && windows->isEnabled());
    QVERIFY(chain->text().contains("1550 question") && chain->text().contains("qvh val"));
    QVERIFY(windows->text().contains("qvh val"));

    dialog.setModelVersions({}, -1);  // no model: nothing to start from
    QVERIFY(!start->isEnabled());
    QVERIFY(start->toolTip().contains("Open a model first"));
  }

  void settingsRoundTrip() {
    RefinementDialog dialog;
    dialog.setSources(allSources());
    dialog.setModelVersions({"sevila_pretrained", "refined 1", "refined 2"}, 0);
    dialog.setDevices({"cpu", "cuda"});
    QCOMPARE(dialog.settings(), RefinementSettings{});  // the defaults as given

    RefinementSettings s;
    s.projectLabels = false;
    s.reverseChain = true;
    s.windows = true;
    s.baseVersion = 2;
    s.device = "cuda";
    s.epochs = 8;
    s.seed = 7;
    s.heldOutPercent = 30;
    s.learningRate = 1e-3;
    s.uniformFrames = true;
    dialog.setSettings(s);
    QCOMPARE(dialog.settings(), s);
    QCOMPARE(child<QComboBox>(dialog, "learningRateCombo")->currentText(), QString("0.001"));
    QCOMPARE(child<QComboBox>(dialog, "framesCombo")->currentText(), QString("Uniform, cached"));
    QCOMPARE(child<QComboBox>(dialog, "baseModelCombo")->currentText(), QString("refined 2"));
    QCOMPARE(child<QComboBox>(dialog, "deviceCombo")->currentText(), QString("CUDA GPU"));
    QCOMPARE(child<QSpinBox>(dialog, "heldOutSpin")->value(), 30);
    // A rate that is not offered (older settings) becomes the nearest one offered.
    RefinementSettings between = s;
    between.learningRate = 2e-4;
    dialog.setSettings(between);
    QCOMPARE(dialog.settings().learningRate, 3e-4);
    dialog.setSettings(s);

    // A source that loses its labels does not train, and its choice comes back with the labels.
    RefinementSources noDataset = allSources();
    noDataset.datasetName.clear();
    noDataset.datasetItems = 0;
    noDataset.windowsAvailable = false;
    dialog.setSources(noDataset);
    QVERIFY(!dialog.settings().reverseChain && !dialog.settings().windows);
    dialog.setSources(allSources());
    QCOMPARE(dialog.settings(), s);

    // A device list without the chosen one falls back; one that keeps it keeps the choice.
    dialog.setDevices({"cpu", "cuda", "cuda:1"});
    QCOMPARE(dialog.settings().device, QString("cuda"));
    dialog.setDevices({"cpu"});
    QCOMPARE(dialog.settings().device, QString("cpu"));
  }

  void startLocksTheOptionsAndCancelAsks() {
    Ready r;
    QSignalSpy started(&r.dialog, &RefinementDialog::startRequested);
    QSignalSpy cancelled(&r.dialog, &RefinementDialog::cancelRequested);
    QVERIFY(r.start->isVisible() && r.start->isEnabled());
    QVERIFY(!r.cancel->isVisible() && !r.useRefined->isVisible());
    QCOMPARE(child<QLabel>(r.dialog, "stageLabel")->text(), QString("Not started"));

    QTest::mouseClick(r.start, Qt::LeftButton);
    QCOMPARE(started.count(), 1);
    const auto sent = started.at(0).at(0).value<RefinementSettings>();
    QCOMPARE(sent, r.dialog.settings());
    QCOMPARE(sent.baseVersion, 1);
    // Waiting for the controller: locked, and a second click starts nothing.
    QVERIFY(r.locked());
    QVERIFY(!r.start->isEnabled());
    QTest::mouseClick(r.start, Qt::LeftButton);
    QCOMPARE(started.count(), 1);

    r.dialog.runStarted(500);
    QVERIFY(r.dialog.isRunning());
    QVERIFY(r.locked());
    QVERIFY(!r.start->isVisible());
    QVERIFY(r.cancel->isVisible() && r.cancel->isEnabled());
    r.dialog.setSources(
        allSources());  // the app refreshes the counts during a run: still locked, same choice
    QVERIFY(r.locked());
    QCOMPARE(r.dialog.settings(), sent);
    r.dialog.setStage("Preparing labels");
    QCOMPARE(child<QLabel>(r.dialog, "stageLabel")->text(), QString("Preparing labels"));

    QTest::mouseClick(r.cancel, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!r.cancel->isEnabled());  // once: the run finishes its step first
    QCOMPARE(r.cancel->text(), QString("Cancelling…"));
    QTest::mouseClick(r.cancel, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(r.dialog.isRunning());  // until the controller says it stopped

    r.dialog.runCancelled("Cancelled: the last checkpoint (epoch 2) was kept");
    QVERIFY(!r.dialog.isRunning());
    QVERIFY(!r.locked());
    QVERIFY(r.start->isVisible() && r.start->isEnabled());
    QVERIFY(!r.cancel->isVisible() && !r.useRefined->isVisible());
    auto* message = child<QLabel>(r.dialog, "runMessage");
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), QString("Cancelled: the last checkpoint (epoch 2) was kept"));
    QCOMPARE(child<QLabel>(r.dialog, "stageLabel")->text(), QString("Cancelled"));
  }

  // A controller that answers within the signal is seen (the dialog sets its state before emitting).
  void startAnsweredAtOnce() {
    Ready r;
    connect(&r.dialog, &RefinementDialog::startRequested, &r.dialog,
            [&r](const RefinementSettings&) { r.dialog.runStarted(10); });
    QTest::mouseClick(r.start, Qt::LeftButton);
    QVERIFY(r.dialog.isRunning());
    QVERIFY(r.cancel->isVisible() && r.cancel->isEnabled());
  }

  void lossPointsAndMovingAverage() {
    Ready r;
    r.dialog.runStarted(50);
    QCustomPlot* chart = r.dialog.lossChart();
    QVERIFY(chart);
    QCOMPARE(chart, r.dialog.findChild<QCustomPlot*>("lossChart"));
    QCOMPARE(chart->graphCount(), 2);
    r.dialog.addLoss(1, 0.9);
    r.dialog.addLoss(2, 0.5);
    r.dialog.addLoss(3, 0.7);
    r.dialog.addLoss(4, std::nan(""));  // not drawn, the average unchanged
    QCPGraph* raw = chart->graph(0);
    QCPGraph* smooth = chart->graph(1);
    QCOMPARE(raw->dataCount(), 3);
    QCOMPARE(smooth->dataCount(), 3);
    const double keys[] = {1, 2, 3}, losses[] = {0.9, 0.5, 0.7};
    // avg = 0.9·avg + 0.1·loss, from the first loss.
    const double averages[] = {0.9, 0.86, 0.844};
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(raw->dataMainKey(i), keys[i]);
      QCOMPARE(raw->dataMainValue(i), losses[i]);
      QCOMPARE(smooth->dataMainKey(i), keys[i]);
      QVERIFY(qAbs(smooth->dataMainValue(i) - averages[i]) < 1e-12);
    }
    QVERIFY(qAbs(r.dialog.lossCurve()->smoothedLoss() - 0.844) < 1e-12);
    // The whole run on x; the losses inside the y range.
    QCOMPARE(chart->xAxis->range().lower, 0.0);
    QCOMPARE(chart->xAxis->range().upper, 50.0);
    QVERIFY(chart->yAxis->range().lower < 0.5 && chart->yAxis->range().upper > 0.9);
    QVERIFY(child<QLabel>(r.dialog, "lossReadout")->text().contains("0.7000"));

    r.dialog.runFailed("x");
    r.dialog.runStarted(20);  // a new run starts a new curve
    QCOMPARE(raw->dataCount(), 0);
    QCOMPARE(smooth->dataCount(), 0);
    QCOMPARE(chart->xAxis->range().upper, 20.0);
  }

  void progressShowsTheEta() {
    Ready r;
    r.dialog.runStarted(500);
    r.dialog.setProgress(120, 500, 123, 83);
    const QString time = child<QLabel>(r.dialog, "timeLabel")->text();
    QVERIFY2(time.contains("ETA 1:23"), qPrintable(time));
    QVERIFY2(time.contains("Step 120 of 500"), qPrintable(time));
    QVERIFY2(time.contains("2:03 elapsed"), qPrintable(time));
    auto* bar = child<QProgressBar>(r.dialog, "progressBar");
    QCOMPARE(double(bar->value()) / bar->maximum(), 0.24);
    r.dialog.setProgress(121, 500, 124, -1);  // not known yet
    QVERIFY(child<QLabel>(r.dialog, "timeLabel")->text().contains("ETA —"));
    r.dialog.setProgress(0, 0, 5, -1);  // a stage without steps: a busy bar
    QCOMPARE(bar->maximum(), 0);
    QCOMPARE(RefinementDialog::formatDuration(3723), QString("1:02:03"));
    QCOMPARE(RefinementDialog::formatDuration(59.6), QString("1:00"));
    QCOMPARE(RefinementDialog::formatDuration(std::nan("")), QString("—"));
  }

  void finishedOffersTheRefinedModel() {
    Ready r;
    QSignalSpy use(&r.dialog, &RefinementDialog::useRefinedModelRequested);
    r.dialog.runStarted(10);
    QVERIFY(!r.useRefined->isVisible());
    r.dialog.setProgress(10, 10, 75, 0);
    r.dialog.runFinished(
        "<table><tr><th></th><th>before</th><th>after</th></tr>"
        "<tr><td>accuracy</td><td>61.0</td><td>64.5</td></tr></table>");
    QVERIFY(!r.dialog.isRunning());
    QVERIFY(!r.locked());
    QVERIFY(r.useRefined->isVisible() && r.useRefined->isEnabled());
    auto* summary = child<QTextBrowser>(r.dialog, "summaryBrowser");
    QVERIFY(summary->isVisible());
    QVERIFY(summary->toPlainText().contains("64.5"));
    QVERIFY(!child<QLabel>(r.dialog, "runMessage")->isVisible());
    QCOMPARE(child<QLabel>(r.dialog, "timeLabel")->text(), QString("1:15 elapsed"));  // no ETA after the end
    auto* bar = child<QProgressBar>(r.dialog, "progressBar");
    QCOMPARE(bar->value(), bar->maximum());
    QTest::mouseClick(r.useRefined, Qt::LeftButton);
    QCOMPARE(use.count(), 1);

    r.dialog.runStarted(10);  // the next run hides the last one's result
    QVERIFY(!r.useRefined->isVisible());
    QVERIFY(!child<QGroupBox>(r.dialog, "resultGroup")->isVisible());
  }

  void failureUnlocksTheSettings() {
    Ready r;
    r.dialog.runStarted(10);
    QVERIFY(r.locked());
    r.dialog.runFailed("Out of memory on cuda:0 <b>(8 GiB)</b>: lower the epochs' batch");
    QVERIFY(!r.dialog.isRunning());
    QVERIFY(!r.locked());
    QVERIFY(r.start->isVisible() && r.start->isEnabled());
    QVERIFY(!r.useRefined->isVisible());
    auto* message = child<QLabel>(r.dialog, "runMessage");
    QVERIFY(message->isVisible());
    QCOMPARE(message->textFormat(), Qt::PlainText);  // shown as written, markup included
    QCOMPARE(message->text(), QString("Out of memory on cuda:0 <b>(8 GiB)</b>: lower the epochs' batch"));
    QCOMPARE(child<QLabel>(r.dialog, "stageLabel")->text(), QString("Failed"));

    // A start the controller refuses before any run also unlocks.
    QTest::mouseClick(r.start, Qt::LeftButton);
    QVERIFY(r.locked());
    r.dialog.runFailed("The project has no video folder");
    QVERIFY(!r.locked() && r.start->isEnabled());
  }

  void closingDuringARunOnlyHides() {
    Ready r;
    QVERIFY(QTest::qWaitForWindowExposed(&r.dialog));
    QSignalSpy cancelled(&r.dialog, &RefinementDialog::cancelRequested);
    r.dialog.runStarted(10);
    QVERIFY(child<QPushButton>(r.dialog, "closeButton")->toolTip().contains("the run goes on"));
    QTest::mouseClick(child<QPushButton>(r.dialog, "closeButton"), Qt::LeftButton);
    QVERIFY(!r.dialog.isVisible());
    QVERIFY(r.dialog.isRunning());
    r.dialog.show();
    QTest::keyClick(&r.dialog, Qt::Key_Escape);
    QVERIFY(!r.dialog.isVisible());
    r.dialog.show();
    r.dialog.close();
    QVERIFY(!r.dialog.isVisible());
    QCOMPARE(cancelled.count(), 0);
    r.dialog.addLoss(1, 0.5);  // still followed while hidden
    r.dialog.show();
    QCOMPARE(r.dialog.lossChart()->graph(0)->dataCount(), 1);
    QVERIFY(r.cancel->isVisible() && r.cancel->isEnabled());
  }
};

QTEST_MAIN(TestRefinementDialog)
#include "test_refinement_dialog.moc"
