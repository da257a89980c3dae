// The studio's main window: dockable panels (video, score timeline, keyframes, question, answer), menus,
// status bar. It wires widgets to controllers; it holds no model logic itself.
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>
#include <QImage>
#include <QMap>
#include <QVector>

#include <functional>
#include <memory>

#include <optional>

#include "engine/chain_result.h"
#include "model_controller.h"
#include "widgets/dataset_row.h"

namespace sevila::engine {
struct Question;
}

class QAction;
class QUndoStack;
class QDockWidget;
class QLabel;
class QMenu;

namespace sevila::widgets {
class VideoView;
class DatasetBrowser;
class PresentationView;
class ScoreTimeline;
class KeyframeStrip;
class QuestionPanel;
class AnswerPanel;
class LabelDetails;
}  // namespace sevila::widgets

namespace sevila::studio {

class StudioSettings;
class VideoController;
class RunController;
class DatasetSession;
class DatasetLoader;
struct LabelTarget;
class ProjectStore;
struct DatasetSource;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(StudioSettings* settings, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a video in the background; a failure is shown in a message box and the status bar.
  void openVideo(const QString& path);

  QDockWidget* videoDock() const { return m_videoDock; }
  QDockWidget* timelineDock() const { return m_timelineDock; }
  QDockWidget* keyframeDock() const { return m_keyframeDock; }
  QDockWidget* questionDock() const { return m_questionDock; }
  QDockWidget* answerDock() const { return m_answerDock; }
  QDockWidget* datasetDock() const { return m_datasetDock; }
  widgets::DatasetBrowser* datasetBrowser() const { return m_dataset; }
  // Opens a dataset (annotations, videos, optional results) in the Dataset panel, read in the background:
  // datasetOpened() or datasetOpenFailed() follows.
  void openDataset(const DatasetSource& source);
  // Shows one dataset item: its video, its question and its stored run.
  void openDatasetItem(const QString& qid);
  void setPresentationMode(bool on);
  bool presentationMode() const { return m_presentation != nullptr; }
  widgets::PresentationView* presentationView() const { return m_presentation; }
  // The project file (SQLite) that keeps runs and human keyframe labels; null when it could not open.
  ProjectStore* projectStore() const { return m_store.get(); }
  // Opens (or creates) a project file; false and a status message on error.
  bool openProject(const QString& path);
  QUndoStack* undoStack() const { return m_undo; }
  // The item id of the shown run in the project, 0 when none.
  qint64 currentItemId() const { return m_itemId; }
  // Applies the user's shortcuts from the settings to every action that has an id.
  void applyShortcuts();
  widgets::VideoView* videoView() const { return m_videoView; }
  widgets::ScoreTimeline* timeline() const { return m_timeline; }
  widgets::KeyframeStrip* keyframeStrip() const { return m_keyframes; }
  widgets::QuestionPanel* questionPanel() const { return m_question; }
  widgets::AnswerPanel* answerPanel() const { return m_answer; }
  widgets::LabelDetails* labelDetails() const { return m_labelDetails; }
  VideoController* videoController() const { return m_video; }
  ModelController* modelController() const { return m_model; }
  RunController* runController() const { return m_runner; }
  // Loads a model in the background (status bar shows progress, then model, device, precision).
  void openModel(const ModelRequest& request);
  // The bundled demo: the generated video, the tiny random model and a question about the video.
  void openDemo();
  // The last run's result, if any.
  const std::optional<engine::ChainResult>& lastResult() const { return m_result; }
  // Human keyframes, as positions in the last run's sampled grid.
  const QVector<int>& humanKeyframes() const { return m_human; }
  void toggleHumanKeyframe(int position);
  QMenu* recentFilesMenu() const { return m_recentMenu; }
  // keyframes.jsonl in and out of the project, in the background; the signals below follow.
  void importKeyframeLabels(const QString& jsonlPath) { transferLabels(true, jsonlPath); }
  void exportKeyframeLabels(const QString& jsonlPath) { transferLabels(false, jsonlPath); }
  QMenu* recentProjectsMenu() const { return m_recentProjectsMenu; }

Q_SIGNALS:
  void datasetOpened(int items);
  void datasetOpenFailed(const QString& message);
  void labelsImported(int count);
  void labelsExported(int count);
  void labelTransferFailed(const QString& message);

protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

private:
  void createDocks();
  void createMenus();
  void createStatusBar();
  void fillRecentMenu(QMenu* menu, const QStringList& paths, const std::function<void(const QString&)>& open,
                      const std::function<void()>& clear, const QString& current = {});
  void rebuildRecentFilesMenu();
  void rebuildRecentProjectsMenu();
  void onNewProject();
  void onOpenProject();
  QString projectFolder() const;
  void onOpenVideo();
  void onAbout();
  void onVideoPositionChanged(qint64 frameIndex, double seconds);
  void onVideoOpened();
  void onOpenModel();
  void onModelLoaded();
  void onRunRequested();
  void onRunFinished(const engine::ChainResult& result);
  void onWhatIfFinished(const engine::OptionScores& scores);
  void onComputeBaselines();
  bool modelReady();  // false (and a status message) without a loaded model
  void onBaselinesFinished(const engine::ChainResult& result);
  void onToggleKeyframeAtPlayhead();
  void onReanswerWithHumanKeyframes();
  void showResult();
  void createPlaybackActions(QMenu* menu);
  void onPreferences();
  void onOpenDataset();
  void updatePresentation();
  void recordRun();
  // The question the shown run answered (its prompt family, and its item's clip), for re-answers and baselines.
  engine::Question resultQuestion() const;
  // The browser row with this author's label state and human/model keyframe overlap from the project.
  widgets::DatasetRow labelledRow(widgets::DatasetRow row) const;
  void onDatasetLoaded();
  void transferLabels(bool import, const QString& jsonlPath);
  void onLabelTransferFinished();
  bool labelEditAllowed();
  // Where a label edit goes: the shown run's item and grid in the project (none without a stored run).
  std::optional<LabelTarget> currentLabelTarget() const;
  void showLabelDetails();  // false (and a status message) while labels are imported
  void refreshDatasetRow();
  void refreshHumanFromStore();
  void setHumanKeyframes(const QVector<int>& positions, const QString& text);
  void onVideoOpenFailed(const QString& path, const QString& message);
  QDockWidget* addPanel(const QString& objectName, const QString& title, QWidget* content,
                        Qt::DockWidgetArea area);

  StudioSettings* m_settings;
  VideoController* m_video;
  ModelController* m_model;
  RunController* m_runner;
  std::optional<engine::ChainResult> m_result;
  std::optional<engine::OptionScores> m_whatIf;
  QVector<int> m_human;
  QString m_resultVideo;
  QAction* m_reanswerAction = nullptr;
  QAction* m_baselinesAction = nullptr;
  bool m_baselinesRunning = false;
  widgets::DatasetBrowser* m_dataset;
  widgets::LabelDetails* m_labelDetails;
  QDockWidget* m_datasetDock = nullptr;
  std::shared_ptr<const DatasetSession> m_session;
  std::string m_openItemQid;  // the dataset item last opened; its question runs with the item's prompts
  DatasetLoader* m_datasetLoader = nullptr;
  struct LabelTransfer {
    int count = -1;  // -1: failed
    QString error;
  };
  QFutureWatcher<LabelTransfer> m_labelTransfer;
  bool m_labelImport = false;  // what m_labelTransfer does: import (true) or export
  widgets::PresentationView* m_presentation = nullptr;
  QMap<qint64, QImage> m_presentationFrames;
  std::unique_ptr<ProjectStore> m_store;
  QUndoStack* m_undo;
  qint64 m_itemId = 0;
  qint64 m_runId = 0;
  std::string m_author;
  widgets::VideoView* m_videoView;
  widgets::ScoreTimeline* m_timeline;
  widgets::KeyframeStrip* m_keyframes;
  widgets::QuestionPanel* m_question;
  widgets::AnswerPanel* m_answer;
  QDockWidget* m_videoDock = nullptr;
  QDockWidget* m_timelineDock = nullptr;
  QDockWidget* m_keyframeDock = nullptr;
  QDockWidget* m_questionDock = nullptr;
  QDockWidget* m_answerDock = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_recentProjectsMenu = nullptr;
  QMenu* m_viewMenu = nullptr;
  QLabel* m_videoStatus = nullptr;
  QLabel* m_positionStatus = nullptr;
  QLabel* m_modelStatus = nullptr;
  QLabel* m_projectStatus = nullptr;
};

}  // namespace sevila::studio
