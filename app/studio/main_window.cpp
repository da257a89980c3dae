#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>

#include <QDir>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "dataset_loader.h"
#include "dataset_run_controller.h"
#include "item_thumbnails.h"
#include "engine_error_text.h"
#include "frame_position.h"
#include "label_transfer_controller.h"
#include "run_views.h"
#include "dataset_session.h"
#include "project_store.h"
#include "open_dataset_dialog.h"
#include "open_model_dialog.h"
#include "theme.h"
#include "translations.h"
#include "widgets/dataset_browser.h"
#include "widgets/presentation_view.h"
#include "widgets/settings_dialog.h"
#include "widgets/shortcut_sheet.h"
#include "widgets/transport_bar.h"
#include "refinement_controller.h"
#include "run_controller.h"
#include "widgets/refinement_dialog.h"
#include "studio_paths.h"
#include "studio_settings.h"
#include "video_controller.h"
#include "data/annotator_agreement.h"
#include "data/dataset_reader.h"
#include "widgets/agreement_dialog.h"
#include "widgets/answer_panel.h"
#include "widgets/chart_export.h"
#include "widgets/dataset_filter_state.h"
#include "widgets/run_history.h"
#include "widgets/sampled_frame_strip.h"
#include "widgets/keyframe_strip.h"
#include "widgets/label_details.h"
#include "widgets/question_panel.h"
#include "widgets/score_timeline.h"
#include "widgets/video_view.h"

namespace sevila::studio {
namespace {
// "0:42", "12:05", "1:02:03": an ETA.
QString formatDuration(double seconds) {
  const qint64 s = qint64(std::max(0.0, seconds) + 0.5);
  if (s >= 3600)
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg(s / 60 % 60, 2, 10, QChar('0'))
        .arg(s % 60, 2, 10, QChar('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}
}  // namespace

MainWindow::MainWindow(StudioSettings* settings, QWidget* parent, std::unique_ptr<ErrorReporter> reporter)
    : QMainWindow(parent),
      m_settings(settings),
      m_reporter(reporter ? std::move(reporter) : std::make_unique<DialogErrorReporter>()),
      m_session(new RunSession(settings->annotator().toStdString(), this)),
      m_video(new VideoController(this)),
      m_model(new ModelController(this)),
      m_runner(new RunController(this)),
      m_labelTransfer(new LabelTransferController(this)),
      m_datasetLoader(new DatasetLoader(this)),
      m_dataset(new widgets::DatasetBrowser),
      m_labelDetails(new widgets::LabelDetails),
      m_videoView(new widgets::VideoView),
      m_transport(new widgets::TransportBar),
      m_timeline(new widgets::ScoreTimeline),
      m_keyframes(new widgets::KeyframeStrip),
      m_samples(new widgets::SampledFrameStrip),
      m_runHistory(new widgets::RunHistory),
      m_itemThumbs(new ItemThumbnails(this)),
      m_datasetRun(new DatasetRunController(this)),
      m_question(new widgets::QuestionPanel),
      m_answer(new widgets::AnswerPanel) {
  setObjectName("MainWindow");
  m_refinement = new RefinementController(this);
  setWindowTitle(tr("SeViLA Studio"));
  setWindowIcon(QIcon(":/icons/sevila-studio.svg"));
  setDockNestingEnabled(true);
  setAcceptDrops(true);
  createDocks();
  createMenus();
  createStatusBar();

  connect(m_videoView, &widgets::VideoView::fileDropped, this, &MainWindow::openVideo);
  connect(m_video, &VideoController::frameReady, m_videoView, &widgets::VideoView::setFrame);
  connect(m_video, &VideoController::positionChanged, this, &MainWindow::onVideoPositionChanged);
  connect(m_video, &VideoController::rateChanged, this,
          [this] { onVideoPositionChanged(m_video->currentFrame(), m_video->currentSeconds()); });
  connect(m_video, &VideoController::opened, this, &MainWindow::onVideoOpened);
  connect(m_video, &VideoController::openFailed, this, &MainWindow::onVideoOpenFailed);
  connect(m_timeline, &widgets::ScoreTimeline::seekRequested, m_video, &VideoController::seekSeconds);
  // The transport bar: it shows the controller's state and asks it to move.
  connect(m_video, &VideoController::playingChanged, this, &MainWindow::updateTransport);
  connect(m_video, &VideoController::rateChanged, this, &MainWindow::updateTransport);
  connect(m_transport, &widgets::TransportBar::playToggled, m_video, &VideoController::togglePlay);
  connect(m_transport, &widgets::TransportBar::seekRequested, m_video, &VideoController::seekFrame);
  connect(m_transport, &widgets::TransportBar::goToRequested, this, &MainWindow::goToPosition);
  connect(m_transport, &widgets::TransportBar::rateRequested, m_video, &VideoController::setRate);
  connect(m_transport, &widgets::TransportBar::loopStartRequested, this, [this] {
    m_loopStart = m_video->currentFrame();
    if (m_loopEnd <= m_loopStart) m_loopEnd = -1, m_looping = false;
    updateTransport();
  });
  connect(m_transport, &widgets::TransportBar::loopEndRequested, this, [this] {
    m_loopEnd = m_video->currentFrame();
    if (m_loopStart >= m_loopEnd) m_loopStart = -1, m_looping = false;
    updateTransport();
  });
  connect(m_transport, &widgets::TransportBar::loopToggled, this, [this](bool on) {
    m_looping = on && m_loopStart >= 0 && m_loopEnd > m_loopStart;
    updateTransport();
  });
  connect(m_keyframes, &widgets::KeyframeStrip::seekRequested, m_video, &VideoController::seekSeconds);
  // The strip of all sampled frames: a click shows the frame, M or a double-click marks it.
  connect(m_samples, &widgets::SampledFrameStrip::sampleSelected, this, [this](int position) {
    const auto& run = m_session->result();
    if (run && position >= 0 && size_t(position) < run->frames.size())
      m_video->seekFrame(run->frames[size_t(position)].frameIndex);
  });
  connect(m_samples, &widgets::SampledFrameStrip::markRequested, m_session, &RunSession::toggleKeyframe);
  connect(m_video, &VideoController::thumbnailReady, m_samples, &widgets::SampledFrameStrip::setThumbnail);
  connect(m_keyframeTabs, &QTabWidget::currentChanged, this, [this] { requestSampleThumbnails(); });
  connect(m_runHistory, &widgets::RunHistory::runActivated, this, [this](qint64 runId) {
    if (!m_session->showStoredRun(runId)) notify(tr("That run is no longer in the project"));
  });
  connect(m_settings, &StudioSettings::recentDatasetsChanged, this, &MainWindow::rebuildRecentDatasetsMenu);
  connect(m_settings, &StudioSettings::recentFilesChanged, this, &MainWindow::rebuildRecentFilesMenu);
  connect(m_settings, &StudioSettings::recentProjectsChanged, this, &MainWindow::rebuildRecentProjectsMenu);

  connect(m_model, &ModelController::loadStarted, this,
          [this](const QString& name) { m_modelStatus->setText(tr("Loading %1…").arg(name)); });
  connect(m_model, &ModelController::loaded, this, &MainWindow::onModelLoaded);
  connect(m_model, &ModelController::loadFailed, this, [this](const QString& message) {
    m_rerunAfterLoad = false;
    m_modelStatus->setText(tr("No model"));
    reportError(tr("Cannot open model"), tr("The model could not be loaded."), message);
  });

  // The refinement: the controller trains, the view shows its progress, the project keeps the version.
  connect(m_refinement, &RefinementController::stageChanged, this, [this](const QString& stage) {
    if (m_refineDialog) m_refineDialog->setStage(stage);
  });
  connect(m_refinement, &RefinementController::progress, this,
          [this](qint64 step, qint64 steps, double elapsed, double eta) {
            if (m_refineDialog) m_refineDialog->setProgress(step, steps, elapsed, eta);
          });
  connect(m_refinement, &RefinementController::lossRecorded, this, [this](qint64 step, double loss) {
    if (m_refineDialog) m_refineDialog->addLoss(step, loss);
  });
  connect(m_refinement, &RefinementController::finished, this, &MainWindow::onRefinementFinished);
  connect(m_refinement, &RefinementController::failed, this, [this](const QString& message) {
    updateActions();
    if (m_refineDialog) m_refineDialog->runFailed(message);
    notify(tr("Refinement stopped: %1").arg(message), 10000);
  });

  // The run: the question panel asks, the runner answers, the session keeps it, the views show it.
  connect(m_question, &widgets::QuestionPanel::runRequested, this, &MainWindow::onRunRequested);
  connect(m_question, &widgets::QuestionPanel::cancelRequested, m_runner, &RunController::cancel);
  connect(m_runner, &RunController::progress, m_question, &widgets::QuestionPanel::setProgress);
  connect(m_runner, &RunController::started, this, [this] { m_question->setBusy(true); });
  connect(m_runner, &RunController::finished, this, &MainWindow::onRunFinished);
  connect(m_runner, &RunController::whatIfFinished, this,
          [this](const engine::OptionScores& scores, const QVector<qint64>& frames) {
            m_question->setBusy(false);
            m_session->setWhatIf(scores, frames);
          });
  connect(m_runner, &RunController::baselinesFinished, this, [this](const engine::ChainResult& result) {
    m_question->setBusy(false);
    m_session->addBaselines(result);
  });
  connect(m_runner, &RunController::failed, this, [this](const QString& message) {
    m_question->setBusy(false);
    m_session->setBaselinesRunning(false);
    if (m_runner->task() != RunController::Task::Run) {
      notify(tr("The re-answer failed: %1").arg(message.section('\n', 0, 0)), 15000);
      return;
    }
    m_session->clear();  // the answer on screen is not this question's
    reportError(tr("The run failed"), tr("The question could not be answered."), message);
  });
  connect(m_runner, &RunController::cancelled, this, [this] {
    m_question->setBusy(false);
    m_session->setBaselinesRunning(false);
    notify(tr("Run cancelled"));
  });
  connect(m_answer, &widgets::AnswerPanel::baselinesRequested, this, &MainWindow::onComputeBaselines);
  connect(m_session, &RunSession::changed, this, &MainWindow::onSessionChanged);
  connect(m_session, &RunSession::editRefused, this, [this](const QString& why) { notify(why); });
  connect(m_session, &RunSession::saveFailed, this, [this](const QString& message) {
    reportError(tr("Cannot save"), tr("The change could not be saved in the project."), message);
  });

  // Label edits: from the timeline, the label details and the Keyframes menu, all through the session.
  connect(m_timeline, &widgets::ScoreTimeline::sampledFrameClicked, m_session, &RunSession::toggleKeyframe);
  connect(m_labelDetails, &widgets::LabelDetails::unsureChanged, m_session, &RunSession::setUnsure);
  connect(m_labelDetails, &widgets::LabelDetails::noteEdited, m_session, &RunSession::setNote);
  connect(m_labelDetails, &widgets::LabelDetails::shownAuthorChanged, this,
          [this](const QString& author) { m_session->setShownAuthor(author.toStdString()); });
  connect(m_labelDetails, &widgets::LabelDetails::reviewRequested, m_session, &RunSession::setReview);
  // Relevant windows: Shift+drag on the timeline draws one, Shift+click removes it.
  m_timeline->setWindowEditing(true);
  connect(m_timeline, &widgets::ScoreTimeline::windowDrawn, m_session, &RunSession::addWindow);
  connect(m_timeline, &widgets::ScoreTimeline::windowRemoveRequested, m_session, &RunSession::removeWindow);
  connect(m_video, &VideoController::thumbnailReady, m_keyframes, &widgets::KeyframeStrip::setThumbnail);

  connect(m_labelTransfer, &LabelTransferController::started, this, [this](bool import, const QString& path) {
    if (import) m_session->lockEdits(tr("Keyframe labels are being imported; edit them when it is done"));
    notify(import ? tr("Importing keyframe labels from %1…").arg(QFileInfo(path).fileName())
                  : tr("Exporting keyframe labels to %1…").arg(QFileInfo(path).fileName()),
           0);
  });
  connect(m_labelTransfer, &LabelTransferController::imported, this, &MainWindow::onLabelsImported);
  connect(m_labelTransfer, &LabelTransferController::exported, this,
          [this](int count) { notify(tr("Exported %n label(s)", nullptr, count), 10000); });
  connect(m_labelTransfer, &LabelTransferController::failed, this,
          [this](bool import, const QString& message) {
            m_session->lockEdits({});
            reportError(import ? tr("Cannot import labels") : tr("Cannot export labels"),
                        import ? tr("No label was imported; the project keeps what it had.")
                               : tr("The keyframe labels could not be exported."),
                        message);
          });

  connect(m_dataset, &widgets::DatasetBrowser::itemActivated, this, &MainWindow::openDatasetItem);
  // Item pictures are decoded for the rows in view only, a few at a time.
  connect(m_dataset, &widgets::DatasetBrowser::thumbnailsWanted, m_itemThumbs, &ItemThumbnails::request);
  connect(m_itemThumbs, &ItemThumbnails::ready, m_dataset, &widgets::DatasetBrowser::setThumbnail);
  {
    QVector<widgets::DatasetFilterState> saved;
    for (const QJsonValue& v : m_settings->savedDatasetFilters())
      saved << widgets::DatasetFilterState::fromJson(v.toObject());
    m_dataset->setSavedFilters(saved);
  }
  connect(m_dataset, &widgets::DatasetBrowser::savedFiltersChanged, this,
          [this](const QVector<widgets::DatasetFilterState>& filters) {
            QJsonArray json;
            for (const auto& f : filters) json.append(f.toJson());
            m_settings->setSavedDatasetFilters(json);
          });
  connect(m_datasetRun, &DatasetRunController::progress, this,
          [this](int finished, int total, double eta, const QString& current, int inFlight) {
            m_datasetRunProgress->setRange(0, std::max(1, total));
            m_datasetRunProgress->setValue(finished);
            // A video's questions are answered together: name the first, count the others.
            const QString answering =
                inFlight > 1 ? tr("%1 and %n more of its video", nullptr, inFlight - 1).arg(current)
                             : current;
            m_datasetRunLabel->setText(tr("Answering %1 · %2 of %3 · %4 left")
                                           .arg(answering)
                                           .arg(finished)
                                           .arg(total)
                                           .arg(formatDuration(eta)));
          });
  connect(m_datasetRun, &DatasetRunController::itemAnswered, this, [this](const engine::ChainResult& r) {
    if (!m_dataSession) return;
    if (const data::DatasetItem* item = m_dataSession->item(r.qid))
      m_dataset->updateRow(withComparison(labelledRow(rowOf(*item, &r)), &r));
  });
  connect(m_datasetRun, &DatasetRunController::completed, this, &MainWindow::onDatasetRunCompleted);
  connect(m_datasetLoader, &DatasetLoader::loaded, this, &MainWindow::onDatasetLoaded);
  connect(m_datasetLoader, &DatasetLoader::failed, this, [this](const QString& message) {
    reportError(tr("Cannot open dataset"), tr("The dataset could not be opened."), message);
    Q_EMIT datasetOpenFailed(message);
  });
  connect(m_video, &VideoController::frameReady, this, [this](const QImage& frame) {
    if (m_presentation) m_presentation->setFrame(frame);
  });
  connect(m_video, &VideoController::thumbnailReady, this, [this](qint64 frame, const QImage& image) {
    if (!m_presentation || !m_presentationFrames.contains(frame)) return;
    m_presentationFrames[frame] = image;
    QVector<QImage> ready;  // time order: QMap iterates by frame index
    for (const QImage& i : std::as_const(m_presentationFrames))
      if (!i.isNull()) ready << i;
    m_presentation->setKeyframes(ready);
    m_presentation->start();
  });

  // The project keeps every run and label; each edit is committed at once. $SEVILA_PROJECT wins, then the
  // last project used, then a default one in the app-data folder.
  QString project = qEnvironmentVariable("SEVILA_PROJECT");
  for (const QString& recent : m_settings->recentProjects())
    if (project.isEmpty() && QFileInfo::exists(recent)) project = recent;
  if (project.isEmpty()) {
    const QString projectDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(projectDir);
    project = projectDir + "/project.sevila";
  }
  openProject(project);

  applyShortcuts();
  showFirstStepsHint();
  // Keys play from the start: the video has the focus, not the question field.
  m_videoView->setFocusPolicy(Qt::StrongFocus);
  m_videoView->setFocus(Qt::OtherFocusReason);
  resize(1280, 800);
  restoreGeometry(m_settings->windowGeometry());
  restoreState(m_settings->windowState());
  m_dataset->restoreLayoutState(m_settings->datasetPanelState());
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanel(const QString& objectName, const QString& title, QWidget* content,
                                  Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);  // restoreState() finds docks by object name
  dock->setWidget(content);
  addDockWidget(area, dock);
  return dock;
}

namespace {
// A panel that scrolls instead of forcing the window taller: the studio must fit a 1366×768 laptop, and a
// panel whose content grows (a longer answer, more options) must not grow the window.
QWidget* scrollable(QWidget* content) {
  auto* area = new QScrollArea;
  area->setWidget(content);
  area->setWidgetResizable(true);
  area->setFrameShape(QFrame::NoFrame);
  area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  area->setObjectName(content->objectName() + "Scroll");
  return area;
}

}  // namespace

void MainWindow::createDocks() {
  // Video left, question and answer right, timeline and keyframes along the bottom: the layout of a video
  // editor. Every panel is a dock, so users can rearrange them; the arrangement is saved.
  auto* videoPanel = new QWidget;
  auto* videoLayout = new QVBoxLayout(videoPanel);
  videoLayout->setContentsMargins(0, 0, 0, 0);
  videoLayout->setSpacing(0);
  videoLayout->addWidget(m_videoView, 1);
  videoLayout->addWidget(m_transport);
  m_videoDock = addPanel("VideoDock", tr("Video"), videoPanel, Qt::LeftDockWidgetArea);
  // The question keeps its full height (Run in view, five options at most); the answer panel scrolls instead.
  QWidget* questionScroll = scrollable(m_question);
  questionScroll->setMinimumHeight(m_question->sizeHint().height() + 16);  // + room for the style's margins
  m_questionDock = addPanel("QuestionDock", tr("Question"), questionScroll, Qt::RightDockWidgetArea);
  m_answerDock = addPanel("AnswerDock", tr("Answer"), scrollable(m_answer), Qt::RightDockWidgetArea);
  m_timelineDock = addPanel("TimelineDock", tr("Score Timeline"), m_timeline, Qt::BottomDockWidgetArea);
  // The keyframes, or every sampled frame with its score: two tabs, with the label bar beside them on the
  // tab row, so a laptop's short dock still shows the pictures.
  m_keyframeTabs = new QTabWidget;
  m_keyframeTabs->setObjectName("keyframeTabs");
  m_keyframeTabs->setDocumentMode(true);
  m_keyframeTabs->addTab(m_keyframes, tr("Keyframes"));
  m_keyframeTabs->addTab(m_samples, tr("All Samples"));
  m_keyframeTabs->setCornerWidget(m_labelDetails, Qt::TopRightCorner);
  m_keyframeDock =
      addPanel("KeyframeDock", tr("Keyframes"), scrollable(m_keyframeTabs), Qt::BottomDockWidgetArea);
  // The dataset panel: the browser, and under it the progress of answering its items.
  auto* datasetPanel = new QWidget;
  auto* datasetLayout = new QVBoxLayout(datasetPanel);
  datasetLayout->setContentsMargins(0, 0, 0, 0);
  datasetLayout->addWidget(m_dataset, 1);
  m_datasetRunBar = new QWidget;
  m_datasetRunBar->setObjectName("datasetRunBar");
  auto* runBarLayout = new QHBoxLayout(m_datasetRunBar);
  runBarLayout->setContentsMargins(4, 2, 4, 2);
  m_datasetRunProgress = new QProgressBar;
  m_datasetRunProgress->setObjectName("datasetRunProgress");
  m_datasetRunLabel = new QLabel;
  m_datasetRunLabel->setObjectName("datasetRunLabel");
  m_datasetRunLabel->setTextFormat(Qt::PlainText);
  m_datasetRunLabel->setWordWrap(true);  // a long item name and its group must not widen the dock
  auto* stop = new QPushButton(tr("Stop"));
  stop->setObjectName("datasetRunStop");
  connect(stop, &QPushButton::clicked, m_datasetRun, &DatasetRunController::cancel);
  runBarLayout->addWidget(m_datasetRunProgress, 1);
  runBarLayout->addWidget(stop);
  datasetLayout->addWidget(m_datasetRunLabel);
  datasetLayout->addWidget(m_datasetRunBar);
  m_datasetRunBar->hide();
  m_datasetRunLabel->hide();
  m_datasetDock = addPanel("DatasetDock", tr("Dataset"), datasetPanel, Qt::LeftDockWidgetArea);
  m_datasetDock->hide();  // shown once a dataset is opened
  // The shown item's runs: a tab beside the answer, so the laptop layout keeps its heights.
  m_historyDock = addPanel("RunHistoryDock", tr("Run History"), m_runHistory, Qt::RightDockWidgetArea);
  splitDockWidget(m_questionDock, m_answerDock, Qt::Vertical);
  tabifyDockWidget(m_answerDock, m_historyDock);
  m_answerDock->raise();
  m_historyDock->hide();  // View ▸ Run History: its tab bar would cost the laptop layout a row
  splitDockWidget(m_timelineDock, m_keyframeDock, Qt::Vertical);
  setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
  resizeDocks({m_videoDock, m_questionDock}, {900, 460}, Qt::Horizontal);
  resizeDocks({m_questionDock, m_answerDock}, {330, 300}, Qt::Vertical);  // the Run button in view
  resizeDocks({m_videoDock, m_timelineDock, m_keyframeDock}, {420, 220, 230}, Qt::Vertical);
}

QAction* MainWindow::addAction(QMenu* menu, const QString& id, const QString& text,
                               const QKeySequence& shortcut, const std::function<void()>& run) {
  return m_actions.add(id, menu->addAction(text, this, run), shortcut);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  addAction(file, "actionOpenVideo", tr("&Open Video…"), QKeySequence::Open, [this] { onOpenVideo(); });
  addAction(file, "actionOpenModel", tr("Open &Model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
            [this] { onOpenModel(); });
  addAction(file, "actionOpenDataset", tr("Open &Dataset…"), {}, [this] { onOpenDataset(); });
  m_recentMenu = file->addMenu(tr("Recent &Files"));
  m_recentMenu->setObjectName("menuRecentFiles");
  rebuildRecentFilesMenu();
  m_recentDatasetsMenu = file->addMenu(tr("Recent Data&sets"));
  m_recentDatasetsMenu->setObjectName("menuRecentDatasets");
  rebuildRecentDatasetsMenu();
  file->addSeparator();
  addAction(file, "actionNewProject", tr("&New Project…"), {}, [this] { onNewProject(); });
  addAction(file, "actionOpenProject", tr("Open &Project…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O),
            [this] { onOpenProject(); });
  m_recentProjectsMenu = file->addMenu(tr("Recent Pro&jects"));
  m_recentProjectsMenu->setObjectName("menuRecentProjects");
  rebuildRecentProjectsMenu();
  file->addSeparator();
  QMenu* exportChart = file->addMenu(tr("E&xport Chart"));
  exportChart->setObjectName("menuExportChart");
  addAction(exportChart, "actionExportTimeline", tr("&Score Timeline…"), {},
            [this] { onExportChart("timeline"); });
  addAction(exportChart, "actionExportAnswerChart", tr("&Answer Chart…"), {},
            [this] { onExportChart("answer"); });
  file->addSeparator();
  addAction(file, "actionQuit", tr("&Quit"), QKeySequence::Quit, [this] { close(); });

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QUndoStack* undo = m_session->undoStack();
  edit->addAction(m_actions.add("actionUndo", undo->createUndoAction(this, tr("&Undo")), QKeySequence::Undo));
  edit->addAction(m_actions.add("actionRedo", undo->createRedoAction(this, tr("&Redo")),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
  edit->addSeparator();
  addAction(edit, "actionExportLabels", tr("&Export Keyframe Labels…"), {}, [this] {
    if (!m_store) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Keyframe Labels"),
                                                      QDir(projectFolder()).filePath("keyframes.jsonl"),
                                                      tr("Keyframe labels (*.jsonl)"));
    if (!path.isEmpty()) exportKeyframeLabels(path);
  });
  addAction(edit, "actionImportLabels", tr("&Import Keyframe Labels…"), {}, [this] {
    if (!m_store) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Keyframe Labels"), projectFolder(),
                                                      tr("Keyframe labels (*.jsonl)"));
    if (!path.isEmpty()) importKeyframeLabels(path);
  });

  createPlaybackActions(menuBar()->addMenu(tr("&Playback")));

  QMenu* keyframes = menuBar()->addMenu(tr("&Keyframes"));
  QMenu* model = menuBar()->addMenu(tr("&Model"));
  addAction(model, "actionRefine", tr("&Refine the Localizer…"),
            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { showRefinement(); });
  m_versionsMenu = model->addMenu(tr("&Versions"));
  m_versionsMenu->setObjectName("menuVersions");
  rebuildVersionsMenu();
  addAction(keyframes, "actionRun", tr("R&un the Question"), QKeySequence(Qt::CTRL | Qt::Key_Return), [this] {
    if (!m_question->requestRun())
      notify(tr("Nothing to run: open a model and a video, and complete the question"));
  });
  keyframes->addSeparator();
  addAction(keyframes, "actionToggleKeyframe", tr("&Toggle Human Keyframe at Playhead"),
            QKeySequence(Qt::Key_M), [this] { onToggleKeyframeAtPlayhead(); });
  addAction(keyframes, "actionAcceptKeyframes", tr("&Accept the Model's Keyframes"), {},
            [this] { m_session->acceptModelKeyframes(); });
  addAction(keyframes, "actionClearKeyframes", tr("&Clear Human Keyframes"), {},
            [this] { m_session->clearKeyframes(); });
  keyframes->addSeparator();
  addAction(keyframes, "actionReanswer", tr("&Re-answer with Human Keyframes"),
            QKeySequence(Qt::CTRL | Qt::Key_R), [this] { onReanswerWithHumanKeyframes(); });
  addAction(keyframes, "actionBaselines", tr("Compute &Baselines"), QKeySequence(Qt::CTRL | Qt::Key_B),
            [this] { onComputeBaselines(); });
  keyframes->addSeparator();
  addAction(keyframes, "actionNextItem", tr("&Next Item"), QKeySequence(Qt::Key_N),
            [this] { m_dataset->next(); });
  addAction(keyframes, "actionPreviousItem", tr("P&revious Item"), QKeySequence(Qt::Key_P),
            [this] { m_dataset->previous(); });
  keyframes->addSeparator();
  addAction(keyframes, "actionAgreement", tr("Annotator A&greement…"), {}, [this] { onShowAgreement(); });
  addAction(keyframes, "actionAnswerItems", tr("Answer the &Dataset's Shown Items"), {},
            [this] { answerFilteredItems(); });
  addAction(keyframes, "actionStopAnswering", tr("&Stop Answering Items"), {},
            [this] { m_datasetRun->cancel(); });
  addAction(keyframes, "actionCompareResults", tr("C&ompare with Another Version's Results…"), {}, [this] {
    if (!m_dataSession) {
      notify(tr("Open a dataset first (File ▸ Open Dataset…)"));
      return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare with Results"), projectFolder(),
                                                      tr("Results (*.jsonl)"));
    if (!path.isEmpty()) compareWithResults(path);
  });

  m_viewMenu = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* dock : {m_videoDock, m_timelineDock, m_keyframeDock, m_questionDock, m_answerDock,
                            m_historyDock, m_datasetDock})
    m_viewMenu->addAction(dock->toggleViewAction());
  m_viewMenu->addSeparator();
  QAction* logit =
      addAction(m_viewMenu, "actionShowLogit", tr("Show Yes-&Logit Instead of Probability"), {}, [] {});
  logit->setCheckable(true);
  connect(logit, &QAction::toggled, m_timeline, &widgets::ScoreTimeline::setShowLogit);
  addAction(m_viewMenu, "actionPresentation", tr("&Presentation Mode"), QKeySequence(Qt::Key_F11),
            [this] { setPresentationMode(!presentationMode()); });

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  addAction(settings, "actionPreferences", tr("&Preferences and Shortcuts…"), {}, [this] {
    onPreferences();
  })->setMenuRole(QAction::PreferencesRole);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  addAction(help, "actionShortcuts", tr("&Keyboard Shortcuts"), QKeySequence::HelpContents,
            [this] { onShowShortcuts(); });
  addAction(help, "actionAbout", tr("&About SeViLA Studio"), {}, [this] { onAbout(); });
  updateActions();
}

void MainWindow::createPlaybackActions(QMenu* menu) {
  struct Spec {
    const char* id;
    QString text;
    QKeySequence key;
    std::function<void()> run;
  };
  const double step = 1.0;
  const Spec specs[] = {
      {"actionPlayPause", tr("&Play / Pause"), QKeySequence(Qt::Key_Space),
       [this] { m_video->togglePlay(); }},
      {"actionNextFrame", tr("&Next Frame"), QKeySequence(Qt::Key_Right), [this] { m_video->stepForward(); }},
      {"actionPreviousFrame", tr("P&revious Frame"), QKeySequence(Qt::Key_Left),
       [this] { m_video->stepBackward(); }},
      {"actionForward", tr("&Forward 1 s"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
       [this, step] { m_video->seekSeconds(m_video->currentSeconds() + step); }},
      {"actionBack", tr("&Back 1 s"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
       [this, step] { m_video->seekSeconds(std::max(0.0, m_video->currentSeconds() - step)); }},
      {"actionShuttleBack", tr("Shuttle &Backwards"), QKeySequence(Qt::Key_J),
       [this] { m_video->shuttleBackward(); }},
      {"actionShuttleStop", tr("Shuttle Pa&use"), QKeySequence(Qt::Key_K),
       [this] { m_video->shuttleStop(); }},
      {"actionShuttleForward", tr("Shuttle For&wards"), QKeySequence(Qt::Key_L),
       [this] { m_video->shuttleForward(); }},
      {"actionStart", tr("Go to &Start"), QKeySequence(Qt::Key_Home), [this] { m_video->seekFrame(0); }},
      {"actionEnd", tr("Go to &End"), QKeySequence(Qt::Key_End),
       [this] { m_video->seekFrame(std::max<qint64>(0, m_video->info().frameCount - 1)); }},
  };
  for (const auto& spec : specs) addAction(menu, spec.id, spec.text, spec.key, spec.run);
  menu->addSeparator();
  addAction(menu, "actionPreviousKeyframe", tr("Previous &Keyframe"), QKeySequence(Qt::Key_BracketLeft),
            [this] { seekKeyframe(false); });
  addAction(menu, "actionNextKeyframe", tr("Next K&eyframe"), QKeySequence(Qt::Key_BracketRight),
            [this] { seekKeyframe(true); });
  addAction(menu, "actionGoTo", tr("&Go to Frame or Time…"), QKeySequence(Qt::CTRL | Qt::Key_G), [this] {
    if (!m_video->isOpen()) return;
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Go to Frame or Time"), tr("Frame number (120), seconds (4.5 s) or time (1:02.5):"),
        QLineEdit::Normal, QString::number(m_video->currentFrame()), &ok);
    if (ok) goToPosition(text);
  });
}

void MainWindow::createStatusBar() {
  m_videoStatus = new QLabel(tr("No video"));
  m_positionStatus = new QLabel;
  m_modelStatus = new QLabel(tr("No model"));
  m_projectStatus = new QLabel(tr("No project"));
  // No stretch: the space left is the message area's, where notify() and errors appear.
  statusBar()->addPermanentWidget(m_videoStatus);
  statusBar()->addPermanentWidget(m_positionStatus);
  statusBar()->addPermanentWidget(m_modelStatus);
  statusBar()->addPermanentWidget(m_projectStatus);
}

// A "Recent …" menu: one entry a path (its full path in the tooltip), then Clear List.
void MainWindow::fillRecentMenu(QMenu* menu, const QStringList& paths,
                                const std::function<void(const QString&)>& open,
                                const std::function<void()>& clear, const QString& current) {
  menu->clear();
  for (const QString& path : paths) {
    QAction* a = menu->addAction(QFileInfo(path).fileName(), this, [open, path] { open(path); });
    a->setToolTip(path);
    a->setStatusTip(path);
    if (!current.isEmpty()) {
      a->setCheckable(true);
      a->setChecked(QFileInfo(current) == QFileInfo(path));
    }
  }
  if (!paths.isEmpty()) {
    menu->addSeparator();
    menu->addAction(tr("Clear List"), this, clear);
  }
  menu->setEnabled(!paths.isEmpty());
}

void MainWindow::rebuildRecentFilesMenu() {
  fillRecentMenu(
      m_recentMenu, m_settings->recentFiles(), [this](const QString& p) { openVideo(p); },
      [this] { m_settings->clearRecentFiles(); });
}

void MainWindow::rebuildRecentProjectsMenu() {
  fillRecentMenu(
      m_recentProjectsMenu, m_settings->recentProjects(), [this](const QString& p) { openProject(p); },
      [this] { m_settings->clearRecentProjects(); }, m_store ? m_store->path() : QString());
}

QString MainWindow::projectFolder() const {
  return m_store ? QFileInfo(m_store->path()).absolutePath()
                 : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::notify(const QString& text, int timeoutMs) {
  statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::reportError(const QString& title, const QString& summary, const QString& details) {
  notify(QStringLiteral("%1: %2").arg(title, details.section('\n', 0, 0)), 15000);
  m_reporter->report(this, title, summary, details);
}

void MainWindow::onNewProject() {
  QFileDialog dialog(this, tr("New Project"), projectFolder(), tr("SeViLA projects (*.sevila)"));
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setDefaultSuffix("sevila");
  dialog.setOption(QFileDialog::DontConfirmOverwrite);  // an existing project is opened, never replaced
  dialog.selectFile(tr("labels.sevila"));
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
  const QString path = dialog.selectedFiles().first();
  const bool exists = QFileInfo::exists(path);
  if (openProject(path) && exists)
    notify(tr("%1 exists: opened it (projects are never overwritten)").arg(QFileInfo(path).fileName()), 8000);
}

void MainWindow::onOpenProject() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), projectFolder(),
                                                    tr("SeViLA projects (*.sevila);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

bool MainWindow::openProject(const QString& path) {
  if (m_labelTransfer->isRunning()) {
    notify(tr("Keyframe labels are being imported or exported; open the project when it is done"));
    return false;
  }
  std::unique_ptr<ProjectStore> store;
  try {
    store = std::make_unique<ProjectStore>(path);
  } catch (const std::exception& e) {
    reportError(tr("Cannot open project"),
                tr("The project “%1” could not be opened.").arg(QFileInfo(path).fileName()),
                localizedError(e));
    return false;
  }
  store->setDeferredSync(true);      // no fsync on the GUI thread; durable within a fraction of a second
  m_session->setStore(store.get());  // the shown run is recorded in the new project
  m_store = std::move(store);
  m_settings->addRecentProject(m_store->path());
  if (m_model->isLoaded()) registerLoadedVersion();
  m_projectStatus->setText(tr("Project: %1").arg(QFileInfo(m_store->path()).completeBaseName()));
  m_projectStatus->setToolTip(m_store->path());
  if (m_dataSession) m_datasetLoader->relabel(m_dataSession, m_store->path(), m_session->author());
  return true;
}

void MainWindow::openVideo(const QString& path) {
  notify(tr("Opening %1…").arg(QFileInfo(path).fileName()), 0);
  m_video->open(path);
}

void MainWindow::onVideoOpenFailed(const QString& path, const QString& message) {
  reportError(tr("Cannot open video"),
              tr("The video “%1” could not be opened.").arg(QFileInfo(path).fileName()), message);
}

void MainWindow::onVideoOpened() {
  const auto& info = m_video->info();
  statusBar()->clearMessage();
  m_settings->addRecentFile(info.path);
  // The platform appends the application's (translated) display name: do not repeat it.
  setWindowTitle(QFileInfo(info.path).fileName());
  m_videoStatus->setText(tr("%1 · %2×%3 · %4 fps · %5 frames")
                             .arg(QFileInfo(info.path).fileName())
                             .arg(info.width)
                             .arg(info.height)
                             .arg(info.fps, 0, 'f', 3)
                             .arg(info.frameCount));
  m_timeline->setDuration(info.duration);
  m_loopStart = m_loopEnd = -1;  // the marks belonged to the previous video
  m_looping = false;
  updateTransport();
  // A dataset item's stored run arrives before its video has opened: keep it, it is on this video.
  if (m_session->hasRun() && QFileInfo(m_session->video()) == QFileInfo(info.path))
    onSessionChanged(RunSession::Result);
  else
    m_session->clear();
}

void MainWindow::onVideoPositionChanged(qint64 frameIndex, double seconds) {
  QString text = tr("frame %1 / %2 · %3 s")
                     .arg(frameIndex)
                     .arg(std::max<qint64>(0, m_video->info().frameCount - 1))
                     .arg(seconds, 0, 'f', 3);
  const double rate = m_video->rate();
  if (rate != 1)
    text += QStringLiteral(" · %1 %2×")
                .arg(rate < 0 ? QStringLiteral("◀") : QStringLiteral("▶"))
                .arg(std::abs(rate));
  m_positionStatus->setText(text);
  m_timeline->setPlayhead(seconds);
  m_samples->setCurrentPosition(m_session->nearestPosition(seconds));
  // A loop wraps at its marks, in the direction of play.
  if (m_looping && m_video->isPlaying()) {
    if (m_video->rate() > 0 && frameIndex >= m_loopEnd)
      m_video->seekFrame(m_loopStart);
    else if (m_video->rate() < 0 && frameIndex <= m_loopStart)
      m_video->seekFrame(m_loopEnd);
  }
  updateTransport();
}

void MainWindow::onOpenVideo() {
  const QString start = m_settings->recentFiles().value(0);
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Video"), start.isEmpty() ? QString() : QFileInfo(start).absolutePath(),
      tr("Videos (*.mp4 *.mkv *.webm *.avi *.mov *.ogv *.mpg *.mpeg *.flv *.wmv *.m4v);;All files (*)"));
  if (!path.isEmpty()) openVideo(path);
}

QVector<widgets::ShortcutSection> MainWindow::shortcutSections() const {
  // One section a menu, in menu order: what the user sees, with the shortcuts in force.
  QVector<widgets::ShortcutSection> sections;
  const QVector<widgets::ShortcutEntry> entries = m_actions.shortcutEntries();
  for (QAction* menuAction : menuBar()->actions()) {
    const QMenu* menu = menuAction->menu();
    if (!menu) continue;
    widgets::ShortcutSection section{menuAction->text(), {}};
    for (QAction* a : menu->actions())
      for (const auto& e : entries)
        if (e.id == a->objectName()) section.entries << e;
    if (!section.entries.isEmpty()) sections << section;
  }
  return sections;
}

void MainWindow::onShowShortcuts() {
  widgets::ShortcutSheet sheet(this);
  sheet.setSections(shortcutSections());
  sheet.exec();
}

void MainWindow::onAbout() {
  QMessageBox::about(this, tr("About SeViLA Studio"),
                     tr("<h3>SeViLA Studio %1</h3>"
                        "<p>Runs SeViLA (Self-Chained Image-Language Model for Video Localization and "
                        "Question Answering; Yu, Cho, Yadav, Bansal, NeurIPS 2023) on real videos: see where "
                        "the Localizer looks, what the Answerer answers, and correct its keyframes.</p>")
                         .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_labelTransfer->isRunning()) {
    // An import is one transaction: let it commit rather than lose it with the process.
    notify(tr("Finishing the keyframe label import or export…"), 0);
    m_labelTransfer->waitForFinished();
  }
  m_video->close();
  m_settings->setWindowGeometry(saveGeometry());
  m_settings->setWindowState(saveState());
  m_settings->setDatasetPanelState(m_dataset->layoutState());
  m_settings->sync();
  event->accept();
}

void MainWindow::onOpenModel() {
  if (!m_settings->backendServer().isEmpty()) {
    // The server runs its own model: opening one here means connecting to it.
    notify(tr("Questions are answered by %1 (Preferences ▸ Backend)").arg(m_settings->backendServer()), 8000);
    openModel(ModelRequest{});
    return;
  }
  OpenModelDialog dialog(this);
  dialog.setRequest(lastLocalModel());
  if (dialog.exec() != QDialog::Accepted) return;
  ModelRequest request = dialog.request();
  m_settings->setLastModelDirectory(request.directory);
  m_settings->setLastCheckpoint(request.checkpoint);
  m_settings->setLastTokenizer(request.tokenizer);
  m_settings->setDevice(request.device);
  m_settings->setPrecision(request.precision);
  openModel(request);
}

void MainWindow::openModel(const ModelRequest& request) {
  ModelRequest r = request;
  if (r.server.isEmpty() && !m_settings->backendServer().isEmpty()) {
    r.server = m_settings->backendServer();
    r.serverTokenFile = m_settings->backendTokenFile();
    r.serverFolders = m_settings->backendFolders();
    r.serverUploadFrames = m_settings->backendUploadFrames();
  }
  if (r.cacheDirectory.isEmpty()) {
    r.cacheDirectory = m_settings->cacheDirectory();
    r.cacheCapBytes = m_settings->cacheCapBytes();
  }
  m_model->load(r);
}

void MainWindow::onModelLoaded() {
  const ModelSummary& m = m_model->summary();
  QString text = tr("%1 · %2 · %3").arg(m.name, m.device.toUpper(), m.precision);
  if (!m.server.isEmpty()) text = tr("Server %1").arg(text);
  if (m.demo)
    text += tr(" · demo model trained on synthetic videos");
  else if (m.zeroShot)
    text += tr(" · zero-shot");
  m_modelStatus->setText(text);
  if (!m.warnings.isEmpty()) {
    m_modelStatus->setToolTip(m.warnings.join(QStringLiteral("\n")));
    notify(tr("Model loaded with a warning: %1").arg(m.warnings.first()), 15000);
  }
  m_runner->setEngine(m_model->engine());
  m_datasetRun->setEngine(m_model->engine());
  m_question->setRunAvailable(true);
  registerLoadedVersion();
  if (std::exchange(m_rerunAfterLoad, false) && m_video->isOpen()) onRunRequested();
}

namespace {

// The ground truth of the demo's first question ("what colour is the star?" on its first video).
int demoFirstAnswer() {
  try {
    for (const auto& item : data::readDataset("nextqa", demoDatasetPath().toStdString()).items)
      if (QFileInfo(demoVideoPath()).completeBaseName().toStdString() == item.video && item.type == "DO")
        return item.answer.value_or(-1);
  } catch (const std::exception&) {
    // No demo videos (built without ffmpeg): the question runs without a ground truth.
  }
  return -1;
}

}  // namespace

QString MainWindow::demoNotice() const {
  return tr(
      "Demo model trained on synthetic videos: it knows coloured shapes on a dark stage, nothing else.");
}

void MainWindow::openDemo() {
  openVideo(demoVideoPath());
  ModelRequest demo;
  demo.directory = demoModelPath();
  demo.checkpoint = demoCheckpointPath();
  demo.demo = true;
  openModel(demo);
  // The other generated videos and their questions, a click away in the Dataset panel.
  if (QFileInfo::exists(demoDatasetPath()))
    openDataset(DatasetSource{QStringLiteral("nextqa"), demoDatasetPath(), demoVideosPath(), QString()});
  // Model input, not UI text: the model reads English, so this stays untranslated. The question of the
  // first video as its csv row reads (the NExT-QA reader adds "?" and "."), so that it runs as that item.
  widgets::QuestionInput q;
  q.question = QStringLiteral("what colour is the star?");
  q.options = QStringList{QStringLiteral("red."), QStringLiteral("green."), QStringLiteral("blue."),
                          QStringLiteral("yellow."), QStringLiteral("white.")};
  q.groundTruth = demoFirstAnswer();
  q.frames = 32;
  q.keyframes = 4;
  m_question->setInput(q);
}

bool MainWindow::datasetRunBlocks() {
  if (!m_datasetRun->isRunning()) return false;
  notify(tr("The model is answering the dataset's items; stop that first (Dataset panel ▸ Stop)"), 8000);
  return true;
}

void MainWindow::onRunRequested() {
  if (datasetRunBlocks()) return;
  if (!m_video->isOpen()) {
    notify(tr("Open a video first"));
    return;
  }
  const widgets::QuestionInput in = m_question->input();
  engine::Question q;
  q.question = in.question.toStdString();
  for (const QString& o : in.options) q.options.push_back(o.toStdString());
  if (in.groundTruth >= 0) q.answer = in.groundTruth;
  // The open dataset item's question, unedited and on its video: run it as the item (its prompt family,
  // clip and qid), so that the run and its labels are stored under that item.
  const data::DatasetItem* item = m_dataSession ? m_dataSession->item(m_openItemQid) : nullptr;
  if (item) {
    const engine::Question itemQuestion = engine::questionFor(*item);
    if (itemQuestion.question == q.question && itemQuestion.options == q.options &&
        m_dataSession->videoPath(*item) == m_video->info().path) {
      q = itemQuestion;
      if (in.groundTruth >= 0) q.answer = in.groundTruth;
    }
  }
  engine::ChainOptions options;
  options.frames = in.frames;
  options.keyframes = in.keyframes;
  options.baselines = false;  // on demand (the answer panel's button)
  options.frameAnswers = in.groundTruth >= 0 && m_settings->oracleStripWithRuns();
  m_settings->setFrames(in.frames);
  m_settings->setKeyframes(in.keyframes);
  m_runner->run(m_video->info().path, q, options);
}

QString MainWindow::resultNote() const {
  QStringList lines;
  if (const auto& run = m_session->result()) {
    for (const auto& w : run->warnings) lines << QString::fromStdString(w);
    // A stored run keeps no warnings: the demo's notice follows the model folder it names.
    const QString demo = demoNotice();
    if (!lines.contains(demo) && !run->model.empty() &&
        QFileInfo(QString::fromStdString(run->model)).canonicalFilePath() ==
            QFileInfo(demoModelPath()).canonicalFilePath())
      lines << demo;
  }
  return lines.join('\n');
}

void MainWindow::onRunFinished(const engine::ChainResult& result) {
  m_question->setBusy(false);
  engine::ChainResult run = result;
  // Provenance: the engine names checkpoint, device and precision; the studio adds the model folder.
  if (run.model.empty()) run.model = m_model->summary().directory.toStdString();
  if (run.checkpointSha256.empty() && run.checkpoint == m_model->summary().checkpoint.toStdString())
    run.checkpointSha256 = m_model->summary().checkpointSha256.toStdString();
  // The notice belongs to the result it describes, not to whichever model is loaded later.
  if (m_model->summary().demo) run.warnings.push_back(demoNotice().toStdString());
  m_session->showRun(std::move(run), m_video->info().path);
  double total = 0;
  for (const auto& [stage, seconds] : result.stageSeconds) total += seconds;
  const auto network = result.stageSeconds.find("network");
  if (network == result.stageSeconds.end()) {
    notify(tr("Answered in %1 s").arg(total, 0, 'f', 2), 8000);
    return;
  }
  // A server's answer: its latency, split into the model's work, the wait on the server and the network.
  const auto queue = result.stageSeconds.find("server_queue");
  const double waited = queue == result.stageSeconds.end() ? 0.0 : queue->second;
  const QString latency = tr("%1 ms round trip (model %2 ms, server queue %3 ms, network %4 ms)")
                              .arg(qRound(total * 1000))
                              .arg(qRound((total - network->second - waited) * 1000))
                              .arg(qRound(waited * 1000))
                              .arg(qRound(network->second * 1000));
  m_modelStatus->setToolTip(tr("Last answer: %1").arg(latency));
  notify(tr("Answered by the server: %1").arg(latency), 8000);
}

// Every view of the run is redrawn from the session: the pure functions of run_views.h give their states.
void MainWindow::onSessionChanged(RunSession::Changes what) {
  const auto& run = m_session->result();
  if (what & RunSession::Result) m_sampleThumbsRequested = false;
  if (!run) {
    m_timeline->clearScores();
    m_keyframes->setKeyframes({});
    m_samples->clear();
    m_answer->clear();
  } else {
    const QVector<int>& human = m_session->humanKeyframes();
    if (what & (RunSession::Result | RunSession::Human | RunSession::Baselines | RunSession::Label)) {
      widgets::TimelineState state = timelineState(*run, human);
      state.windows = m_session->windows();
      QString otherName, ownName;
      if (const auto other = comparisonRun(&otherName, &ownName)) {
        for (const RunFrame& f : other->frames)
          state.compareProb << f.yesNoProb, state.compareLogit << f.yesLogit;
        state.compareName = otherName;
        state.curveName = ownName;
      }
      m_timeline->setState(state);
    }
    if (what & (RunSession::Result | RunSession::Human)) {
      const QVector<widgets::KeyframeThumb> thumbs = keyframeThumbs(*run, human);
      m_keyframes->setKeyframes(thumbs);
      QVector<qint64> frames;
      for (const auto& t : thumbs) frames << t.frameIndex;
      m_video->requestThumbnails(frames, QSize(160, 90));
    }
    if (what & RunSession::Result) {
      m_samples->setFrames(sampledFrames(*run, human));
      m_samples->setCurrentPosition(m_session->nearestPosition(m_video->currentSeconds()));
      requestSampleThumbnails();
    } else if (what & RunSession::Human) {
      m_samples->setHumanKeyframes(human);
    }
    widgets::AnswerView answer =
        answerView(*run, m_session->whatIf(), m_session->baselinesRunning(), resultNote());
    QString otherName, ownName;
    if (const auto other = comparisonRun(&otherName, &ownName)) {
      answer.compareProbabilities =
          QVector<double>(other->optionProbabilities.begin(), other->optionProbabilities.end());
      answer.compareAnswer = other->answer;
      answer.compareName = otherName;
      answer.modelName = ownName;
    }
    m_answer->setAnswer(answer);
  }
  const auto label = m_session->label();
  m_labelDetails->setView(labelDetailsView(m_session->author(), run && m_session->itemId() > 0,
                                           label ? &*label : nullptr, m_session->shownAuthor(),
                                           m_session->itemAuthors()));
  updateActions();
  if (what & (RunSession::Result | RunSession::Human | RunSession::Label)) refreshDatasetRow();
  if (what & RunSession::Result) {
    updatePresentation();
    updateRunHistory();
  }
}

void MainWindow::requestSampleThumbnails() {
  // Decoded when the tab is in view: n seeks are not free, and most runs are looked at as keyframes.
  const auto& run = m_session->result();
  if (!run || m_sampleThumbsRequested || m_keyframeTabs->currentWidget() != m_samples) return;
  QVector<qint64> frames;
  for (const auto& f : run->frames) frames << f.frameIndex;
  m_sampleThumbsRequested = true;
  m_video->requestThumbnails(frames, QSize(160, 90));  // the keyframe strip's size: one picture serves both
}

void MainWindow::updateRunHistory() {
  QVector<widgets::RunHistoryEntry> entries;
  const auto& run = m_session->result();
  for (const RunRecord& r : m_session->itemRuns()) {
    widgets::RunHistoryEntry e;
    e.runId = r.id;
    e.createdAt = QString::fromStdString(r.createdAt);
    e.model = QFileInfo(QString::fromStdString(r.model)).fileName();
    if (e.model.isEmpty()) e.model = QString::fromStdString(r.model);
    e.device = QString::fromStdString(r.device);
    e.precision = QString::fromStdString(r.precision);
    e.answer = r.answer;
    e.groundTruth = run && run->groundTruth ? *run->groundTruth : -1;
    if (r.answer >= 0 && size_t(r.answer) < r.optionProbabilities.size())
      e.confidence = r.optionProbabilities[size_t(r.answer)];
    e.keyframeCount = int(r.keyframes.size());
    entries << e;
  }
  m_runHistory->setRuns(entries, m_session->runId() > 0 ? m_session->runId() : -1);
}

void MainWindow::updateActions() {
  const auto& run = m_session->result();
  m_actions.action("actionReanswer")->setEnabled(run && !m_session->humanKeyframes().isEmpty());
  m_actions.action("actionRefine")
      ->setText(m_refinement->isRunning() ? tr("Show the &Refinement…") : tr("&Refine the Localizer…"));
  m_actions.action("actionBaselines")
      ->setEnabled(run && run->answer.answer >= 0 && !(run->concat && run->voting) &&
                   !m_session->baselinesRunning());
}

void MainWindow::importKeyframeLabels(const QString& jsonlPath) {
  if (m_store && !m_labelTransfer->importLabels(m_store->path(), jsonlPath))
    notify(tr("Keyframe labels are being imported or exported; try again when it is done"));
}

void MainWindow::exportKeyframeLabels(const QString& jsonlPath) {
  if (m_store && !m_labelTransfer->exportLabels(m_store->path(), jsonlPath))
    notify(tr("Keyframe labels are being imported or exported; try again when it is done"));
}

void MainWindow::onLabelsImported(int count) {
  m_session->lockEdits({});
  m_session->undoStack()->clear();  // an import is not an undoable edit
  m_session->reloadLabels();
  if (m_dataSession && m_store) m_datasetLoader->relabel(m_dataSession, m_store->path(), m_session->author());
  notify(tr("Imported %n label(s)", nullptr, count));
}

void MainWindow::setAnnotator(const QString& name) {
  m_session->setAuthor(name.toStdString());
  // The dataset's label columns are this annotator's.
  if (m_dataSession && m_store) m_datasetLoader->relabel(m_dataSession, m_store->path(), m_session->author());
  notify(tr("Labels are now recorded as %1").arg(name));
}

bool MainWindow::goToPosition(const QString& text) {
  const auto& info = m_video->info();
  const auto frame = m_video->isOpen() ? frameForPosition(text, info.fps, info.frameCount) : std::nullopt;
  if (!frame) {
    notify(tr("“%1” is not a frame or a time of this video").arg(text));
    return false;
  }
  m_video->seekFrame(*frame);
  return true;
}

void MainWindow::showFirstStepsHint() {
  // What a newcomer sees first, with the keys in force.
  const auto key = [this](const char* id) {
    return m_actions.action(id)->shortcut().toString(QKeySequence::NativeText);
  };
  m_videoView->setPlaceholderText(
      tr("Open a video (File ▸ Open Video…, %1) or drop one here.\n"
         "Then open a model (File ▸ Open Model…), type a question and run it (%2).\n"
         "New here? Start sevila-studio --demo. %3 lists every shortcut.")
          .arg(key("actionOpenVideo"), key("actionRun"), key("actionShortcuts")));
}

void MainWindow::updateTransport() {
  widgets::TransportState state;
  if (m_video->isOpen()) {
    const auto& info = m_video->info();
    state.frame = m_video->currentFrame();
    state.frameCount = info.frameCount;
    state.seconds = m_video->currentSeconds();
    state.duration = info.duration;
    state.playing = m_video->isPlaying();
    state.rate = m_video->rate();
  }
  state.loopStart = m_loopStart;
  state.loopEnd = m_loopEnd;
  state.looping = m_looping;
  m_transport->setState(state);
}

void MainWindow::seekKeyframe(bool forward) {
  const int position = m_session->neighbourKeyframe(m_video->currentSeconds(), forward);
  if (position < 0) {
    notify(forward ? tr("No keyframe after the playhead") : tr("No keyframe before the playhead"));
    return;
  }
  m_video->seekSeconds(m_session->result()->frames[size_t(position)].seconds);
}

void MainWindow::onToggleKeyframeAtPlayhead() {
  const int position = m_session->nearestPosition(m_video->currentSeconds());
  if (position < 0) {
    notify(tr("Run the question first: keyframes are chosen among its sampled frames"));
    return;
  }
  const bool had = m_session->humanKeyframes().contains(position);
  m_session->toggleKeyframe(position);
  if (had == m_session->humanKeyframes().contains(position)) return;  // refused; the session said why
  // The playhead snaps to the nearest sampled frame: say which one.
  const auto& frame = m_session->result()->frames[size_t(position)];
  const int n = int(m_session->result()->frames.size());
  notify((had ? tr("Human keyframe removed: sample %1 of %2 (frame %3, %4 s)")
              : tr("Human keyframe added: sample %1 of %2 (frame %3, %4 s)"))
             .arg(position + 1)
             .arg(n)
             .arg(frame.frameIndex)
             .arg(frame.seconds, 0, 'f', 2));
}

bool MainWindow::modelReady() {
  if (m_model->engine()) return true;
  // A stored run can be shown without a model; answering again needs one.
  notify(tr("Open a model first (File › Open Model…)"), 8000);
  return false;
}

engine::Question MainWindow::resultQuestion() const {
  // The run's own prompt family; a dataset item's run also keeps the item's clip.
  const engine::ChainResult& run = *m_session->result();
  engine::Question q = engine::questionFor(run);
  if (const data::DatasetItem* item =
          m_dataSession && !run.qid.empty() ? m_dataSession->item(run.qid) : nullptr)
    if (item->dataset == run.dataset) q.clip = engine::questionFor(*item).clip;
  return q;
}

void MainWindow::onReanswerWithHumanKeyframes() {
  if (datasetRunBlocks()) return;
  if (!m_session->hasRun() || m_session->humanKeyframes().isEmpty() || m_runner->isBusy() || !modelReady())
    return;
  m_runner->answerWith(m_session->video(), m_session->humanFrames(), resultQuestion(),
                       engine::ChainOptions{});
}

void MainWindow::onComputeBaselines() {
  if (datasetRunBlocks()) return;
  const auto& run = m_session->result();
  if (!run || run->answer.answer < 0 || m_runner->isBusy() || m_session->baselinesRunning() || !modelReady())
    return;
  engine::ChainOptions options;
  options.keyframes = std::max<int>(1, int(run->keyframes.size()));
  engine::ChainResult request = *run;
  request.video =
      m_session->video().toStdString();  // a stored run may name the video as its run machine saw it
  m_session->setBaselinesRunning(true);
  m_runner->addBaselines(request, resultQuestion(), options);
}

void MainWindow::applyShortcuts() {
  m_actions.applyShortcuts(m_settings->shortcuts());
}

void MainWindow::onPreferences() {
  widgets::SettingsDialog dialog(this);
  widgets::StudioPreferences p;
  p.device = m_settings->device();
  p.precision = m_settings->precision();
  p.frames = m_settings->frames();
  p.keyframes = m_settings->keyframes();
  p.oracleStrip = m_settings->oracleStripWithRuns();
  p.cacheDirectory = m_settings->cacheDirectory();
  p.cacheCapGiB = double(m_settings->cacheCapBytes()) / double(1LL << 30);
  p.theme = m_settings->theme();
  p.language = m_settings->language();
  p.annotator = m_settings->annotator();
  p.backendServer = m_settings->backendServer();
  p.backendTokenFile = m_settings->backendTokenFile();
  p.backendFolders = m_settings->backendFolders();
  p.backendUploadFrames = m_settings->backendUploadFrames();
  dialog.setPreferences(p);
  dialog.setShortcuts(m_actions.shortcutEntries());
  if (dialog.exec() != QDialog::Accepted) return;
  const widgets::StudioPreferences n = dialog.preferences();
  m_settings->setDevice(n.device);
  m_settings->setPrecision(n.precision);
  m_settings->setFrames(n.frames);
  m_settings->setKeyframes(n.keyframes);
  m_settings->setOracleStripWithRuns(n.oracleStrip);
  m_settings->setCacheDirectory(n.cacheDirectory);
  m_settings->setCacheCapBytes(qint64(n.cacheCapGiB * double(1LL << 30)));
  if (n.theme != m_settings->theme()) {
    m_settings->setTheme(n.theme);
    applyTheme(*qApp, n.theme);
  }
  if (n.language != m_settings->language()) {
    m_settings->setLanguage(n.language);
    notify(tr("The language changes at the next start"), 8000);
  }
  if (!n.annotator.isEmpty() && n.annotator != m_settings->annotator()) {
    m_settings->setAnnotator(n.annotator);
    setAnnotator(n.annotator);
  }
  if (n.backendServer != m_settings->backendServer() ||
      n.backendTokenFile != m_settings->backendTokenFile() ||
      n.backendFolders != m_settings->backendFolders() ||
      (!n.backendServer.isEmpty() && n.backendUploadFrames != m_settings->backendUploadFrames())) {
    m_settings->setBackendServer(n.backendServer);
    m_settings->setBackendTokenFile(n.backendTokenFile);
    m_settings->setBackendFolders(n.backendFolders);
    if (!n.backendServer.isEmpty()) m_settings->setBackendUploadFrames(n.backendUploadFrames);
    switchBackend();
  }
  for (const auto& e : dialog.shortcuts()) m_settings->setShortcut(e.id, e.sequence.toString());
  applyShortcuts();
  showFirstStepsHint();
  widgets::QuestionInput in = m_question->input();
  in.frames = n.frames;
  in.keyframes = n.keyframes;
  m_question->setInput(in);
}

ModelRequest MainWindow::lastLocalModel() const {
  ModelRequest last;
  last.directory = m_settings->lastModelDirectory();
  last.checkpoint = m_settings->lastCheckpoint();
  last.tokenizer = m_settings->lastTokenizer();
  last.device = m_settings->device();
  last.precision = m_settings->precision();
  return last;
}

void MainWindow::switchBackend() {
  if (!m_settings->backendServer().isEmpty()) {
    notify(tr("Connecting to %1…").arg(m_settings->backendServer()), 0);
    openModel(ModelRequest{});
    return;
  }
  // Back to this computer: the model opened here last, if any.
  const ModelRequest local = lastLocalModel();
  if (local.directory.isEmpty() || !QFileInfo(local.directory).isDir()) {
    notify(tr("Questions are answered on this computer again: open a model (File ▸ Open Model…)"), 10000);
    return;
  }
  openModel(local);
}

void MainWindow::onOpenDataset() {
  OpenDatasetDialog dialog(this);
  const QStringList last = m_settings->lastDataset();
  dialog.setSource(DatasetSource{last.value(0), last.value(1), last.value(2), last.value(3)});
  if (dialog.exec() != QDialog::Accepted) return;
  const DatasetSource source = dialog.source();
  m_settings->setLastDataset({source.dataset, source.annotations, source.videos, source.results});
  openDataset(source);
}

void MainWindow::openDataset(const DatasetSource& source) {
  notify(tr("Opening the dataset %1…").arg(QFileInfo(source.annotations).fileName()), 0);
  m_settings->addRecentDataset({source.dataset, source.annotations, source.videos, source.results});
  m_datasetLoader->load(source, m_store ? m_store->path() : QString(), m_session->author());
}

void MainWindow::onDatasetLoaded() {
  DatasetLoad load = m_datasetLoader->take();
  // The same split read again (e.g. after answering more items) keeps its comparison.
  const bool sameSplit = m_dataSession && load.session &&
                         m_dataSession->source().annotations == load.session->source().annotations;
  if (m_pendingCompare.isEmpty() && sameSplit && m_compare) m_pendingCompare = m_compareResults;
  m_dataSession = load.session;
  m_itemThumbs->setSession(m_dataSession);
  const int n = int(load.rows.size());
  m_dataset->setRows(std::move(load.rows));
  m_compare.reset();
  if (!m_pendingCompare.isEmpty()) compareWithResults(std::exchange(m_pendingCompare, QString()));
  m_datasetDock->show();
  m_datasetDock->raise();
  if (!load.labelError.isEmpty())
    notify(tr("Labels not shown: %1").arg(load.labelError.section('\n', 0, 0)), 10000);
  else
    notify(tr("%n item(s) loaded", nullptr, n));
  Q_EMIT datasetOpened(n);
}

void MainWindow::refreshDatasetRow() {
  // Only the shown item's row: a split can hold 50,000 items.
  const auto& run = m_session->result();
  if (!m_dataSession || !run || run->qid.empty()) return;
  if (const data::DatasetItem* item = m_dataSession->item(run->qid))
    m_dataset->updateRow(withComparison(labelledRow(rowOf(*item, m_dataSession->result(item->qid)))));
}

widgets::DatasetRow MainWindow::labelledRow(widgets::DatasetRow row) const {
  if (!m_store || !m_dataSession) return row;
  const auto item = m_store->itemByQid(m_dataSession->source().dataset.toStdString(), row.qid.toStdString());
  if (!item) return row;
  const auto label = m_store->label(item->id, m_session->author());
  return withLabel(std::move(row), label ? &*label : nullptr, m_dataSession->result(row.qid.toStdString()));
}

void MainWindow::openDatasetItem(const QString& qid) {
  if (!m_dataSession) return;
  const data::DatasetItem* item = m_dataSession->item(qid.toStdString());
  if (!item) return;
  QString video;
  try {
    video = m_dataSession->videoPath(*item);
    if (m_video->info().path != video) openVideo(video);
  } catch (const std::exception& e) {
    notify(localizedError(e).section('\n', 0, 0), 8000);
  }
  m_openItemQid = item->qid;
  const engine::Question question = engine::questionFor(*item);
  widgets::QuestionInput in = m_question->input();
  in.question = QString::fromStdString(question.question);
  in.options.clear();
  for (const auto& o : question.options) in.options << QString::fromStdString(o);
  in.groundTruth = item->answer.value_or(-1);
  m_question->setInput(in);
  if (const engine::ChainResult* stored = m_dataSession->result(item->qid); stored && !video.isEmpty())
    m_session->showRun(*stored, video);
  else
    m_session->clear();
}

void MainWindow::setPresentationMode(bool on) {
  if (on == presentationMode()) return;
  if (!on) {
    m_presentation->close();
    m_presentation->deleteLater();
    m_presentation = nullptr;
    m_presentationFrames.clear();
    return;
  }
  m_presentation = new widgets::PresentationView;  // a top-level window over everything
  m_presentation->setAttribute(Qt::WA_DeleteOnClose, false);
  connect(m_presentation, &widgets::PresentationView::exitRequested, this,
          [this] { setPresentationMode(false); });
  m_presentation->setFrame(m_videoView->frame());
  // Playback keys work over the presentation too: its window is then the active one.
  for (const char* id :
       {"actionPlayPause", "actionNextFrame", "actionPreviousFrame", "actionForward", "actionBack",
        "actionShuttleBack", "actionShuttleStop", "actionShuttleForward", "actionStart", "actionEnd"})
    m_presentation->addAction(m_actions.action(id));
  updatePresentation();
  if (!m_presentationFillsScreen) {
    m_presentation->show();
  } else {
    // The whole screen the window is on, also where no window manager honours full-screen requests
    // (a kiosk or a bare X server driving a projector).
    m_presentation->setGeometry(screen()->geometry());
    m_presentation->showFullScreen();
  }
}

void MainWindow::updatePresentation() {
  if (!m_presentation) return;
  m_presentation->setQuestion(m_question->input().question);
  m_presentation->setNote(resultNote());
  const auto& run = m_session->result();
  if (!run || run->answer.answer < 0) {
    m_presentation->clearAnswer();
    return;
  }
  const auto& r = *run;
  std::optional<bool> right;
  if (r.groundTruth) right = r.answer.answer == *r.groundTruth;
  m_presentation->setAnswer(QString(QChar('A' + r.answer.answer)),
                            QString::fromStdString(r.options.at(size_t(r.answer.answer))), right);
  m_presentationFrames.clear();
  QVector<qint64> frames;
  for (int k : r.keyframes) {
    m_presentationFrames.insert(r.frames[size_t(k)].frameIndex, QImage());
    frames << r.frames[size_t(k)].frameIndex;
  }
  m_video->requestThumbnails(frames, QSize(960, 540));
}

}  // namespace sevila::studio

namespace sevila::studio {

void MainWindow::rebuildRecentDatasetsMenu() {
  m_recentDatasetsMenu->clear();
  const QVector<QStringList> datasets = m_settings->recentDatasets();
  for (const QStringList& f : datasets) {
    const DatasetSource source{f.value(0), f.value(1), f.value(2), f.value(3)};
    QAction* a = m_recentDatasetsMenu->addAction(
        QStringLiteral("%1 · %2").arg(source.dataset, QFileInfo(source.annotations).fileName()), this,
        [this, source] {
          m_settings->setLastDataset({source.dataset, source.annotations, source.videos, source.results});
          openDataset(source);
        });
    QString tip = source.annotations + '\n' + source.videos;
    if (!source.results.isEmpty()) tip += '\n' + source.results;
    a->setToolTip(tip);
    a->setStatusTip(source.annotations);
  }
  if (!datasets.isEmpty()) {
    m_recentDatasetsMenu->addSeparator();
    m_recentDatasetsMenu->addAction(tr("Clear List"), this, [this] { m_settings->clearRecentDatasets(); });
  }
  m_recentDatasetsMenu->setEnabled(!datasets.isEmpty());
}

void MainWindow::onExportChart(const QString& which) {
  const QString base = which == QLatin1String("timeline") ? tr("score-timeline") : tr("answer");
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      this, which == QLatin1String("timeline") ? tr("Export Score Timeline") : tr("Export Answer Chart"),
      QDir(projectFolder()).filePath(base + QStringLiteral(".png")),
      tr("PNG image (*.png);;SVG drawing (*.svg)"), &selected);
  if (path.isEmpty()) return;
  QString file = path;
  if (QFileInfo(file).suffix().isEmpty()) file += selected.contains(QLatin1String("svg")) ? ".svg" : ".png";
  if (exportChart(which, file)) notify(tr("Chart written to %1").arg(QFileInfo(file).fileName()), 8000);
}

bool MainWindow::exportChart(const QString& which, const QString& path) {
  QWidget* chart = which == QLatin1String("timeline") ? m_timeline->chart() : m_answer->chart();
  QString error;
  const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
  const bool ok =
      svg ? widgets::saveChartSvg(chart, path, &error) : widgets::saveChartPng(chart, path, &error);
  if (!ok) reportError(tr("Cannot export the chart"), tr("The chart could not be written."), error);
  return ok;
}

bool MainWindow::answerFilteredItems() {
  if (!m_dataSession) {
    notify(tr("Open a dataset first (File ▸ Open Dataset…)"));
    return false;
  }
  if (m_datasetRun->isRunning()) {
    notify(tr("The dataset's items are already being answered"));
    return false;
  }
  if (m_runner->isBusy()) {
    notify(tr("Wait for the question in progress, or cancel it"));
    return false;
  }
  if (!modelReady()) return false;
  const QStringList qids = m_dataset->filteredQids();
  if (qids.isEmpty()) {
    notify(tr("No item is shown: change the filters"));
    return false;
  }
  DatasetSource source = m_dataSession->source();
  // Results of another model stay as they are: this model writes its own file, and the browser then
  // compares the two (Before / Change columns, fixed and broken filters).
  QString previous;
  if (!source.results.isEmpty() && !m_dataSession->items().empty()) {
    const std::string checkpoint = m_model->summary().checkpoint.toStdString();
    for (const auto& item : m_dataSession->items())
      if (const engine::ChainResult* r = m_dataSession->result(item.qid)) {
        if (r->checkpoint != checkpoint) previous = source.results;
        break;
      }
  }
  if (!previous.isEmpty()) {
    source.results = QDir(projectFolder())
                         .filePath(QStringLiteral("%1-%2-version%3-results.jsonl")
                                       .arg(source.dataset, QFileInfo(source.annotations).completeBaseName())
                                       .arg(m_versionId));
  } else if (source.results.isEmpty()) {
    // A new results file beside the project, named after the annotations.
    source.results =
        QDir(projectFolder())
            .filePath(QStringLiteral("%1-%2-results.jsonl")
                          .arg(source.dataset, QFileInfo(source.annotations).completeBaseName()));
  }
  DatasetRunRequest request;
  request.session = m_dataSession;
  request.qids = qids;
  request.resultsPath = source.results;
  request.options.frames = m_settings->frames();
  request.options.keyframes = m_settings->keyframes();
  request.model = m_model->summary().directory;
  request.checkpointSha256 = m_model->summary().checkpointSha256;
  if (!m_datasetRun->start(request)) return false;
  m_datasetRunResults = source.results;
  if (!previous.isEmpty()) m_pendingCompare = previous;
  m_settings->setLastDataset({source.dataset, source.annotations, source.videos, source.results});
  m_datasetRunProgress->setRange(0, int(qids.size()));
  m_datasetRunProgress->setValue(0);
  m_datasetRunLabel->setText(tr("Answering %n item(s)…", nullptr, int(qids.size())));
  m_datasetRunBar->show();
  m_datasetRunLabel->show();
  m_question->setRunAvailable(false);
  notify(
      tr("Answering %n item(s) into %1", nullptr, int(qids.size())).arg(QFileInfo(source.results).fileName()),
      8000);
  return true;
}

void MainWindow::onDatasetRunCompleted(const DatasetRunReport& report) {
  m_datasetRunBar->hide();
  m_question->setRunAvailable(m_model->engine() != nullptr);
  QString text;
  if (!report.error.isEmpty()) {
    m_datasetRunLabel->hide();
    reportError(tr("Answering stopped"), tr("The dataset's items could not be answered."), report.error);
    return;
  }
  text = report.cancelled ? tr("Stopped: %1 answered, %2 already answered, %3 failed")
                          : tr("Done: %1 answered, %2 already answered, %3 failed");
  text = text.arg(report.done).arg(report.skipped).arg(report.failed);
  if (!report.failures.isEmpty()) text += QStringLiteral("\n") + report.failures.first();
  m_datasetRunLabel->setText(text);
  notify(text.section('\n', 0, 0), 15000);
  // Read the results back so that each answered item opens with its run.
  if (m_dataSession && (report.done > 0 || !m_pendingCompare.isEmpty())) {
    DatasetSource source = m_dataSession->source();
    if (!m_datasetRunResults.isEmpty()) source.results = m_datasetRunResults;
    openDataset(source);
  }
}

}  // namespace sevila::studio

namespace sevila::studio {

QVector<widgets::AgreementRow> MainWindow::agreementRows() const {
  QVector<widgets::AgreementRow> rows;
  if (!m_store) return rows;
  for (const data::AuthorPairAgreement& pair : data::pairwiseAgreement(m_store->keyframeLabelRecords())) {
    widgets::AgreementRow row;
    row.authorA = QString::fromStdString(pair.authorA);
    row.authorB = QString::fromStdString(pair.authorB);
    row.items = pair.items;
    row.tp = pair.frames.truePositive;
    row.fp = pair.frames.falsePositive;
    row.fn = pair.frames.falseNegative;
    row.tn = pair.frames.trueNegative;
    const int64_t total = pair.frames.total();
    if (total > 0) row.percentAgreement = 100.0 * double(row.tp + row.tn) / double(total);
    row.kappa = pair.frames.cohenKappa();
    rows << row;
  }
  return rows;
}

void MainWindow::onShowAgreement() {
  if (!m_store) return;
  widgets::AgreementDialog dialog(this);
  try {
    dialog.setRows(agreementRows(), tr("Project: %1 · every author's keyframe labels, frame by frame")
                                        .arg(QFileInfo(m_store->path()).fileName()));
  } catch (const std::exception& e) {
    reportError(tr("Cannot compute agreement"), tr("The project's labels could not be compared."),
                localizedError(e));
    return;
  }
  dialog.resize(1150, 360);  // every column, κ included, without scrolling
  dialog.exec();
}

}  // namespace sevila::studio
