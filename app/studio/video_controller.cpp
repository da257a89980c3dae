#include "video_controller.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "engine_error_text.h"
#include "media/playback_service.h"
#include "media/rgb_image.h"
#include "worker_pools.h"

namespace sevila::studio {

struct VideoController::OpenResult {
  QString path;
  std::shared_ptr<media::PlaybackService> playback;
  QString error;
};

QImage toQImage(const media::RgbImage& image) {
  if (image.empty()) return {};
  // The QImage keeps the pixel buffer alive through a heap copy of the shared pointer.
  auto* keep = new std::shared_ptr<std::vector<uint8_t>>(image.pixels);
  return QImage(
      image.pixels->data(), image.width, image.height, image.stride, QImage::Format_RGB888,
      [](void* p) { delete static_cast<std::shared_ptr<std::vector<uint8_t>>*>(p); }, keep);
}

VideoController::VideoController(QObject* parent) : QObject(parent) {
  m_clock.setInterval(5);
  m_clock.setTimerType(Qt::PreciseTimer);
  connect(&m_clock, &QTimer::timeout, this, &VideoController::pullFrame);
  connect(&m_openWatcher, &QFutureWatcher<std::shared_ptr<OpenResult>>::finished, this,
          &VideoController::onOpenFinished);
}

VideoController::~VideoController() {
  m_clock.stop();
  m_openWatcher.waitForFinished();
  m_playback.reset();
}

void VideoController::open(const QString& path) {
  m_pendingPath = path;
  if (m_opening) return;  // picked up when the running open finishes
  m_opening = true;
  m_openWatcher.setFuture(QtConcurrent::run(&mediaPool(), [path]() {
    auto result = std::make_shared<OpenResult>();
    result->path = path;
    try {
      if (!QFileInfo::exists(path)) throw std::runtime_error(path.toStdString() + ": no such file");
      media::PlaybackOptions options;
      options.maxWidth = 1920;
      options.maxHeight = 1080;
      result->playback = std::make_shared<media::PlaybackService>(path.toStdString(), options);
    } catch (const std::exception& e) {
      result->error = localizedError(e);
    }
    return result;
  }));
}

void VideoController::onOpenFinished() {
  m_opening = false;
  auto result = m_openWatcher.result();
  if (m_pendingPath != result->path) {  // a newer request arrived meanwhile
    open(m_pendingPath);
    return;
  }
  if (!result->playback) {
    Q_EMIT openFailed(result->path, result->error);
    return;
  }
  close();
  m_playback = result->playback;
  const auto& vi = m_playback->info();
  m_info = VideoSummary{};
  m_info.path = result->path;
  m_info.codec = QString::fromStdString(vi.codec);
  m_info.frameCount = vi.frameCount;
  m_info.fps = vi.fps;
  m_info.duration = vi.duration;
  m_info.width = vi.displayWidth;
  m_info.height = vi.displayHeight;
  m_info.rotation = vi.rotation;
  for (const auto& w : m_playback->warnings()) m_info.warnings << QString::fromStdString(w);
  QPointer<VideoController> self(this);
  m_playback->setFrameReadyCallback([self]() {
    // Runs on the decoder thread: hop to the GUI thread.
    if (self)
      QMetaObject::invokeMethod(
          self,
          [self]() {
            if (self) self->pullFrame();
          },
          Qt::QueuedConnection);
  });
  Q_EMIT opened();
  pullFrame();
}

void VideoController::close() {
  if (!m_playback) return;
  m_clock.stop();
  m_playback->setFrameReadyCallback({});
  m_playback.reset();
  m_frame = -1;
  m_seconds = 0;
  Q_EMIT closed();
}

bool VideoController::isPlaying() const {
  return m_playback && m_playback->playing();
}

void VideoController::pullFrame() {
  if (!m_playback) return;
  if (auto frame = m_playback->pull()) {
    m_frame = frame->frameIndex;
    m_seconds = frame->seconds;
    Q_EMIT frameReady(toQImage(*frame));
    Q_EMIT positionChanged(m_frame, m_seconds);
  }
  if (m_clock.isActive() && (m_playback->atEnd() || m_playback->atStart())) pause();
}

void VideoController::play() {
  if (!m_playback || m_playback->playing()) return;
  if (m_rate > 0 && m_playback->atEnd()) m_playback->seekToFrame(0);
  if (m_rate < 0 && m_frame <= 0) return;  // nothing before the first frame
  m_playback->play();
  m_clock.start();
  Q_EMIT playingChanged(true);
}

void VideoController::pause() {
  if (!m_playback) return;
  const bool was = m_playback->playing();
  m_playback->pause();
  m_clock.stop();
  if (was) Q_EMIT playingChanged(false);
}

void VideoController::togglePlay() {
  if (isPlaying()) {
    pause();
    return;
  }
  if (m_rate != 1) setRate(1);  // Space plays forwards in real time, whatever the shuttle did
  play();
}

void VideoController::stepForward() {
  if (!m_playback) return;
  pause();
  m_playback->stepForward();
}

void VideoController::stepBackward() {
  if (!m_playback) return;
  pause();
  m_playback->stepBackward();
}

void VideoController::seekSeconds(double seconds) {
  if (m_playback) m_playback->seekToSeconds(seconds);
}

void VideoController::seekFrame(qint64 frame) {
  if (m_playback) m_playback->seekToFrame(frame);
}

void VideoController::setRate(double rate) {
  if (rate == m_rate) return;
  m_rate = rate;
  if (m_playback) m_playback->setRate(rate);
  Q_EMIT rateChanged(rate);
}

void VideoController::shuttle(int direction) {
  if (!m_playback) return;
  constexpr double kFastest = 16;
  const bool sameWay = isPlaying() && (m_rate > 0) == (direction > 0);
  setRate(sameWay ? direction * std::min(kFastest, std::abs(m_rate) * 2) : double(direction));
  play();
}

void VideoController::shuttleForward() {
  shuttle(1);
}
void VideoController::shuttleBackward() {
  shuttle(-1);
}

void VideoController::shuttleStop() {
  pause();
  setRate(1);
}

void VideoController::requestThumbnails(const QVector<qint64>& frames, QSize box) {
  if (!m_playback) return;
  std::weak_ptr<media::PlaybackService> weak = m_playback;
  QPointer<VideoController> self(this);
  (void)QtConcurrent::run(&mediaPool(), [weak, self, frames, box]() {
    for (qint64 f : frames) {
      auto playback = weak.lock();
      if (!playback || !self) return;
      QImage image;
      try {
        image = toQImage(playback->thumbnail(f, box.width(), box.height())).copy();
      } catch (const std::exception&) {
        continue;  // a frame that cannot be decoded keeps its placeholder
      }
      QMetaObject::invokeMethod(
          self,
          [self, f, image]() {
            if (self) Q_EMIT self->thumbnailReady(f, image);
          },
          Qt::QueuedConnection);
    }
  });
}

}  // namespace sevila::studio
