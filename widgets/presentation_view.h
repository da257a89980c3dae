// Presentation mode for projector demos: the current video frame large, the question and the chosen
// answer in large type, and the model's keyframes played in turn. Dark background, high contrast,
// type that scales with the height of the widget. Esc or F11 asks to leave (exitRequested()); the
// studio adds its playback actions to this widget, so Space, J/K/L, Home and End work here too.
#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>
#include <optional>

class QTimer;

namespace sevila::widgets {

class PresentationView : public QWidget {
  Q_OBJECT
public:
  static constexpr int kDefaultIntervalMs = 1500;

  explicit PresentationView(QWidget* parent = nullptr);

  void setFrame(const QImage& frame);
  void setQuestion(const QString& question);
  // letter "B", text "he fell.", right: true/false when the ground truth is known.
  void setAnswer(const QString& letter, const QString& text, std::optional<bool> right = std::nullopt);
  void clearAnswer();
  // A notice drawn in the corner, e.g. that the model has random weights (empty: none).
  void setNote(const QString& note);
  const QString& note() const { return m_note; }
  // Restarts from the first keyframe; keeps playing if it was.
  void setKeyframes(const QVector<QImage>& keyframes);

  int keyframeCount() const { return int(m_keyframes.size()); }
  int currentKeyframe() const { return m_current; }  // -1 without keyframes
  bool isPlaying() const;
  void setInterval(int ms);
  int interval() const;
  QString answerText() const;  // what is drawn as the answer line

  // Where the parts are drawn at the current size (for tests and hit testing).
  QRect frameRect() const;
  QRect keyframeRect() const;

public Q_SLOTS:
  void start();
  void stop();
  void showNextKeyframe();

Q_SIGNALS:
  void exitRequested();
  void keyframeShown(int index);

protected:
  void paintEvent(QPaintEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

private:
  struct Layout {
    QRect frame, keyframe, caption, question, answer;
  };
  Layout computeLayout() const;

  QImage m_frame;
  QString m_question;
  QString m_letter, m_answer;
  QString m_note;
  std::optional<bool> m_right;
  QVector<QImage> m_keyframes;
  int m_current = -1;
  QTimer* m_timer;
};

}  // namespace sevila::widgets
