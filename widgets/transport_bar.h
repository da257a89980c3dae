// The transport bar under the video, as video tools have it: play/pause, a scrubber over every frame, an
// editable position field (frame, seconds or clock time), the speed, and a loop between two marks. It
// renders a TransportState and emits what the user asks for; the studio does it.
#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QToolButton;

namespace sevila::widgets {

struct TransportState {
  qint64 frame = 0;
  qint64 frameCount = 0;  // 0: no video
  double seconds = 0;
  double duration = 0;
  bool playing = false;
  double rate = 1;        // negative: backwards
  qint64 loopStart = -1;  // the loop's marks (frames), -1 when unset
  qint64 loopEnd = -1;
  bool looping = false;
};

class TransportBar : public QWidget {
  Q_OBJECT
public:
  static constexpr double kRates[] = {0.25, 0.5, 1, 2, 4};

  explicit TransportBar(QWidget* parent = nullptr);
  // Closing a focused window on destruction makes its line edit lose focus and emit editingFinished
  // while QWidget's destructor runs: the destructor disconnects first (UBSan found the member call on a
  // half-destroyed object).
  ~TransportBar() override;
  void setState(const TransportState& state);
  const TransportState& state() const { return m_state; }

Q_SIGNALS:
  void playToggled();
  void seekRequested(qint64 frame);
  // The text typed into the position field (frame number, "4.5 s" or "1:02.5").
  void goToRequested(const QString& text);
  void rateRequested(double rate);
  void loopStartRequested();  // mark the loop's start at the playhead
  void loopEndRequested();    // mark its end at the playhead
  void loopToggled(bool on);

private:
  void updatePositionText();

  TransportState m_state;
  QToolButton* m_play;
  QSlider* m_scrubber;
  QLineEdit* m_position;
  QLabel* m_total;
  QComboBox* m_rate;
  QToolButton* m_loopStart;
  QToolButton* m_loopEnd;
  QToolButton* m_loop;
};

}  // namespace sevila::widgets
