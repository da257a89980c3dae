#include "dataset_loader.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "engine_error_text.h"
#include "project_store.h"
#include "worker_pools.h"

namespace sevila::studio {

struct DatasetLoader::Outcome {
  int generation = 0;
  DatasetLoad load;
  QString error;
};

namespace {

// The rows of a session with one author's label columns from the project (read on this thread).
DatasetLoad rowsOf(std::shared_ptr<const DatasetSession> session, const QString& projectPath,
                   const std::string& author) {
  DatasetLoad out;
  out.rows = session->rows();
  if (!projectPath.isEmpty()) {
    try {
      ProjectStore store(projectPath);  // its own SQLite connection: connections stay on their thread
      const auto labels = store.labelsOfDataset(session->source().dataset.toStdString(), author);
      if (!labels.empty())
        for (auto& row : out.rows) {
          const auto it = labels.find(row.qid.toStdString());
          if (it != labels.end()) row = withLabel(std::move(row), &it->second, session->result(it->first));
        }
    } catch (const std::exception& e) {
      out.labelError = localizedError(e);
    }
  }
  out.session = std::move(session);
  return out;
}

}  // namespace

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
  connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, &DatasetLoader::onFinished);
}

DatasetLoader::~DatasetLoader() {
  m_watcher.waitForFinished();
}

void DatasetLoader::start(std::function<std::shared_ptr<Outcome>()> work) {
  const int generation = ++m_generation;
  auto job = [work, generation]() {
    std::shared_ptr<Outcome> o;
    try {
      o = work();
    } catch (const std::exception& e) {
      o = std::make_shared<Outcome>();
      o->error = localizedError(e);
    }
    o->generation = generation;
    return o;
  };
  // One load at a time: a newer request waits for the running one (whose result is then dropped).
  if (m_watcher.isRunning())
    m_pending = job;
  else
    m_watcher.setFuture(QtConcurrent::run(&mediaPool(), job));
}

void DatasetLoader::load(const DatasetSource& source, const QString& projectPath, const std::string& author) {
  start([source, projectPath, author]() {
    auto o = std::make_shared<Outcome>();
    auto session = std::make_shared<const DatasetSession>(DatasetSession::load(source));
    o->load = rowsOf(std::move(session), projectPath, author);
    return o;
  });
}

void DatasetLoader::relabel(std::shared_ptr<const DatasetSession> session, const QString& projectPath,
                            const std::string& author) {
  start([session, projectPath, author]() {
    auto o = std::make_shared<Outcome>();
    o->load = rowsOf(session, projectPath, author);
    return o;
  });
}

void DatasetLoader::onFinished() {
  const auto o = m_watcher.result();
  if (m_pending) {
    m_watcher.setFuture(QtConcurrent::run(&mediaPool(), std::exchange(m_pending, nullptr)));
    return;  // this result is superseded
  }
  if (!o || o->generation != m_generation) return;
  if (!o->error.isEmpty()) {
    Q_EMIT failed(o->error);
    return;
  }
  m_result = std::move(o->load);
  Q_EMIT loaded();
}

widgets::DatasetRow withLabel(widgets::DatasetRow row, const KeyframeLabel* label,
                              const engine::ChainResult* result) {
  if (!label || label->keyframes.empty()) return row;
  row.labelled = true;
  std::set<int64_t> human, model, both;
  for (int p : label->keyframes) human.insert(label->grid.frameIndices.at(size_t(p)));
  if (result) {
    for (int k : result->keyframes) model.insert(result->frames.at(size_t(k)).frameIndex);
    std::set_union(human.begin(), human.end(), model.begin(), model.end(), std::inserter(both, both.end()));
    size_t common = 0;
    for (int64_t f : human) common += model.count(f);
    row.overlap = both.empty() ? 0.0 : double(common) / double(both.size());
  }
  return row;
}

}  // namespace sevila::studio
