#include "item_thumbnails.h"

#include <QtConcurrent/QtConcurrentRun>

#include <map>

#include "dataset_session.h"
#include "media/frame_reader.h"
#include "video_controller.h"
#include "worker_pools.h"

namespace sevila::studio {
namespace {

constexpr int kBatch = 8;  // items a job: small enough that a new dataset or scroll is served soon

// The frame an item's picture shows: the run's best keyframe, else the middle of the video.
int64_t pictureFrame(const engine::ChainResult* run, int64_t frameCount) {
  if (run) {
    int best = -1;
    for (int k : run->keyframes)
      if (k >= 0 && size_t(k) < run->frames.size() &&
          (best < 0 || run->frames[size_t(k)].yesNoProb > run->frames[size_t(best)].yesNoProb))
        best = k;
    if (best >= 0) return std::clamp<int64_t>(run->frames[size_t(best)].frameIndex, 0, frameCount - 1);
  }
  return frameCount / 2;
}

}  // namespace

ItemThumbnails::ItemThumbnails(QObject* parent) : QObject(parent) {
  connect(&m_watcher, &QFutureWatcher<Batch>::finished, this, &ItemThumbnails::onBatchFinished);
}

ItemThumbnails::~ItemThumbnails() {
  m_queue.clear();
  m_watcher.waitForFinished();
}

void ItemThumbnails::setSession(std::shared_ptr<const DatasetSession> session) {
  m_session = std::move(session);
  m_queue.clear();
  m_seen.clear();
  ++m_generation;  // a batch in flight belongs to the old session: its pictures are dropped
}

void ItemThumbnails::request(const QStringList& qids) {
  if (!m_session) return;
  for (const QString& qid : qids)
    if (!m_seen.contains(qid)) {
      m_seen.insert(qid);
      m_queue << qid;
    }
  if (!m_watcher.isRunning()) startBatch();
}

void ItemThumbnails::startBatch() {
  if (m_queue.isEmpty() || !m_session) return;
  const QStringList batch = m_queue.mid(0, kBatch);
  m_queue.erase(m_queue.begin(), m_queue.begin() + batch.size());
  m_batchGeneration = m_generation;
  auto job = [session = m_session, batch, size = m_size]() {
    // Group by video: NExT-QA asks several questions of each video, and opening one indexes it.
    std::map<QString, std::vector<QString>> byVideo;
    for (const QString& qid : batch) {
      const data::DatasetItem* item = session->item(qid.toStdString());
      if (!item) continue;
      try {
        byVideo[session->videoPath(*item)].push_back(qid);
      } catch (const std::exception&) {
        // No video for this item: its row keeps the empty picture.
      }
    }
    Batch out;
    media::FrameReaderOptions options;
    options.threads = 1;  // many small decodes: one thread each leaves the other core to the GUI
    options.parallel = 1;
    for (const auto& [path, qids] : byVideo) {
      try {
        media::FrameReader reader(path.toStdString(), options);
        const int64_t frames = reader.info().frameCount;
        if (frames <= 0) continue;
        for (const QString& qid : qids) {
          const int64_t frame = pictureFrame(session->result(qid.toStdString()), frames);
          media::FrameFormat format;
          const auto& info = reader.info();
          media::fitWithin(info.width, info.height, size.width(), size.height(), format.width, format.height);
          out.emplace_back(qid, toQImage(reader.read(frame, format)).copy());
        }
      } catch (const std::exception&) {
        // An unreadable video leaves its rows without a picture; opening the item reports why.
      }
    }
    return out;
  };
  m_watcher.setFuture(QtConcurrent::run(&mediaPool(), job));
}

void ItemThumbnails::onBatchFinished() {
  if (m_batchGeneration == m_generation)
    for (const auto& [qid, image] : m_watcher.result()) Q_EMIT ready(qid, image);
  startBatch();
}

}  // namespace sevila::studio
