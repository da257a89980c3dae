#include "widgets/transport_bar.h"

#include <cmath>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

namespace sevila::widgets {
namespace {
QString clockText(double seconds) {
  const int total = int(std::floor(std::max(0.0, seconds)));
  const double fraction = std::max(0.0, seconds) - total;
  return QStringLiteral("%1:%2.%3")
      .arg(total / 60)
      .arg(total % 60, 2, 10, QLatin1Char('0'))
      .arg(int(std::floor(fraction * 1000)), 3, 10, QLatin1Char('0'));
}
}  // namespace

TransportBar::TransportBar(QWidget* parent)
    : QWidget(parent),
      m_play(new QToolButton(this)),
      m_scrubber(new QSlider(Qt::Horizontal, this)),
      m_position(new QLineEdit(this)),
      m_total(new QLabel(this)),
      m_rate(new QComboBox(this)),
      m_loopStart(new QToolButton(this)),
      m_loopEnd(new QToolButton(this)),
      m_loop(new QToolButton(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  m_play->setObjectName("transportPlay");
  m_play->setToolTip(tr("Play or pause (Space)"));
  layout->addWidget(m_play);
  m_scrubber->setObjectName("transportScrubber");
  m_scrubber->setToolTip(tr("Drag to any frame"));
  layout->addWidget(m_scrubber, 1);
  m_position->setObjectName("transportPosition");
  m_position->setToolTip(
      tr("The frame on screen and its time; type a frame, seconds (4.5 s) or a time (1:02.5)"));
  m_position->setMaximumWidth(170);
  layout->addWidget(m_position);
  layout->addWidget(m_total);
  m_rate->setObjectName("transportRate");
  m_rate->setToolTip(tr("Playback speed"));
  for (double r : kRates) m_rate->addItem(QStringLiteral("%1×").arg(r), r);
  layout->addWidget(m_rate);
  m_loopStart->setObjectName("transportLoopStart");
  m_loopStart->setText(tr("A"));
  m_loopStart->setToolTip(tr("Mark the loop's start at the playhead"));
  m_loopEnd->setObjectName("transportLoopEnd");
  m_loopEnd->setText(tr("B"));
  m_loopEnd->setToolTip(tr("Mark the loop's end at the playhead"));
  m_loop->setObjectName("transportLoop");
  m_loop->setText(tr("Loop"));
  m_loop->setToolTip(tr("Play the region between A and B over and over"));
  m_loop->setCheckable(true);
  layout->addWidget(m_loopStart);
  layout->addWidget(m_loopEnd);
  layout->addWidget(m_loop);
  // Nothing here keeps the keyboard after a click, so Space and the shuttle keys stay with the video.
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_play, m_scrubber, m_rate, m_loopStart, m_loopEnd, m_loop})
    w->setFocusPolicy(Qt::NoFocus);

  connect(m_play, &QToolButton::clicked, this, &TransportBar::playToggled);
  connect(m_scrubber, &QSlider::valueChanged, this, [this](int frame) {
    if (frame != m_state.frame) Q_EMIT seekRequested(frame);
  });
  connect(m_position, &QLineEdit::returnPressed, this, [this] {
    Q_EMIT goToRequested(m_position->text());
    m_position->clearFocus();  // back to the video's keys
  });
  connect(m_position, &QLineEdit::editingFinished, this, &TransportBar::updatePositionText);
  connect(m_rate, &QComboBox::activated, this, [this](int index) { Q_EMIT rateRequested(kRates[index]); });
  connect(m_loopStart, &QToolButton::clicked, this, &TransportBar::loopStartRequested);
  connect(m_loopEnd, &QToolButton::clicked, this, &TransportBar::loopEndRequested);
  connect(m_loop, &QToolButton::toggled, this, [this](bool on) {
    if (on != m_state.looping) Q_EMIT loopToggled(on);
  });
  setState({});
}

TransportBar::~TransportBar() {
  disconnect(m_position, nullptr, this, nullptr);
}

void TransportBar::setState(const TransportState& state) {
  m_state = state;
  const bool video = state.frameCount > 0;
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_play, m_scrubber, m_position, m_rate, m_loopStart, m_loopEnd})
    w->setEnabled(video);
  m_play->setText(state.playing ? QStringLiteral("⏸") : QStringLiteral("▶"));
  {
    const QSignalBlocker block(m_scrubber);
    m_scrubber->setRange(0, int(std::max<qint64>(0, state.frameCount - 1)));
    m_scrubber->setValue(int(state.frame));
  }
  if (!m_position->hasFocus()) updatePositionText();
  m_total->setText(video ? tr("of %1 · %2").arg(state.frameCount - 1).arg(clockText(state.duration))
                         : QString());
  {
    const QSignalBlocker block(m_rate);
    int nearest = 0;
    for (int i = 0; i < int(std::size(kRates)); ++i)
      if (std::abs(kRates[i] - std::abs(state.rate)) < std::abs(kRates[nearest] - std::abs(state.rate)))
        nearest = i;
    m_rate->setCurrentIndex(nearest);
  }
  const bool marked = state.loopStart >= 0 && state.loopEnd > state.loopStart;
  m_loop->setEnabled(video && marked);
  {
    const QSignalBlocker block(m_loop);
    m_loop->setChecked(state.looping);
  }
  m_loopStart->setToolTip(
      state.loopStart >= 0
          ? tr("Loop start: frame %1 (click to move it to the playhead)").arg(state.loopStart)
          : tr("Mark the loop's start at the playhead"));
  m_loopEnd->setToolTip(state.loopEnd >= 0
                            ? tr("Loop end: frame %1 (click to move it to the playhead)").arg(state.loopEnd)
                            : tr("Mark the loop's end at the playhead"));
}

void TransportBar::updatePositionText() {
  m_position->setText(m_state.frameCount > 0
                          ? QStringLiteral("%1 · %2").arg(m_state.frame).arg(clockText(m_state.seconds))
                          : QString());
}

}  // namespace sevila::widgets
