// A strip of keyframe thumbnails, the model's and the human's, each with its time and score.
// Clicking a thumbnail asks to seek there.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

class QListWidget;

namespace sevila::widgets {

struct KeyframeThumb {
  enum class Source { Model, Human, Both };
  int position = 0;    // index in the sampled grid
  int frameIndex = 0;  // absolute frame index
  double seconds = 0;
  double score = 0;  // P(yes | yes, no) shown under the thumbnail
  Source source = Source::Model;
  QImage image;
};

class KeyframeStrip : public QWidget {
  Q_OBJECT
public:
  explicit KeyframeStrip(QWidget* parent = nullptr);

  void setKeyframes(const QVector<KeyframeThumb>& thumbs);
  int count() const;
  // Replaces the picture of the thumbnail for `frameIndex` once it is decoded.
  void setThumbnail(int frameIndex, const QImage& image);

Q_SIGNALS:
  void seekRequested(double seconds);
  void thumbnailActivated(int position);

private:
  QListWidget* m_list;
  QVector<KeyframeThumb> m_thumbs;
};

}  // namespace sevila::widgets
