// Thumbnails of dataset items for the browser's picture column, decoded off the GUI thread on the media
// pool: the frame the model found most relevant when the item has a stored run (its best keyframe), else
// the middle frame. Requests queue up and are served in small batches, one batch at a time, so scrolling
// through 50,000 rows never floods the pool; a new dataset drops what is still queued.
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>
#include <utility>
#include <vector>

namespace sevila::studio {

class DatasetSession;

class ItemThumbnails : public QObject {
  Q_OBJECT
public:
  explicit ItemThumbnails(QObject* parent = nullptr);
  ~ItemThumbnails() override;  // waits for the batch in flight

  // The session whose items are asked for next; drops queued requests of the previous one.
  void setSession(std::shared_ptr<const DatasetSession> session);
  // Queues the items (once each; items already delivered or failed are not decoded again).
  void request(const QStringList& qids);
  // The picture's bounding box (default 64×36, the browser's column).
  void setSize(QSize size) { m_size = size; }
  int pending() const { return int(m_queue.size()); }

Q_SIGNALS:
  void ready(const QString& qid, const QImage& image);

private:
  using Batch = std::vector<std::pair<QString, QImage>>;
  void startBatch();
  void onBatchFinished();

  std::shared_ptr<const DatasetSession> m_session;
  QStringList m_queue;
  QSet<QString> m_seen;  // queued, in flight or done
  QSize m_size{64, 36};
  int m_generation = 0;
  int m_batchGeneration = 0;
  QFutureWatcher<Batch> m_watcher;
};

}  // namespace sevila::studio
