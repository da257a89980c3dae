// The studio's main window: dockable panels (video, score timeline, keyframes, question, answer), menus,
// status bar. It wires widgets to controllers; it holds no model logic itself.
#pragma once

#include <QImage>
#include <QMainWindow>
#include <QMap>
#include <QVector>

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "action_registry.h"
#include "error_reporter.h"
#include "model_controller.h"
#include "run_session.h"
#include "widgets/dataset_row.h"

namespace sevila::engine {
struct Question;
}

class QAction;
class QUndoStack;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace sevila::widgets {
class VideoView;
class TransportBar;
class DatasetBrowser;
class PresentationView;
class ScoreTimeline;
class KeyframeStrip;
class SampledFrameStrip;
class RunHistory;
class QuestionPanel;
class AnswerPanel;
class LabelDetails;
struct ShortcutSection;
struct AgreementRow;
class RefinementDialog;
struct RefinementSettings;
}  // namespace sevila::widgets

namespace sevila::studio {

class StudioSettings;
class VideoController;
class RunController;
class DatasetSession;
class DatasetLoader;
class LabelTransferController;
class ItemThumbnails;
class DatasetRunController;
struct DatasetRunReport;
class RefinementController;
struct RefinementOutcome;
class ProjectStore;
struct DatasetSource;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  // `reporter` shows failures to the user; null: a message box (DialogErrorReporter).
  explicit MainWindow(StudioSettings* settings, QWidget* parent = nullptr,
                      std::unique_ptr<ErrorReporter> reporter = {});
  ~MainWindow() override;

  // Opens a video in the background; a failure goes to the error reporter and the status bar.
  void openVideo(const QString& path);
  // Opens a dataset (annotations, videos, optional results) in the Dataset panel, read in the background:
  // datasetOpened() or datasetOpenFailed() follows.
  void openDataset(const DatasetSource& source);
  // Shows one dataset item: its video, its question and its stored run.
  void openDatasetItem(const QString& qid);
  // Opens (or creates) a project file; false (and the reason reported) on error.
  bool openProject(const QString& path);
  // Loads a model in the background (status bar shows progress, then model, device, precision).
  void openModel(const ModelRequest& request);
  // The bundled demo: the generated shapes videos (in the Dataset panel), the demo model trained on such
  // videos and the first video's question.
  void openDemo();
  // keyframes.jsonl in and out of the project, in the background (labelTransfer() signals the outcome).
  void importKeyframeLabels(const QString& jsonlPath);
  void exportKeyframeLabels(const QString& jsonlPath);
  // Seeks to a frame number, seconds or a clock time (what Go to Frame or Time… accepts); false, and a
  // message, when the text is none of them.
  bool goToPosition(const QString& text);
  // The annotator whose labels are shown and edited (Preferences › Labels › Annotator).
  void setAnnotator(const QString& name);
  void setPresentationMode(bool on);
  bool presentationMode() const { return m_presentation != nullptr; }
  // Presentation mode fills the window's screen (default), or opens as a normal window (false).
  void setPresentationFillsScreen(bool fill) { m_presentationFillsScreen = fill; }

  // Help ▸ Keyboard Shortcuts: the registered actions by menu, with the shortcuts in force.
  QVector<widgets::ShortcutSection> shortcutSections() const;

  // The parts the window wires, for tests and benchmarks to drive and observe.
  RunSession* session() const { return m_session; }
  const ActionRegistry& actions() const { return m_actions; }
  QAction* action(const QString& id) const { return m_actions.action(id); }
  ProjectStore* projectStore() const { return m_store.get(); }  // null when none could open
  VideoController* videoController() const { return m_video; }
  ModelController* modelController() const { return m_model; }
  RunController* runController() const { return m_runner; }
  LabelTransferController* labelTransfer() const { return m_labelTransfer; }
  QDockWidget* videoDock() const { return m_videoDock; }
  QDockWidget* timelineDock() const { return m_timelineDock; }
  QDockWidget* keyframeDock() const { return m_keyframeDock; }
  QDockWidget* questionDock() const { return m_questionDock; }
  QDockWidget* answerDock() const { return m_answerDock; }
  QDockWidget* datasetDock() const { return m_datasetDock; }
  QDockWidget* runHistoryDock() const { return m_historyDock; }
  widgets::SampledFrameStrip* sampleStrip() const { return m_samples; }
  widgets::RunHistory* runHistory() const { return m_runHistory; }
  QTabWidget* keyframeTabs() const { return m_keyframeTabs; }
  ItemThumbnails* itemThumbnails() const { return m_itemThumbs; }
  DatasetRunController* datasetRun() const { return m_datasetRun; }
  QProgressBar* datasetRunProgress() const { return m_datasetRunProgress; }
  QMenu* recentDatasetsMenu() const { return m_recentDatasetsMenu; }
  // Answers the dataset items the browser shows (its filter), appending to the dataset's results file
  // (or a new one beside the project); false, and a message, when that cannot start.
  bool answerFilteredItems();
  // Writes the score timeline or the answer chart to a .png or .svg file (by its suffix); false, and the
  // reason reported, on failure.
  bool exportChart(const QString& which, const QString& path);
  // Another version's results on the open dataset (a results JSONL) become the browser's "before": its
  // Before and Change columns and the fixed / broken filters. False, and a message, when it cannot be read
  // or shares no question with the dataset.
  bool compareWithResults(const QString& path);
  // Model ▸ Refine Localizer: the refinement view (non-modal), created on first use.
  widgets::RefinementDialog* showRefinement();
  widgets::RefinementDialog* refinementDialog() const { return m_refineDialog; }
  RefinementController* refinement() const { return m_refinement; }
  // Starts refining the Localizer with the view's settings; false, and the reason shown in the view,
  // when it cannot start (no project, no model, a run already going).
  bool startRefinement(const widgets::RefinementSettings& settings);
  // Loads a model version of the project (Model ▸ Versions); the shown question runs again with it once it
  // is loaded. False, and a message, while a refinement runs or for an unknown version.
  bool switchToVersion(qint64 versionId);
  // The project's version of the loaded model (0: none yet, or no project).
  qint64 currentVersionId() const { return m_versionId; }
  QMenu* versionsMenu() const { return m_versionsMenu; }
  // What Keyframes ▸ Annotator Agreement shows: every pair of authors in the project, frame by frame.
  QVector<widgets::AgreementRow> agreementRows() const;
  widgets::DatasetBrowser* datasetBrowser() const { return m_dataset; }
  widgets::PresentationView* presentationView() const { return m_presentation; }
  widgets::VideoView* videoView() const { return m_videoView; }
  widgets::TransportBar* transportBar() const { return m_transport; }
  widgets::ScoreTimeline* timeline() const { return m_timeline; }
  widgets::KeyframeStrip* keyframeStrip() const { return m_keyframes; }
  widgets::QuestionPanel* questionPanel() const { return m_question; }
  widgets::AnswerPanel* answerPanel() const { return m_answer; }
  widgets::LabelDetails* labelDetails() const { return m_labelDetails; }
  QMenu* recentFilesMenu() const { return m_recentMenu; }
  QMenu* recentProjectsMenu() const { return m_recentProjectsMenu; }

Q_SIGNALS:
  void datasetOpened(int items);
  void datasetOpenFailed(const QString& message);

protected:
  void closeEvent(QCloseEvent* event) override;

private:
  void createDocks();
  void createMenus();
  void createStatusBar();
  void createPlaybackActions(QMenu* menu);
  QAction* addAction(QMenu* menu, const QString& id, const QString& text, const QKeySequence& shortcut,
                     const std::function<void()>& run);
  void applyShortcuts();
  // A failure the user must see: the status bar and the error reporter.
  void reportError(const QString& title, const QString& summary, const QString& details);
  void notify(const QString& text, int timeoutMs = 5000);
  void fillRecentMenu(QMenu* menu, const QStringList& paths, const std::function<void(const QString&)>& open,
                      const std::function<void()>& clear, const QString& current = {});
  void rebuildRecentFilesMenu();
  void rebuildRecentProjectsMenu();
  void rebuildRecentDatasetsMenu();
  void onExportChart(const QString& which);
  void onDatasetRunCompleted(const DatasetRunReport& report);
  void requestSampleThumbnails();
  void updateRunHistory();
  void onShowAgreement();
  void onRefinementFinished(const RefinementOutcome& outcome);
  void registerLoadedVersion();
  void rebuildVersionsMenu();
  // The shown run's counterpart on the same item and grid by the other version of a refinement (its parent,
  // else its newest child); `name` and `ownName` label the two in the charts.
  std::optional<RunRecord> comparisonRun(QString* name, QString* ownName) const;
  // The row with the compared version's answer and how far the keyframes moved (against `after`, else the
  // dataset's stored result).
  widgets::DatasetRow withComparison(widgets::DatasetRow row,
                                     const engine::ChainResult* after = nullptr) const;
  bool datasetRunBlocks();  // true (and a message) while a dataset run holds the model
  void onNewProject();
  void onOpenProject();
  QString projectFolder() const;
  void onOpenVideo();
  void onAbout();
  void onShowShortcuts();
  void onVideoPositionChanged(qint64 frameIndex, double seconds);
  void onVideoOpened();
  void onVideoOpenFailed(const QString& path, const QString& message);
  void onOpenModel();
  void onModelLoaded();
  void onRunRequested();
  void onRunFinished(const engine::ChainResult& result);
  void onComputeBaselines();
  bool modelReady();  // false (and a status message) without a loaded model
  void onReanswerWithHumanKeyframes();
  void onToggleKeyframeAtPlayhead();
  void seekKeyframe(bool forward);  // [ and ]
  void updateTransport();
  void showFirstStepsHint();   // in the empty video view
  QString resultNote() const;  // the shown result's notices (its warnings)
  QString demoNotice() const;  // what a demo run says about the model that made it
  void onSessionChanged(RunSession::Changes what);
  void onPreferences();
  // After Preferences ▸ Backend changed: connect to the server, or load the last local model again.
  void switchBackend();
  ModelRequest lastLocalModel() const;  // File ▸ Open Model's last choice (this computer)
  void onOpenDataset();
  void onDatasetLoaded();
  void onLabelsImported(int count);
  void updatePresentation();
  void updateActions();
  // The question the shown run answered (its prompt family, and its item's clip), for re-answers and
  // baselines.
  engine::Question resultQuestion() const;
  // The browser row with this author's label state and human/model keyframe overlap from the project.
  widgets::DatasetRow labelledRow(widgets::DatasetRow row) const;
  void refreshDatasetRow();
  QDockWidget* addPanel(const QString& objectName, const QString& title, QWidget* content,
                        Qt::DockWidgetArea area);

  StudioSettings* m_settings;
  std::unique_ptr<ErrorReporter> m_reporter;
  ActionRegistry m_actions;
  RunSession* m_session;
  VideoController* m_video;
  ModelController* m_model;
  RunController* m_runner;
  LabelTransferController* m_labelTransfer;
  DatasetLoader* m_datasetLoader;
  std::unique_ptr<ProjectStore> m_store;
  std::shared_ptr<const DatasetSession> m_dataSession;
  std::string m_openItemQid;  // the dataset item last opened; its question runs with the item's prompts
  widgets::DatasetBrowser* m_dataset;
  widgets::LabelDetails* m_labelDetails;
  widgets::PresentationView* m_presentation = nullptr;
  bool m_presentationFillsScreen = true;
  QMap<qint64, QImage> m_presentationFrames;
  widgets::VideoView* m_videoView;
  widgets::TransportBar* m_transport;
  qint64 m_loopStart = -1;  // the transport bar's loop marks (frames)
  qint64 m_loopEnd = -1;
  bool m_looping = false;
  widgets::ScoreTimeline* m_timeline;
  widgets::KeyframeStrip* m_keyframes;
  widgets::SampledFrameStrip* m_samples;
  QTabWidget* m_keyframeTabs = nullptr;
  bool m_sampleThumbsRequested = false;  // for the shown run
  widgets::RunHistory* m_runHistory;
  QDockWidget* m_historyDock = nullptr;
  ItemThumbnails* m_itemThumbs;
  DatasetRunController* m_datasetRun;
  QWidget* m_datasetRunBar = nullptr;
  QProgressBar* m_datasetRunProgress = nullptr;
  QLabel* m_datasetRunLabel = nullptr;
  QMenu* m_recentDatasetsMenu = nullptr;
  widgets::QuestionPanel* m_question;
  widgets::AnswerPanel* m_answer;
  QDockWidget* m_videoDock = nullptr;
  QDockWidget* m_timelineDock = nullptr;
  QDockWidget* m_keyframeDock = nullptr;
  QDockWidget* m_questionDock = nullptr;
  QDockWidget* m_answerDock = nullptr;
  QDockWidget* m_datasetDock = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_recentProjectsMenu = nullptr;
  QMenu* m_viewMenu = nullptr;
  QMenu* m_versionsMenu = nullptr;
  RefinementController* m_refinement = nullptr;
  widgets::RefinementDialog* m_refineDialog = nullptr;
  qint64 m_versionId = 0;         // the loaded model's version in the project
  qint64 m_refineBase = 0;        // the version the running refinement started from
  QString m_refineProject;        // the project it records its version in
  qint64 m_refinedVersion = 0;    // the last refinement's version ("Use the refined model")
  bool m_rerunAfterLoad = false;  // a version switch runs the shown question again
  QString m_datasetRunResults;    // where the dataset run in progress writes
  QString m_pendingCompare;       // results of another version, compared once the new ones are read
  std::shared_ptr<const std::map<std::string, engine::ChainResult>> m_compare;  // by qid
  QString m_compareResults;  // the file m_compare was read from
  QLabel* m_videoStatus = nullptr;
  QLabel* m_positionStatus = nullptr;
  QLabel* m_modelStatus = nullptr;
  QLabel* m_projectStatus = nullptr;
};

}  // namespace sevila::studio
