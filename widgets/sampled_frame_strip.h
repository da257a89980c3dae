// The strip of all n sampled frames of a run, in one scrollable row: each sample's picture, its number,
// time and Localizer score (with a bar relative to the run's lowest..highest score), the model's and the
// human's keyframes, and the oracle's mark (this frame alone answers right/wrong). It follows the playhead
// and emits intent (go to a sample, mark it); it never changes the keyframes itself.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class QListView;

namespace sevila::widgets {

class SampledFrameModel;

struct SampledFrame {
  int position = 0;    // index in the sampled grid (shown to the user as sample position + 1)
  int frameIndex = 0;  // absolute frame index
  double seconds = 0;
  double score = 0;  // P(yes | yes, no)
  bool modelKeyframe = false;
  bool humanKeyframe = false;
  int correct = -1;  // this frame alone answers: 1 right, 0 wrong, -1 unknown (the oracle strip)
};

class SampledFrameStrip : public QWidget {
  Q_OBJECT
public:
  explicit SampledFrameStrip(QWidget* parent = nullptr);
  ~SampledFrameStrip() override;

  // Replaces all samples. Thumbnails of frame indices that are still sampled are kept; the current sample
  // stays if its position still exists. Emits nothing.
  void setFrames(const QVector<SampledFrame>& frames);
  // Marks exactly these positions as human keyframes (cheap: after a label edit).
  void setHumanKeyframes(const QVector<int>& positions);
  // The picture of every sample showing `frameIndex`; may arrive late and in any order. Unknown frame
  // indices are ignored.
  void setThumbnail(int frameIndex, const QImage& image);
  void clear();

  int count() const;
  // The current sample (highlighted), -1 for none.
  int currentPosition() const;
  // Follows playback: highlights `position` (-1: none) and scrolls it into view. Emits nothing.
  void setCurrentPosition(int position);

  // Read back (tests, accessibility): the sample at `position`, or a default one with position -1.
  SampledFrame frame(int position) const;
  bool isHumanKeyframe(int position) const;
  bool isModelKeyframe(int position) const;
  bool hasThumbnail(int position) const;
  // The caption under the thumbnail: "<sample> · <time> s" and "P(yes) <score>" on two lines.
  QString caption(int position) const;
  QListView* view() const;

Q_SIGNALS:
  // A click on a sample, or Left/Right/Home/End while the strip has the keyboard: go to this sample.
  void sampleSelected(int position);
  // A double-click on a sample, or M on the current one: mark it as a human keyframe or unmark it.
  void markRequested(int position);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void updateHeight();

  SampledFrameModel* m_model;
  QListView* m_view;
};

}  // namespace sevila::widgets
