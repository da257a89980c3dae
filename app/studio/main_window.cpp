#include "main_window.h"


#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "commands/set_keyframes_command.h"
#include "commands/set_label_note_command.h"
#include "commands/set_label_state_command.h"
#include "commands/toggle_keyframe_command.h"
#include "dataset_loader.h"
#include "dataset_session.h"
#include "project_store.h"
#include "open_dataset_dialog.h"
#include "open_model_dialog.h"
#include "theme.h"
#include "translations.h"
#include "widgets/dataset_browser.h"
#include "widgets/presentation_view.h"
#include "widgets/settings_dialog.h"
#include "run_controller.h"
#include "studio_paths.h"
#include "studio_settings.h"
#include "video_controller.h"
#include "worker_pools.h"
#include "widgets/answer_panel.h"
#include "widgets/keyframe_strip.h"
#include "widgets/label_details.h"
#include "widgets/question_panel.h"
#include "widgets/score_timeline.h"
#include "widgets/video_view.h"

namespace sevila::studio {

MainWindow::MainWindow(StudioSettings* settings, QWidget* parent)
    : QMainWindow(parent),
      m_settings(settings),
      m_video(new VideoController(this)),
      m_model(new ModelController(this)),
      m_runner(new RunController(this)),
      m_dataset(new widgets::DatasetBrowser),
      m_labelDetails(new widgets::LabelDetails),
      m_undo(new QUndoStack(this)),
      m_videoView(new widgets::VideoView),
      m_timeline(new widgets::ScoreTimeline),
      m_keyframes(new widgets::KeyframeStrip),
      m_question(new widgets::QuestionPanel),
      m_answer(new widgets::AnswerPanel) {
  m_datasetLoader = new DatasetLoader(this);
  m_author = qEnvironmentVariable("USER", QStringLiteral("annotator")).toStdString();
  setObjectName("MainWindow");
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
  connect(m_keyframes, &widgets::KeyframeStrip::seekRequested, m_video, &VideoController::seekSeconds);
  connect(m_settings, &StudioSettings::recentFilesChanged, this, &MainWindow::rebuildRecentFilesMenu);
  connect(m_settings, &StudioSettings::recentProjectsChanged, this, &MainWindow::rebuildRecentProjectsMenu);

  connect(m_model, &ModelController::loadStarted, this, [this](const QString& name) {
    m_modelStatus->setText(tr("Loading %1…").arg(name));
  });
  connect(m_model, &ModelController::loaded, this, &MainWindow::onModelLoaded);
  connect(m_model, &ModelController::loadFailed, this, [this](const QString& message) {
    m_modelStatus->setText(tr("No model"));
    statusBar()->showMessage(tr("The model could not be loaded"), 8000);
    if (qEnvironmentVariableIsSet("SEVILA_NO_DIALOGS")) return;
    QMessageBox box(QMessageBox::Warning, tr("Cannot open model"), tr("The model could not be loaded."),
                    QMessageBox::Ok, this);
    box.setInformativeText(message.section('\n', 0, 0));
    box.setDetailedText(message);
    box.exec();
  });
  connect(m_question, &widgets::QuestionPanel::runRequested, this, &MainWindow::onRunRequested);
  connect(m_question, &widgets::QuestionPanel::cancelRequested, m_runner, &RunController::cancel);
  connect(m_runner, &RunController::progress, m_question, &widgets::QuestionPanel::setProgress);
  connect(m_runner, &RunController::started, this, [this] { m_question->setBusy(true); });
  connect(m_runner, &RunController::finished, this, &MainWindow::onRunFinished);
  connect(m_runner, &RunController::whatIfFinished, this, &MainWindow::onWhatIfFinished);
  connect(m_runner, &RunController::baselinesFinished, this, &MainWindow::onBaselinesFinished);
  connect(m_answer, &widgets::AnswerPanel::baselinesRequested, this, &MainWindow::onComputeBaselines);
  connect(m_labelDetails, &widgets::LabelDetails::unsureChanged, this, [this](bool unsure) {
    if (const auto target = currentLabelTarget(); target && labelEditAllowed())
      m_undo->push(new SetLabelStateCommand(*m_store, *target, unsure ? LabelState::Unsure : LabelState::Confirmed));
  });
  connect(m_labelDetails, &widgets::LabelDetails::noteEdited, this, [this](const QString& note) {
    if (const auto target = currentLabelTarget(); target && labelEditAllowed())
      m_undo->push(new SetLabelNoteCommand(*m_store, *target, note.toStdString()));
  });
  connect(m_runner, &RunController::failed, this, [this](const QString& message) {
    m_question->setBusy(false);
    if (std::exchange(m_baselinesRunning, false)) showResult();
    statusBar()->showMessage(tr("The run failed: %1").arg(message.section('\n', 0, 0)), 10000);
  });
  connect(m_runner, &RunController::cancelled, this, [this] {
    m_question->setBusy(false);
    if (std::exchange(m_baselinesRunning, false)) showResult();
    statusBar()->showMessage(tr("Run cancelled"), 5000);
  });
  connect(m_timeline, &widgets::ScoreTimeline::sampledFrameClicked, this, &MainWindow::toggleHumanKeyframe);
  connect(m_video, &VideoController::thumbnailReady, m_keyframes, &widgets::KeyframeStrip::setThumbnail);

  connect(m_dataset, &widgets::DatasetBrowser::itemActivated, this, &MainWindow::openDatasetItem);
  connect(m_datasetLoader, &DatasetLoader::loaded, this, &MainWindow::onDatasetLoaded);
  connect(&m_labelTransfer, &QFutureWatcher<LabelTransfer>::finished, this, &MainWindow::onLabelTransferFinished);
  connect(m_datasetLoader, &DatasetLoader::failed, this, [this](const QString& message) {
    statusBar()->showMessage(tr("Cannot open the dataset: %1").arg(message.section('\n', 0, 0)), 10000);
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

  // Remember every action's default shortcut, then apply the user's.
  for (QAction* a : findChildren<QAction*>())
    if (!a->objectName().isEmpty()) a->setProperty("defaultShortcut", a->shortcut().toString());
  applyShortcuts();

  resize(1280, 800);
  restoreGeometry(m_settings->windowGeometry());
  restoreState(m_settings->windowState());
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

void MainWindow::createDocks() {
  // Video left, question and answer right, timeline and keyframes along the bottom: the layout of a video
  // editor. Every panel is a dock, so users can rearrange them; the arrangement is saved.
  m_videoDock = addPanel("VideoDock", tr("Video"), m_videoView, Qt::LeftDockWidgetArea);
  m_questionDock = addPanel("QuestionDock", tr("Question"), m_question, Qt::RightDockWidgetArea);
  m_answerDock = addPanel("AnswerDock", tr("Answer"), m_answer, Qt::RightDockWidgetArea);
  m_timelineDock = addPanel("TimelineDock", tr("Score Timeline"), m_timeline, Qt::BottomDockWidgetArea);
  auto* keyframePanel = new QWidget;
  auto* keyframeLayout = new QVBoxLayout(keyframePanel);
  keyframeLayout->setContentsMargins(0, 0, 0, 0);
  keyframeLayout->addWidget(m_keyframes, 1);
  keyframeLayout->addWidget(m_labelDetails);
  m_keyframeDock = addPanel("KeyframeDock", tr("Keyframes"), keyframePanel, Qt::BottomDockWidgetArea);
  m_datasetDock = addPanel("DatasetDock", tr("Dataset"), m_dataset, Qt::LeftDockWidgetArea);
  m_datasetDock->hide();  // shown once a dataset is opened
  splitDockWidget(m_questionDock, m_answerDock, Qt::Vertical);
  splitDockWidget(m_timelineDock, m_keyframeDock, Qt::Vertical);
  setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
  resizeDocks({m_videoDock, m_questionDock}, {900, 460}, Qt::Horizontal);
  resizeDocks({m_videoDock, m_timelineDock, m_keyframeDock}, {520, 220, 170}, Qt::Vertical);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Video…"), this, &MainWindow::onOpenVideo);
  open->setObjectName("actionOpenVideo");
  open->setShortcut(QKeySequence::Open);
  QAction* openModel = file->addAction(tr("Open &Model…"), this, &MainWindow::onOpenModel);
  openModel->setObjectName("actionOpenModel");
  openModel->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  QAction* openDataset = file->addAction(tr("Open &Dataset…"), this, &MainWindow::onOpenDataset);
  openDataset->setObjectName("actionOpenDataset");
  m_recentMenu = file->addMenu(tr("Recent &Files"));
  m_recentMenu->setObjectName("menuRecentFiles");
  rebuildRecentFilesMenu();
  file->addSeparator();
  file->addAction(tr("&New Project…"), this, &MainWindow::onNewProject)->setObjectName("actionNewProject");
  QAction* openProjectAction = file->addAction(tr("Open &Project…"), this, &MainWindow::onOpenProject);
  openProjectAction->setObjectName("actionOpenProject");
  openProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
  m_recentProjectsMenu = file->addMenu(tr("Recent Pro&jects"));
  m_recentProjectsMenu->setObjectName("menuRecentProjects");
  rebuildRecentProjectsMenu();
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setObjectName("actionQuit");
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
  undo->setObjectName("actionUndo");
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
  redo->setObjectName("actionRedo");
  redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("&Export Keyframe Labels…"), this, [this] {
    if (!m_store) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Keyframe Labels"), "keyframes.jsonl",
                                                      tr("Keyframe labels (*.jsonl)"));
    if (!path.isEmpty()) exportKeyframeLabels(path);
  })->setObjectName("actionExportLabels");
  edit->addAction(tr("&Import Keyframe Labels…"), this, [this] {
    if (!m_store) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Keyframe Labels"), QString(),
                                                      tr("Keyframe labels (*.jsonl)"));
    if (!path.isEmpty()) importKeyframeLabels(path);
  })->setObjectName("actionImportLabels");

  createPlaybackActions(menuBar()->addMenu(tr("&Playback")));

  QMenu* keyframes = menuBar()->addMenu(tr("&Keyframes"));
  QAction* toggle = keyframes->addAction(tr("&Toggle Human Keyframe at Playhead"), this,
                                         &MainWindow::onToggleKeyframeAtPlayhead);
  toggle->setObjectName("actionToggleKeyframe");
  toggle->setShortcut(QKeySequence(Qt::Key_M));
  keyframes->addAction(tr("&Accept the Model's Keyframes"), this, [this] {
    if (!m_result) return;
    setHumanKeyframes(QVector<int>(m_result->keyframes.begin(), m_result->keyframes.end()),
                      tr("Accept the model's keyframes"));
  })->setObjectName("actionAcceptKeyframes");
  keyframes->addAction(tr("&Clear Human Keyframes"), this, [this] {
    setHumanKeyframes({}, tr("Clear human keyframes"));
  })->setObjectName("actionClearKeyframes");
  keyframes->addSeparator();
  m_reanswerAction = keyframes->addAction(tr("&Re-answer with Human Keyframes"), this,
                                          &MainWindow::onReanswerWithHumanKeyframes);
  m_reanswerAction->setObjectName("actionReanswer");
  m_reanswerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  m_reanswerAction->setEnabled(false);
  m_baselinesAction = keyframes->addAction(tr("Compute &Baselines"), this, &MainWindow::onComputeBaselines);
  m_baselinesAction->setObjectName("actionBaselines");
  m_baselinesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
  m_baselinesAction->setEnabled(false);

  m_viewMenu = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* dock : {m_videoDock, m_timelineDock, m_keyframeDock, m_questionDock, m_answerDock, m_datasetDock})
    m_viewMenu->addAction(dock->toggleViewAction());
  m_viewMenu->addSeparator();
  QAction* logit = m_viewMenu->addAction(tr("Show Yes-&Logit Instead of Probability"));
  logit->setObjectName("actionShowLogit");
  logit->setCheckable(true);
  connect(logit, &QAction::toggled, m_timeline, &widgets::ScoreTimeline::setShowLogit);
  QAction* present = m_viewMenu->addAction(tr("&Presentation Mode"));
  present->setObjectName("actionPresentation");
  present->setShortcut(QKeySequence(Qt::Key_F11));
  connect(present, &QAction::triggered, this, [this] { setPresentationMode(!presentationMode()); });

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  QAction* prefs = settings->addAction(tr("&Preferences and Shortcuts…"), this, &MainWindow::onPreferences);
  prefs->setObjectName("actionPreferences");
  prefs->setMenuRole(QAction::PreferencesRole);

  QAction* nextItem = keyframes->addAction(tr("&Next Item"), m_dataset, [this] { m_dataset->next(); });
  nextItem->setObjectName("actionNextItem");
  nextItem->setShortcut(QKeySequence(Qt::Key_N));
  QAction* previousItem = keyframes->addAction(tr("P&revious Item"), m_dataset, [this] { m_dataset->previous(); });
  previousItem->setObjectName("actionPreviousItem");
  previousItem->setShortcut(QKeySequence(Qt::Key_P));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About SeViLA Studio"), this, &MainWindow::onAbout)->setObjectName("actionAbout");
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
      {"actionPlayPause", tr("&Play / Pause"), QKeySequence(Qt::Key_Space), [this] { m_video->togglePlay(); }},
      {"actionNextFrame", tr("&Next Frame"), QKeySequence(Qt::Key_Right), [this] { m_video->stepForward(); }},
      {"actionPreviousFrame", tr("P&revious Frame"), QKeySequence(Qt::Key_Left), [this] { m_video->stepBackward(); }},
      {"actionForward", tr("&Forward 1 s"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
       [this, step] { m_video->seekSeconds(m_video->currentSeconds() + step); }},
      {"actionBack", tr("&Back 1 s"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
       [this, step] { m_video->seekSeconds(std::max(0.0, m_video->currentSeconds() - step)); }},
      {"actionShuttleBack", tr("Shuttle &Backwards"), QKeySequence(Qt::Key_J),
       [this] { m_video->shuttleBackward(); }},
      {"actionShuttleStop", tr("Shuttle Pa&use"), QKeySequence(Qt::Key_K), [this] { m_video->shuttleStop(); }},
      {"actionShuttleForward", tr("Shuttle For&wards"), QKeySequence(Qt::Key_L),
       [this] { m_video->shuttleForward(); }},
      {"actionStart", tr("Go to &Start"), QKeySequence(Qt::Key_Home), [this] { m_video->seekFrame(0); }},
      {"actionEnd", tr("Go to &End"), QKeySequence(Qt::Key_End),
       [this] { m_video->seekFrame(std::max<qint64>(0, m_video->info().frameCount - 1)); }},
  };
  for (const auto& spec : specs) {
    QAction* a = menu->addAction(spec.text, this, spec.run);
    a->setObjectName(spec.id);
    a->setShortcut(spec.key);
    a->setToolTip(QStringLiteral("%1 (%2)").arg(spec.text, spec.key.toString(QKeySequence::NativeText)).remove('&'));
  }
}

void MainWindow::createStatusBar() {
  m_videoStatus = new QLabel(tr("No video"));
  m_positionStatus = new QLabel;
  m_modelStatus = new QLabel(tr("No model"));
  m_projectStatus = new QLabel(tr("No project"));
  statusBar()->addPermanentWidget(m_videoStatus, 1);
  statusBar()->addPermanentWidget(m_positionStatus);
  statusBar()->addPermanentWidget(m_modelStatus);
  statusBar()->addPermanentWidget(m_projectStatus);
}

// A "Recent …" menu: one entry a path (its full path in the tooltip), then Clear List.
void MainWindow::fillRecentMenu(QMenu* menu, const QStringList& paths, const std::function<void(const QString&)>& open,
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
  fillRecentMenu(m_recentMenu, m_settings->recentFiles(), [this](const QString& p) { openVideo(p); },
                 [this] { m_settings->clearRecentFiles(); });
}

void MainWindow::rebuildRecentProjectsMenu() {
  fillRecentMenu(m_recentProjectsMenu, m_settings->recentProjects(), [this](const QString& p) { openProject(p); },
                 [this] { m_settings->clearRecentProjects(); }, m_store ? m_store->path() : QString());
}

QString MainWindow::projectFolder() const {
  return m_store ? QFileInfo(m_store->path()).absolutePath()
                 : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::onNewProject() {
  QFileDialog dialog(this, tr("New Project"), projectFolder(), tr("SeViLA projects (*.sevila)"));
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setDefaultSuffix("sevila");
  dialog.setOption(QFileDialog::DontConfirmOverwrite);  // an existing project is opened, never replaced
  dialog.selectFile(tr("labels.sevila"));
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
  const QString path = dialog.selectedFiles().first();
  if (QFileInfo::exists(path))
    statusBar()->showMessage(tr("%1 exists: opened it (projects are never overwritten)").arg(QFileInfo(path).fileName()),
                             8000);
  openProject(path);
}

void MainWindow::onOpenProject() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), projectFolder(),
                                                    tr("SeViLA projects (*.sevila);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::openVideo(const QString& path) {
  statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
  m_video->open(path);
}

void MainWindow::onVideoOpenFailed(const QString& path, const QString& message) {
  statusBar()->showMessage(tr("Cannot open %1").arg(QFileInfo(path).fileName()), 8000);
  if (qEnvironmentVariableIsSet("SEVILA_NO_DIALOGS")) return;
  QMessageBox box(QMessageBox::Warning, tr("Cannot open video"),
                  tr("The video “%1” could not be opened.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
  box.setInformativeText(message.section('\n', 0, 0));
  box.setDetailedText(message);
  box.exec();
}

void MainWindow::onVideoOpened() {
  const auto& info = m_video->info();
  statusBar()->clearMessage();
  m_settings->addRecentFile(info.path);
  setWindowTitle(tr("%1 — SeViLA Studio").arg(QFileInfo(info.path).fileName()));
  m_videoStatus->setText(tr("%1 · %2×%3 · %4 fps · %5 frames")
                             .arg(QFileInfo(info.path).fileName())
                             .arg(info.width)
                             .arg(info.height)
                             .arg(info.fps, 0, 'f', 3)
                             .arg(info.frameCount));
  m_timeline->clearScores();
  m_timeline->setDuration(info.duration);
  m_keyframes->setKeyframes({});
  m_answer->clear();
  // A dataset item's stored run arrives before its video has opened: show it now, on this video.
  if (m_result && QFileInfo(m_resultVideo) == QFileInfo(info.path)) {
    showResult();
  } else {
    m_result.reset();
    showLabelDetails();
  }
}

void MainWindow::onVideoPositionChanged(qint64 frameIndex, double seconds) {
  QString text = tr("frame %1 / %2 · %3 s")
                     .arg(frameIndex)
                     .arg(std::max<qint64>(0, m_video->info().frameCount - 1))
                     .arg(seconds, 0, 'f', 3);
  const double rate = m_video->rate();
  if (rate != 1) text += QStringLiteral(" · %1 %2×").arg(rate < 0 ? QStringLiteral("◀") : QStringLiteral("▶")).arg(std::abs(rate));
  m_positionStatus->setText(text);
  m_timeline->setPlayhead(seconds);
}

void MainWindow::onOpenVideo() {
  const QString start = m_settings->recentFiles().value(0);
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Video"), start.isEmpty() ? QString() : QFileInfo(start).absolutePath(),
      tr("Videos (*.mp4 *.mkv *.webm *.avi *.mov *.ogv *.mpg *.mpeg *.flv *.wmv *.m4v);;All files (*)"));
  if (!path.isEmpty()) openVideo(path);
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
  if (m_labelTransfer.isRunning()) {
    // An import is one transaction: let it commit rather than lose it with the process.
    statusBar()->showMessage(tr("Finishing the keyframe label import or export…"));
    m_labelTransfer.waitForFinished();
  }
  m_video->close();
  m_settings->setWindowGeometry(saveGeometry());
  m_settings->setWindowState(saveState());
  m_settings->sync();
  event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    m_timeline->restyle();
    m_answer->restyle();
  }
  QMainWindow::changeEvent(event);
}

void MainWindow::onOpenModel() {
  OpenModelDialog dialog(this);
  ModelRequest last;
  last.directory = m_settings->lastModelDirectory();
  last.device = m_settings->device();
  last.precision = m_settings->precision();
  dialog.setRequest(last);
  if (dialog.exec() != QDialog::Accepted) return;
  ModelRequest request = dialog.request();
  m_settings->setLastModelDirectory(request.directory);
  m_settings->setDevice(request.device);
  m_settings->setPrecision(request.precision);
  openModel(request);
}

void MainWindow::openModel(const ModelRequest& request) {
  ModelRequest r = request;
  if (r.cacheDirectory.isEmpty()) {
    r.cacheDirectory = m_settings->cacheDirectory();
    r.cacheCapBytes = m_settings->cacheCapBytes();
  }
  m_model->load(r);
}

void MainWindow::onModelLoaded() {
  const ModelSummary& m = m_model->summary();
  QString text = tr("%1 · %2 · %3").arg(m.name, m.device.toUpper(), m.precision);
  if (m.randomDemo) text += tr(" · RANDOM WEIGHTS (demo)");
  else if (m.zeroShot) text += tr(" · zero-shot");
  m_modelStatus->setText(text);
  if (!m.warnings.isEmpty()) {
    m_modelStatus->setToolTip(m.warnings.join(QStringLiteral("\n")));
    statusBar()->showMessage(tr("Model loaded with a warning: %1").arg(m.warnings.first()), 15000);
  }
  m_runner->setEngine(m_model->engine());
  m_question->setRunAvailable(true);
}

void MainWindow::openDemo() {
  openVideo(demoVideoPath());
  ModelRequest demo;
  demo.directory = demoModelPath();
  demo.randomDemo = true;
  openModel(demo);
  // Model input, not UI text: the model reads English, so this stays untranslated.
  widgets::QuestionInput q;
  q.question = QStringLiteral("What appears after the red ball leaves the scene?");
  q.options = QStringList{QStringLiteral("a green square"), QStringLiteral("a yellow star"),
                          QStringLiteral("a second red ball"), QStringLiteral("nothing"),
                          QStringLiteral("a white circle")};
  q.groundTruth = 0;
  q.frames = 32;
  q.keyframes = 4;
  m_question->setInput(q);
}

void MainWindow::onRunRequested() {
  if (!m_video->isOpen()) {
    statusBar()->showMessage(tr("Open a video first"), 5000);
    return;
  }
  const widgets::QuestionInput in = m_question->input();
  engine::Question q;
  q.question = in.question.toStdString();
  for (const QString& o : in.options) q.options.push_back(o.toStdString());
  if (in.groundTruth >= 0) q.answer = in.groundTruth;
  // The open dataset item's question, unedited and on its video: run it as the item (its prompt family,
  // clip and qid), so that the run and its labels are stored under that item.
  const data::DatasetItem* item = m_session ? m_session->item(m_openItemQid) : nullptr;
  if (item) {
    const engine::Question itemQuestion = engine::questionFor(*item);
    if (itemQuestion.question == q.question && itemQuestion.options == q.options &&
        m_session->videoPath(*item) == m_video->info().path) {
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

void MainWindow::onRunFinished(const engine::ChainResult& result) {
  m_question->setBusy(false);
  m_result = result;
  m_resultVideo = m_video->info().path;
  m_human.clear();
  m_whatIf.reset();
  recordRun();
  showResult();
  double total = 0;
  for (const auto& [stage, seconds] : result.stageSeconds) total += seconds;
  statusBar()->showMessage(tr("Answered in %1 s").arg(total, 0, 'f', 2), 8000);
}

void MainWindow::showResult() {
  if (!m_result) return;
  const engine::ChainResult& r = *m_result;
  widgets::TimelineState state;
  for (size_t i = 0; i < r.frames.size(); ++i) {
    const auto& f = r.frames[i];
    state.times << f.seconds;
    state.frameIndices << int(f.frameIndex);
    state.yesProb << f.yesNoProb;  // P(yes | yes, no): readable for any model; the tooltip has all three
    state.yesLogit << f.yesLogit;
    if (r.groundTruth && i < r.frameAnswers.size()) state.frameCorrect << (r.frameAnswers[i] == *r.groundTruth ? 1 : 0);
  }
  state.modelKeyframes = QVector<int>(r.keyframes.begin(), r.keyframes.end());
  state.humanKeyframes = m_human;
  m_timeline->setState(state);

  QVector<widgets::KeyframeThumb> thumbs;
  QVector<int> positions = state.modelKeyframes;
  for (int h : m_human)
    if (!positions.contains(h)) positions << h;
  std::sort(positions.begin(), positions.end());
  for (int p : positions) {
    widgets::KeyframeThumb t;
    t.position = p;
    t.frameIndex = int(r.frames[p].frameIndex);
    t.seconds = r.frames[p].seconds;
    t.score = r.frames[p].yesNoProb;
    const bool model = state.modelKeyframes.contains(p), human = m_human.contains(p);
    t.source = model && human ? widgets::KeyframeThumb::Source::Both
               : model        ? widgets::KeyframeThumb::Source::Model
                              : widgets::KeyframeThumb::Source::Human;
    thumbs << t;
  }
  m_keyframes->setKeyframes(thumbs);
  QVector<qint64> frames;
  for (const auto& t : thumbs) frames << t.frameIndex;
  m_video->requestThumbnails(frames, QSize(160, 90));

  widgets::AnswerView view;
  for (const auto& o : r.options) view.options << QString::fromStdString(o);
  view.probabilities = QVector<double>(r.answer.probabilities.begin(), r.answer.probabilities.end());
  view.answer = r.answer.answer;
  view.groundTruth = r.groundTruth.value_or(-1);
  if (m_whatIf) {
    view.whatIfProbabilities = QVector<double>(m_whatIf->probabilities.begin(), m_whatIf->probabilities.end());
    view.whatIfAnswer = m_whatIf->answer;
  }
  QStringList notes;
  if (m_model->summary().randomDemo)
    notes << tr("Demo model with RANDOM weights: its scores and answers mean nothing.");
  view.note = notes.join('\n');
  view.baselinesComputed = r.concat.has_value() && r.voting.has_value();
  view.baselinesRunning = m_baselinesRunning;
  if (r.concat) {
    view.concatAnswer = r.concat->answer;
    view.concatProbability = r.concat->probabilities.at(size_t(r.concat->answer));
  }
  view.votingAnswer = r.voting.value_or(-1);
  view.oracle = r.oracle ? int(*r.oracle) : -1;
  m_answer->setAnswer(view);
  showLabelDetails();
  m_reanswerAction->setEnabled(!m_human.isEmpty());
  m_baselinesAction->setEnabled(!view.baselinesComputed && !m_baselinesRunning && r.answer.answer >= 0);
  updatePresentation();
}

void MainWindow::toggleHumanKeyframe(int position) {
  if (!m_result || position < 0 || position >= int(m_result->frames.size()) || !labelEditAllowed()) return;
  m_whatIf.reset();
  if (const auto target = currentLabelTarget()) {
    // An undoable edit, committed to the project at once; labelChanged refreshes the view.
    m_undo->push(new ToggleKeyframeCommand(*m_store, *target, position));
    return;
  }
  if (m_human.contains(position)) m_human.removeAll(position);
  else m_human << position;
  std::sort(m_human.begin(), m_human.end());
  showResult();
  refreshDatasetRow();
}

void MainWindow::setHumanKeyframes(const QVector<int>& positions, const QString& text) {
  if (!m_result || !labelEditAllowed()) return;
  m_whatIf.reset();
  if (const auto target = currentLabelTarget()) {
    m_undo->push(new SetKeyframesCommand(*m_store, *target, std::vector<int>(positions.begin(), positions.end()), text));
    return;
  }
  m_human = positions;
  showResult();
}

void MainWindow::transferLabels(bool import, const QString& jsonlPath) {
  if (!m_store) return;
  if (m_labelTransfer.isRunning()) {
    statusBar()->showMessage(tr("Keyframe labels are being imported or exported; try again when it is done"), 5000);
    return;
  }
  statusBar()->showMessage(import ? tr("Importing keyframe labels from %1…").arg(QFileInfo(jsonlPath).fileName())
                                  : tr("Exporting keyframe labels to %1…").arg(QFileInfo(jsonlPath).fileName()));
  // On a connection of its own, off the GUI thread: 100,000 labels take seconds. Label edits wait for it.
  const QString project = m_store->path();
  m_labelImport = import;
  m_labelTransfer.setFuture(QtConcurrent::run(&mediaPool(), [import, project, jsonlPath]() -> LabelTransfer {
    try {
      ProjectStore store(project);
      if (import) return {store.importKeyframeLabels(jsonlPath), {}};
      return {store.exportKeyframeLabels(jsonlPath), {}};
    } catch (const std::exception& e) {
      return {-1, QString::fromUtf8(e.what())};
    }
  }));
}

void MainWindow::onLabelTransferFinished() {
  const LabelTransfer t = m_labelTransfer.result();
  const bool import = m_labelImport;
  if (t.count < 0) {
    statusBar()->showMessage(t.error.section('\n', 0, 0), 10000);
    Q_EMIT labelTransferFailed(t.error);
    return;
  }
  if (import) {
    m_undo->clear();  // imports are not undoable edits
    refreshHumanFromStore();
    if (m_session && m_store) m_datasetLoader->relabel(m_session, m_store->path(), m_author);
    statusBar()->showMessage(tr("Imported %n label(s)", nullptr, t.count), 5000);
    Q_EMIT labelsImported(t.count);
  } else {
    statusBar()->showMessage(tr("Exported %n label(s)", nullptr, t.count), 5000);
    Q_EMIT labelsExported(t.count);
  }
}

bool MainWindow::labelEditAllowed() {
  if (!m_labelTransfer.isRunning() || !m_labelImport) return true;  // an export only reads
  statusBar()->showMessage(tr("Keyframe labels are being imported; edit them when it is done"), 5000);
  return false;
}

std::optional<LabelTarget> MainWindow::currentLabelTarget() const {
  if (!m_store || !m_result || m_runId <= 0) return std::nullopt;
  for (const auto& run : m_store->runs(m_itemId))
    if (run.id == m_runId) return labelTargetFor(run, m_author, m_result->fps);
  return std::nullopt;
}

void MainWindow::showLabelDetails() {
  widgets::LabelDetailsView view;
  view.author = QString::fromStdString(m_author);
  view.editable = m_store && m_result && m_itemId > 0;
  if (view.editable) {
    if (const auto label = m_store->label(m_itemId, m_author)) {
      view.exists = true;
      view.updated = QString::fromStdString(label->updatedAt);
      view.unsure = label->state == LabelState::Unsure;
      view.note = QString::fromStdString(label->note);
    }
  }
  m_labelDetails->setView(view);
}

bool MainWindow::openProject(const QString& path) {
  try {
    auto store = std::make_unique<ProjectStore>(path);
    connect(store.get(), &ProjectStore::labelChanged, this, [this](qint64 itemId, const QString&) {
      if (itemId == m_itemId) refreshHumanFromStore();
    });
    connect(store.get(), &ProjectStore::writeFailed, this, [this](const QString& message) {
      statusBar()->showMessage(tr("Could not save: %1").arg(message.section('\n', 0, 0)), 10000);
    });
    m_undo->clear();  // the edits on the stack belong to the previous project
    m_store = std::move(store);
  } catch (const std::exception& e) {
    const QString message = QString::fromUtf8(e.what());
    statusBar()->showMessage(tr("Cannot open the project: %1").arg(message.section('\n', 0, 0)), 10000);
    if (!qEnvironmentVariableIsSet("SEVILA_NO_DIALOGS")) {
      QMessageBox box(QMessageBox::Warning, tr("Cannot open project"),
                      tr("The project “%1” could not be opened.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
      box.setInformativeText(message.section('\n', 0, 0));
      box.setDetailedText(message);
      box.exec();
    }
    return false;
  }
  m_settings->addRecentProject(m_store->path());
  m_projectStatus->setText(tr("Project: %1").arg(QFileInfo(m_store->path()).completeBaseName()));
  m_projectStatus->setToolTip(m_store->path());
  // The shown run and the dataset's label columns now live in this project.
  if (m_result) recordRun();
  if (m_session) m_datasetLoader->relabel(m_session, m_store->path(), m_author);
  return true;
}

void MainWindow::recordRun() {
  m_itemId = 0;
  m_runId = 0;
  if (!m_store || !m_result) return;
  const auto& r = *m_result;
  try {
    VideoRecord video;
    video.path = m_resultVideo.toStdString();
    video.frameCount = r.frameCount;
    video.fps = r.fps;
    const int64_t videoId = m_store->upsertVideo(video);
    ItemRecord item;
    item.videoId = videoId;
    item.dataset = r.dataset.empty() ? "studio" : r.dataset;
    // Questions typed in the studio get a stable qid from their video and text.
    std::string key = video.path + "\n" + r.question;
    for (const auto& o : r.options) key += "\n" + o;
    item.qid = !r.qid.empty() ? r.qid
                              : "studio_" + QCryptographicHash::hash(QByteArray::fromStdString(key), QCryptographicHash::Sha1)
                                                .toHex()
                                                .left(16)
                                                .toStdString();
    item.question = r.question;
    item.options = r.options;
    item.answer = r.groundTruth;
    item.type = r.questionType;
    m_itemId = m_store->upsertItem(item);
    m_runId = m_store->addRun(runRecordFrom(r, m_itemId));
    refreshHumanFromStore();
  } catch (const std::exception& e) {
    statusBar()->showMessage(tr("Could not save the run: %1").arg(QString::fromUtf8(e.what()).section('\n', 0, 0)),
                             10000);
  }
}

void MainWindow::refreshHumanFromStore() {
  if (!m_store || !m_result || m_itemId <= 0) return;
  m_human.clear();
  if (auto label = m_store->label(m_itemId, m_author)) {
    // Labels live on a sampling grid; show those that fall on this run's grid (by absolute frame index).
    for (int p : label->keyframes) {
      const int64_t frame = label->grid.frameIndices.at(size_t(p));
      for (int i = 0; i < int(m_result->frames.size()); ++i)
        if (m_result->frames[size_t(i)].frameIndex == frame && !m_human.contains(i)) m_human << i;
    }
  }
  std::sort(m_human.begin(), m_human.end());
  showResult();
  refreshDatasetRow();
}

void MainWindow::onToggleKeyframeAtPlayhead() {
  if (!m_result || m_result->frames.empty()) return;
  // The sampled frame nearest the playhead.
  const double t = m_video->currentSeconds();
  int best = 0;
  for (int i = 1; i < int(m_result->frames.size()); ++i)
    if (std::abs(m_result->frames[i].seconds - t) < std::abs(m_result->frames[best].seconds - t)) best = i;
  toggleHumanKeyframe(best);
}

bool MainWindow::modelReady() {
  if (m_model->engine()) return true;
  // A stored run can be shown without a model; answering again needs one.
  statusBar()->showMessage(tr("Open a model first (File › Open Model…)"), 8000);
  return false;
}

engine::Question MainWindow::resultQuestion() const {
  // The run's own prompt family; a dataset item's run also keeps the item's clip.
  engine::Question q = engine::questionFor(*m_result);
  if (const data::DatasetItem* item = m_session && !m_result->qid.empty() ? m_session->item(m_result->qid) : nullptr)
    if (item->dataset == m_result->dataset) q.clip = engine::questionFor(*item).clip;
  return q;
}

void MainWindow::onReanswerWithHumanKeyframes() {
  if (!m_result || m_human.isEmpty() || m_runner->isBusy() || !modelReady()) return;
  const engine::Question q = resultQuestion();
  QVector<qint64> frames;
  for (int p : m_human) frames << m_result->frames[p].frameIndex;
  m_runner->answerWith(m_resultVideo, frames, q, engine::ChainOptions{});
}

void MainWindow::onComputeBaselines() {
  if (!m_result || m_result->answer.answer < 0 || m_runner->isBusy() || m_baselinesRunning || !modelReady()) return;
  const engine::Question q = resultQuestion();
  engine::ChainOptions options;
  options.keyframes = std::max<int>(1, int(m_result->keyframes.size()));
  m_baselinesRunning = true;
  m_result->video = m_resultVideo.toStdString();  // a stored run may name the video as its run machine saw it
  m_runner->addBaselines(*m_result, q, options);
  showResult();
}

void MainWindow::onBaselinesFinished(const engine::ChainResult& result) {
  m_question->setBusy(false);
  m_baselinesRunning = false;
  // Only for the run still shown: same video, same question, same grid.
  if (m_result && m_result->video == result.video && m_result->question == result.question &&
      m_result->frames.size() == result.frames.size()) {
    m_result->frameAnswers = result.frameAnswers;
    m_result->voting = result.voting;
    m_result->oracle = result.oracle;
    m_result->concat = result.concat;
    m_result->stageSeconds["baselines"] = result.stageSeconds.count("baselines") ? result.stageSeconds.at("baselines") : 0;
  }
  showResult();
}

void MainWindow::onWhatIfFinished(const engine::OptionScores& scores) {
  m_question->setBusy(false);
  m_whatIf = scores;
  showResult();
}

void MainWindow::applyShortcuts() {
  const auto user = m_settings->shortcuts();
  for (QAction* a : findChildren<QAction*>()) {
    if (a->objectName().isEmpty() || !a->property("defaultShortcut").isValid()) continue;
    const QString sequence = user.value(a->objectName(), a->property("defaultShortcut").toString());
    a->setShortcut(QKeySequence(sequence));
  }
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
  dialog.setPreferences(p);
  QVector<widgets::ShortcutEntry> entries;
  for (QAction* a : findChildren<QAction*>()) {
    if (a->objectName().isEmpty() || !a->property("defaultShortcut").isValid() || a->text().isEmpty()) continue;
    entries.push_back(widgets::ShortcutEntry{a->objectName(), QString(a->text()).remove('&'),
                                             QKeySequence(a->property("defaultShortcut").toString()), a->shortcut()});
  }
  dialog.setShortcuts(entries);
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
    statusBar()->showMessage(tr("The language changes at the next start"), 8000);
  }
  for (const auto& e : dialog.shortcuts()) m_settings->setShortcut(e.id, e.sequence.toString());
  applyShortcuts();
  widgets::QuestionInput in = m_question->input();
  in.frames = n.frames;
  in.keyframes = n.keyframes;
  m_question->setInput(in);
}

void MainWindow::onOpenDataset() {
  OpenDatasetDialog dialog(this);
  if (dialog.exec() == QDialog::Accepted) openDataset(dialog.source());
}

void MainWindow::openDataset(const DatasetSource& source) {
  statusBar()->showMessage(tr("Opening the dataset %1…").arg(QFileInfo(source.annotations).fileName()));
  m_datasetLoader->load(source, m_store ? m_store->path() : QString(), m_author);
}

void MainWindow::onDatasetLoaded() {
  DatasetLoad load = m_datasetLoader->take();
  m_session = load.session;
  const int n = int(load.rows.size());
  m_dataset->setRows(std::move(load.rows));
  m_datasetDock->show();
  m_datasetDock->raise();
  if (!load.labelError.isEmpty())
    statusBar()->showMessage(tr("Labels not shown: %1").arg(load.labelError.section('\n', 0, 0)), 10000);
  else
    statusBar()->showMessage(tr("%n item(s) loaded", nullptr, n), 5000);
  Q_EMIT datasetOpened(n);
}

void MainWindow::refreshDatasetRow() {
  // Only the shown item's row: a split can hold 50,000 items.
  if (!m_session || !m_result || m_result->qid.empty()) return;
  if (const data::DatasetItem* item = m_session->item(m_result->qid))
    m_dataset->updateRow(labelledRow(rowOf(*item, m_session->result(item->qid))));
}

widgets::DatasetRow MainWindow::labelledRow(widgets::DatasetRow row) const {
  if (!m_store || !m_session) return row;
  const auto item = m_store->itemByQid(m_session->source().dataset.toStdString(), row.qid.toStdString());
  if (!item) return row;
  const auto label = m_store->label(item->id, m_author);
  return withLabel(std::move(row), label ? &*label : nullptr, m_session->result(row.qid.toStdString()));
}

void MainWindow::openDatasetItem(const QString& qid) {
  if (!m_session) return;
  const data::DatasetItem* item = m_session->item(qid.toStdString());
  if (!item) return;
  try {
    const QString video = m_session->videoPath(*item);
    if (m_video->info().path != video) openVideo(video);
  } catch (const std::exception& e) {
    statusBar()->showMessage(QString::fromUtf8(e.what()).section('\n', 0, 0), 8000);
  }
  m_openItemQid = item->qid;
  const engine::Question question = engine::questionFor(*item);
  widgets::QuestionInput in = m_question->input();
  in.question = QString::fromStdString(question.question);
  in.options.clear();
  for (const auto& o : question.options) in.options << QString::fromStdString(o);
  in.groundTruth = item->answer.value_or(-1);
  m_question->setInput(in);
  m_human.clear();
  m_whatIf.reset();
  if (const engine::ChainResult* stored = m_session->result(item->qid)) {
    m_result = *stored;
    m_resultVideo = m_session->videoPath(*item);
    recordRun();
    showResult();
  } else {
    m_result.reset();
    m_timeline->clearScores();
    m_keyframes->setKeyframes({});
    m_answer->clear();
    showLabelDetails();
  }
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
  connect(m_presentation, &widgets::PresentationView::exitRequested, this, [this] { setPresentationMode(false); });
  m_presentation->setFrame(m_videoView->frame());
  updatePresentation();
  if (qEnvironmentVariableIsSet("SEVILA_NO_FULLSCREEN")) {
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
  if (!m_result || m_result->answer.answer < 0) {
    m_presentation->clearAnswer();
    return;
  }
  const auto& r = *m_result;
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
