// Connects the media layer's PlaybackService to the GUI: opens videos in the background, turns decoded
// frames into QImages on the GUI thread, and exposes transport (play, pause, step, seek, rate).
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace sevila::media {
class PlaybackService;
struct RgbImage;
}  // namespace sevila::media

namespace sevila::studio {

struct VideoSummary {
  QString path;
  QString codec;
  qint64 frameCount = 0;
  double fps = 0;
  double duration = 0;
  int width = 0;  // display size (rotation applied)
  int height = 0;
  int rotation = 0;
  QStringList warnings;
};

// An RGB frame of the media layer as a QImage that shares its pixels (no copy).
QImage toQImage(const media::RgbImage& image);

class VideoController : public QObject {
  Q_OBJECT
public:
  explicit VideoController(QObject* parent = nullptr);
  ~VideoController() override;

  // Opens in the background (the first open of a file builds its frame index); emits opened() or
  // openFailed(). An open started later supersedes one still running.
  void open(const QString& path);
  void close();
  bool isOpen() const { return m_playback != nullptr; }
  bool isOpening() const { return m_opening; }
  const VideoSummary& info() const { return m_info; }
  media::PlaybackService* playback() const { return m_playback.get(); }

  bool isPlaying() const;
  qint64 currentFrame() const { return m_frame; }
  double currentSeconds() const { return m_seconds; }
  double rate() const { return m_rate; }

  // A thumbnail of `frame` fitting `box`, decoded off the GUI thread; delivered by thumbnailReady().
  void requestThumbnails(const QVector<qint64>& frames, QSize box);

public Q_SLOTS:
  void play();
  void pause();
  void togglePlay();
  void stepForward();
  void stepBackward();
  void seekSeconds(double seconds);
  void seekFrame(qint64 frame);
  void setRate(double rate);
  // J/K/L as in video editors: L plays forwards and doubles the speed on each further press (up to 16x),
  // J the same backwards, K pauses and returns to 1x.
  void shuttleForward();
  void shuttleBackward();
  void shuttleStop();

Q_SIGNALS:
  void opened();
  void openFailed(const QString& path, const QString& message);
  void closed();
  void frameReady(const QImage& frame);
  void positionChanged(qint64 frame, double seconds);
  void playingChanged(bool playing);
  void rateChanged(double rate);
  void thumbnailReady(qint64 frame, const QImage& image);

private:
  struct OpenResult;
  void pullFrame();
  void shuttle(int direction);
  void onOpenFinished();

  std::shared_ptr<media::PlaybackService> m_playback;
  QFutureWatcher<std::shared_ptr<OpenResult>> m_openWatcher;
  QTimer m_clock;  // pulls frames while playing
  VideoSummary m_info;
  QString m_pendingPath;
  bool m_opening = false;
  qint64 m_frame = -1;
  double m_seconds = 0;
  double m_rate = 1;
};

}  // namespace sevila::studio
