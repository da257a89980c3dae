// MainWindow's part of the loop: Model ▸ Refine Localizer (the refinement view and its controller), the
// project's model versions (Model ▸ Versions) and the before/after comparison of the shown question.
#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMenu>

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <set>

#include "dataset_session.h"
#include "engine/result_comparison.h"
#include "engine/results_file.h"
#include "engine_error_text.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_table_model.h"
#include "worker_pools.h"
#include "main_window.h"
#include "nn/device.h"
#include "core/sha256.h"
#include "project_store.h"
#include "refinement_controller.h"
#include "studio_settings.h"
#include "widgets/refinement_dialog.h"

namespace sevila::studio {
namespace {

QString percent(double x) {
  return x < 0 ? QStringLiteral("–") : QStringLiteral("%1 %").arg(100.0 * x, 0, 'f', 1);
}

// The before/after table the refinement view shows.
QString outcomeHtml(const RefinementOutcome& o, const QString& versionName) {
  QString html = QStringLiteral("<p><b>%1</b></p>").arg(versionName.toHtmlEscaped());
  html += MainWindow::tr("<p>%1 questions trained, %2 held out; %3 epochs.</p>")
              .arg(o.trainQuestions)
              .arg(o.heldOutQuestions)
              .arg(o.epochsCompleted);
  if (o.heldOutQuestions > 0) {
    html += QStringLiteral("<table cellspacing=0 cellpadding=4 border=1>");
    html += MainWindow::tr("<tr><th></th><th>before</th><th>after</th></tr>");
    html += MainWindow::tr("<tr><td>keyframe hit rate</td><td>%1</td><td>%2</td></tr>")
                .arg(percent(o.hitRateBefore), percent(o.hitRateAfter));
    html += MainWindow::tr("<tr><td>answer accuracy</td><td>%1</td><td>%2</td></tr>")
                .arg(percent(o.accuracyBefore), percent(o.accuracyAfter));
    html += QStringLiteral("</table>");
  }
  html += MainWindow::tr("<p>Checkpoint: %1</p>").arg(o.checkpoint.toHtmlEscaped());
  return html;
}

bool sameGrid(const RunRecord& a, const engine::ChainResult& b) {
  if (a.frames.size() != b.frames.size()) return false;
  for (size_t i = 0; i < a.frames.size(); ++i)
    if (a.frames[i].frameIndex != b.frames[i].frameIndex) return false;
  return true;
}

}  // namespace

widgets::RefinementDialog* MainWindow::showRefinement() {
  if (!m_refineDialog) {
    m_refineDialog = new widgets::RefinementDialog(this);
    connect(m_refineDialog, &widgets::RefinementDialog::startRequested, this,
            [this](const widgets::RefinementSettings& s) { startRefinement(s); });
    connect(m_refineDialog, &widgets::RefinementDialog::cancelRequested, this,
            [this] { m_refinement->cancel(); });
    connect(m_refineDialog, &widgets::RefinementDialog::useRefinedModelRequested, this,
            [this] { switchToVersion(m_refinedVersion); });
    QStringList devices{QStringLiteral("cpu")};
    if (nn::cudaAvailable()) devices << QStringLiteral("cuda");
    m_refineDialog->setDevices(devices);
  }
  if (!m_refinement->isRunning()) {
    widgets::RefinementSources sources;
    if (m_store) {
      std::set<int64_t> items;
      for (const KeyframeLabel& l : m_store->allLabels())
        if (l.state == LabelState::Confirmed && l.review != ReviewState::Rejected) {
          ++sources.projectLabels;
          items.insert(l.itemId);
        }
      sources.projectItems = static_cast<int>(items.size());
    }
    if (m_dataSession) {
      sources.datasetName = QFileInfo(m_dataSession->source().annotations).fileName();
      for (const auto& item : m_dataSession->items())
        if (item.answer || !item.relevantWindows.empty()) ++sources.datasetItems;
      sources.windowsAvailable = !m_dataSession->items().empty() &&
                                 m_dataSession->items().front().kind() == data::DatasetKind::QvHighlights;
    }
    m_refineDialog->setSources(sources);
    QStringList names;
    int current = 0;
    if (m_store)
      for (const ModelVersion& v : m_store->modelVersions()) {
        if (v.id == m_versionId) current = names.size();
        names << QString::fromStdString(v.name);
      }
    m_refineDialog->setModelVersions(names, current);
  }
  m_refineDialog->show();
  m_refineDialog->raise();
  m_refineDialog->activateWindow();
  return m_refineDialog;
}

bool MainWindow::startRefinement(const widgets::RefinementSettings& settings) {
  auto refuse = [this](const QString& why) {
    if (m_refineDialog) m_refineDialog->runFailed(why);
    notify(why, 8000);
    return false;
  };
  if (m_refinement->isRunning()) return refuse(tr("A refinement is running already"));
  if (!m_store)
    return refuse(
        tr("Refinement needs a project: its labels train the model and its versions keep the result"));
  const std::vector<ModelVersion> versions = m_store->modelVersions();
  if (versions.empty() || settings.baseVersion < 0 || settings.baseVersion >= int(versions.size()))
    return refuse(tr("Open a model first: it is the version the refinement starts from"));
  if (!settings.projectLabels && !settings.reverseChain && !settings.windows)
    return refuse(tr("Choose at least one label source"));
  if ((settings.reverseChain || settings.windows) && !m_dataSession)
    return refuse(tr("Pseudo-labels and windows need an open dataset (File ▸ Open Dataset)"));
  const ModelVersion& base = versions[size_t(settings.baseVersion)];

  RefinementRequest request;
  request.base.directory = QString::fromStdString(base.model);
  request.base.checkpoint = QString::fromStdString(base.checkpoint);
  // The tokenizer chosen for the loaded model serves its other versions too (they share the BLIP-2 folder).
  if (m_model->request().directory == request.base.directory)
    request.base.tokenizer = m_model->request().tokenizer;
  request.base.cacheDirectory = m_settings->cacheDirectory();
  request.base.cacheCapBytes = m_settings->cacheCapBytes();
  request.device = settings.device;
  request.projectPath = m_store->path();
  request.projectLabels = settings.projectLabels;
  if (settings.projectLabels) {
    std::set<int64_t> labelled;
    for (const KeyframeLabel& l : m_store->allLabels()) labelled.insert(l.itemId);
    for (int64_t id : labelled) {
      const auto item = m_store->item(id);
      if (!item) continue;
      data::DatasetItem d;
      d.dataset = item->dataset;
      d.qid = item->qid;
      d.question = item->question;
      d.options = item->options;
      d.answer = item->answer;
      d.type = item->type;
      if (item->videoId)
        if (const auto video = m_store->video(*item->videoId)) d.video = video->path;
      request.projectItems.push_back(std::move(d));
    }
  }
  // A server backend trains on the server: the project's labelled questions and labels are uploaded.
  if (m_model->isRemote()) request.server = m_model->engine();
  request.dataset = m_dataSession;
  request.reverseChain = settings.reverseChain;
  request.windows = settings.windows;
  request.epochs = settings.epochs;
  request.seed = settings.seed;
  request.heldOutPercent = settings.heldOutPercent;
  request.learningRate = settings.learningRate;
  request.uniformFrames = settings.uniformFrames;
  request.frames = m_settings->frames();
  request.keyframes = m_settings->keyframes();
  const QFileInfo project(m_store->path());
  request.outputDir = QDir(project.absolutePath())
                          .filePath(project.completeBaseName() + QStringLiteral("-refinements/") +
                                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
  if (!QDir().mkpath(request.outputDir))
    return refuse(tr("Cannot create the folder %1 for the refined model").arg(request.outputDir));
  QString why;
  if (!m_refinement->start(request, &why)) return refuse(why);
  m_refineBase = base.id;
  m_refineProject = m_store->path();
  if (m_refineDialog) m_refineDialog->runStarted(0);
  notify(tr("Refining the Localizer from %1…").arg(QString::fromStdString(base.name)), 5000);
  updateActions();
  return true;
}

void MainWindow::onRefinementFinished(const RefinementOutcome& outcome) {
  updateActions();
  // The version goes into the project the run started from, even when another one is open now.
  std::unique_ptr<ProjectStore> other;
  ProjectStore* store = m_store.get();
  if (!store || store->path() != m_refineProject) {
    try {
      other = std::make_unique<ProjectStore>(m_refineProject);
      store = other.get();
    } catch (const std::exception& e) {
      if (m_refineDialog)
        m_refineDialog->runFailed(tr("The refined model is in %1, but the project could not record it: %2")
                                      .arg(outcome.checkpoint, QString::fromUtf8(e.what())));
      return;
    }
  }
  const auto base = store->modelVersion(m_refineBase);
  int refined = 1;
  for (const ModelVersion& v : store->modelVersions())
    if (v.parentId) ++refined;
  ModelVersion v;
  v.model = base ? base->model : m_model->request().directory.toStdString();
  v.checkpoint = outcome.checkpoint.toStdString();
  v.parentId = m_refineBase ? std::optional<int64_t>(m_refineBase) : std::nullopt;
  v.options = outcome.optionsJson.toStdString();
  v.report = outcome.reportJson.isEmpty() ? std::string("{}") : outcome.reportJson.toStdString();
  v.name = (outcome.cancelled
                ? tr("refined %1 (cancelled after %2 epochs)").arg(refined).arg(outcome.epochsCompleted)
                : tr("refined %1 (%2 epochs, %3 questions)")
                      .arg(refined)
                      .arg(outcome.epochsCompleted)
                      .arg(outcome.trainQuestions))
               .toStdString();
  try {
    v.checkpointSha256 = !outcome.checkpointSha256.isEmpty() ? outcome.checkpointSha256.toStdString()
                                                             : sha256File(v.checkpoint);
    m_refinedVersion = store->addModelVersion(v);
  } catch (const std::exception& e) {
    if (m_refineDialog) m_refineDialog->runFailed(QString::fromUtf8(e.what()));
    return;
  }
  if (other) m_refinedVersion = 0;  // not a version of the open project
  rebuildVersionsMenu();
  if (!m_refineDialog) return;
  if (outcome.cancelled)
    m_refineDialog->runCancelled(
        tr("Cancelled after %1 epochs: the checkpoint saved then is kept as version \"%2\"")
            .arg(outcome.epochsCompleted)
            .arg(QString::fromStdString(v.name)));
  else
    m_refineDialog->runFinished(outcomeHtml(outcome, QString::fromStdString(v.name)));
}

void MainWindow::registerLoadedVersion() {
  m_versionId = 0;
  if (!m_store) return;
  const ModelSummary& m = m_model->summary();
  ModelVersion v;
  v.model = m.directory.toStdString();
  v.checkpoint = m.checkpoint.toStdString();
  v.checkpointSha256 = m.checkpointSha256.toStdString();
  v.name = m.name.toStdString();
  try {
    m_versionId = m_store->addModelVersion(v);
  } catch (const std::exception& e) {
    notify(tr("The project could not record the model version: %1").arg(QString::fromUtf8(e.what())), 10000);
  }
  rebuildVersionsMenu();
}

void MainWindow::rebuildVersionsMenu() {
  if (!m_versionsMenu) return;
  m_versionsMenu->clear();
  std::vector<ModelVersion> versions;
  if (m_store) versions = m_store->modelVersions();
  if (versions.empty()) {
    m_versionsMenu->addAction(tr("No versions yet: open a model"))->setEnabled(false);
    return;
  }
  auto* group = new QActionGroup(m_versionsMenu);
  for (const ModelVersion& v : versions) {
    QAction* a = m_versionsMenu->addAction(QString::fromStdString(v.name));
    a->setCheckable(true);
    a->setChecked(v.id == m_versionId);
    a->setData(QVariant::fromValue<qlonglong>(v.id));
    a->setToolTip(QString::fromStdString(v.checkpoint.empty() ? v.model : v.checkpoint));
    group->addAction(a);
    const qint64 id = v.id;
    connect(a, &QAction::triggered, this, [this, id] {
      if (!switchToVersion(id)) rebuildVersionsMenu();  // a refused switch leaves the check where it was
    });
  }
}

bool MainWindow::switchToVersion(qint64 versionId) {
  if (m_refinement->isRunning()) {
    notify(tr("A refinement is running: switch versions when it has finished, or cancel it"), 8000);
    return false;
  }
  if (m_model->isLoading()) {
    notify(tr("A model is loading; try again when it has loaded"), 8000);
    return false;
  }
  const auto v = m_store ? m_store->modelVersion(versionId) : std::nullopt;
  if (!v) {
    notify(tr("No such model version in this project"), 8000);
    return false;
  }
  if (datasetRunBlocks()) return false;
  ModelRequest request = m_model->request();
  if (m_model->isRemote()) {
    // The server switches: to a refinement it made, or back to what it was started with.
    const QString checkpoint = QString::fromStdString(v->checkpoint);
    const QString prefix = serverCheckpoint(QString());
    if (v->model != m_model->summary().directory.toStdString()) {
      notify(tr("That version is not on this server"), 8000);
      return false;
    }
    request.serverVersion =
        checkpoint.startsWith(prefix) ? checkpoint.mid(prefix.size()) : QStringLiteral("base");
    m_rerunAfterLoad = m_session->hasRun();
    openModel(request);
    return true;
  }
  if (request.directory.toStdString() != v->model) request.tokenizer.clear();
  request.directory = QString::fromStdString(v->model);
  request.checkpoint = QString::fromStdString(v->checkpoint);
  request.cacheDirectory.clear();  // openModel fills the user's cache
  m_rerunAfterLoad = m_session->hasRun();
  openModel(request);
  return true;
}

std::optional<RunRecord> MainWindow::comparisonRun(QString* name, QString* ownName) const {
  const auto& run = m_session->result();
  if (!m_store || !run || m_session->itemId() <= 0) return std::nullopt;
  const auto own = m_store->modelVersionOf(run->model, run->checkpoint);
  if (!own) return std::nullopt;
  std::optional<ModelVersion> other;
  bool otherIsBefore = true;
  if (own->parentId) {
    other = m_store->modelVersion(*own->parentId);
  } else {
    for (const ModelVersion& v : m_store->modelVersions())
      if (v.parentId == own->id) other = v;  // the newest child
    otherIsBefore = false;
  }
  if (!other) return std::nullopt;
  auto found = m_store->latestRun(m_session->itemId(), other->model, other->checkpoint);
  if (!found || !sameGrid(*found, *run)) return std::nullopt;
  const QString otherName = QString::fromStdString(other->name),
                shownName = QString::fromStdString(own->name);
  *name = (otherIsBefore ? tr("before: %1") : tr("after: %1")).arg(otherName);
  *ownName = (otherIsBefore ? tr("after: %1") : tr("before: %1")).arg(shownName);
  return found;
}

bool MainWindow::compareWithResults(const QString& path) {
  if (!m_dataSession) {
    notify(tr("Open a dataset first (File ▸ Open Dataset…)"));
    return false;
  }
  using Compared = std::pair<std::shared_ptr<const std::map<std::string, engine::ChainResult>>, QString>;
  auto* watcher = new QFutureWatcher<Compared>(this);
  auto session = m_dataSession;
  connect(watcher, &QFutureWatcher<Compared>::finished, this, [this, watcher, session, path] {
    watcher->deleteLater();
    const Compared got = watcher->result();
    if (session != m_dataSession) return;  // another dataset was opened meanwhile
    if (!got.first) {
      notify(tr("Cannot compare: %1").arg(got.second.section('\n', 0, 0)), 10000);
      return;
    }
    m_compare = got.first;
    m_compareResults = path;
    // The names in the headers: the project's versions where it knows them.
    QString before = QFileInfo(path).fileName(), after = QFileInfo(session->source().results).fileName();
    auto versionName = [this](const engine::ChainResult* r, const QString& fallback) {
      if (!m_store || !r) return fallback;
      const auto v = m_store->modelVersionOf(r->model, r->checkpoint);
      return v ? QString::fromStdString(v->name) : fallback;
    };
    if (!m_compare->empty()) before = versionName(&m_compare->begin()->second, before);
    for (const auto& item : session->items())
      if (const engine::ChainResult* r = session->result(item.qid)) {
        after = versionName(r, after);
        break;
      }
    std::vector<widgets::DatasetRow> rows = m_dataset->tableModel()->rows();
    for (auto& row : rows) row = withComparison(std::move(row));
    m_dataset->setRows(std::move(rows));
    m_dataset->setComparisonNames(before, after);
    notify(tr("Comparing with %1: %n question(s) in both", nullptr, got.second.toInt()).arg(before), 10000);
  });
  watcher->setFuture(QtConcurrent::run(&mediaPool(), [path, session]() -> Compared {
    try {
      engine::ResultsRead read = engine::readResults(path.toStdString());
      int common = 0;
      for (const auto& r : read.results) common += session->result(r.qid) != nullptr;
      if (common == 0)
        return {nullptr, tr("%1 shares no answered question with this dataset's results").arg(path)};
      auto byQid = std::make_shared<std::map<std::string, engine::ChainResult>>();
      for (auto& r : read.results) (*byQid)[r.qid] = std::move(r);
      return {byQid, QString::number(common)};
    } catch (const std::exception& e) {
      return {nullptr, localizedError(e)};
    }
  }));
  return true;
}

widgets::DatasetRow MainWindow::withComparison(widgets::DatasetRow row,
                                               const engine::ChainResult* after) const {
  if (!m_compare || !m_dataSession) return row;
  const auto it = m_compare->find(row.qid.toStdString());
  if (it == m_compare->end()) return row;
  const engine::ChainResult& before = it->second;
  row.compareAnswer = before.answer.answer;
  if (before.answer.answer >= 0 && size_t(before.answer.answer) < before.answer.probabilities.size())
    row.compareConfidence = before.answer.probabilities[size_t(before.answer.answer)];
  if (!after) after = m_dataSession->result(row.qid.toStdString());
  if (after) {
    const std::vector<int64_t> was = engine::keyframeFrames(before), now = engine::keyframeFrames(*after);
    size_t fresh = 0;
    for (const int64_t f : now) fresh += !std::binary_search(was.begin(), was.end(), f);
    row.keyframeChange = now.empty() ? 0.0 : double(fresh) / double(now.size());
  }
  return row;
}

}  // namespace sevila::studio
