#include "widgets/answer_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "widgets/plot_style.h"

namespace sevila::widgets {

AnswerPanel::AnswerPanel(QWidget* parent)
    : QWidget(parent),
      m_plot(new QCustomPlot(this)),
      m_answer(new QLabel(this)),
      m_note(new QLabel(this)),
      m_baselines(new QLabel(this)),
      m_baselinesButton(new QPushButton(tr("Compute &Baselines"), this)) {
  auto* layout = new QVBoxLayout(this);
  QFont big = m_answer->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  big.setBold(true);
  m_answer->setFont(big);
  m_answer->setWordWrap(true);
  m_note->setWordWrap(true);
  layout->addWidget(m_answer);
  layout->addWidget(m_plot, 1);
  auto* baselines = new QHBoxLayout;
  baselines->addWidget(m_baselines, 1);
  baselines->addWidget(m_baselinesButton, 0, Qt::AlignTop);
  layout->addLayout(baselines);
  layout->addWidget(m_note);
  m_baselines->setWordWrap(true);
  m_baselines->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_baselinesButton->setObjectName("computeBaselines");
  m_baselinesButton->setToolTip(
      tr("The paper's baselines on this video: BLIP-2 concat on k uniform frames, "
         "voting over the single-frame answers, and the oracle"));
  connect(m_baselinesButton, &QPushButton::clicked, this, &AnswerPanel::baselinesRequested);
  m_plot->setMinimumHeight(140);
  m_modelBars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
  m_modelBars->setName(tr("model keyframes"));
  m_whatIfBars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
  m_whatIfBars->setName(tr("human keyframes"));
  m_compareBars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
  m_plot->xAxis->setRange(0, 1);
  m_plot->xAxis->setLabel(tr("probability"));
  // The legend says which bars are whose; the human's appear with a "what if" answer.
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  restyle();
  clear();
}

void AnswerPanel::clear() {
  setAnswer(AnswerView{});
}

QString AnswerPanel::answerText() const {
  return m_answer->text();
}

void AnswerPanel::setAnswer(const AnswerView& view) {
  m_view = view;
  rebuild();
}

void AnswerPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  // The theme switch sets the application's palette (and style): every widget gets these events.
  if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) && m_compareBars)
    restyle();
}

void AnswerPanel::restyle() {
  applyPlotStyle(m_plot, palette());
  const PlotColors c = plotColors(palette());
  m_modelBars->setPen(Qt::NoPen);
  m_modelBars->setBrush(c.modelKeyframe);
  m_whatIfBars->setPen(Qt::NoPen);
  m_whatIfBars->setBrush(c.humanKeyframe);
  QColor before = c.modelKeyframe;
  before.setAlphaF(0.45);
  m_compareBars->setPen(QPen(c.modelKeyframe, 1, Qt::DashLine));
  m_compareBars->setBrush(before);
  m_plot->replot();
}

void AnswerPanel::rebuild() {
  const int n = int(m_view.options.size());
  const bool whatIf = !m_view.whatIfProbabilities.isEmpty();
  const bool compare = !m_view.compareProbabilities.isEmpty();
  // One row per option: the model's bar, then the other version's and the human keyframes' when shown.
  const int sets = 1 + int(whatIf) + int(compare);
  const double width = sets == 1 ? 0.7 : 0.8 / sets;
  auto offset = [&](int set) { return sets == 1 ? 0.0 : 0.4 - width * (set + 0.5); };
  QVector<double> keys, values, whatIfKeys, compareKeys;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int i = 0; i < n; ++i) {
    const double y = n - 1 - i;  // option A on top
    keys << y + offset(0);
    compareKeys << y + offset(1);
    whatIfKeys << y + offset(compare ? 2 : 1);
    values << m_view.probabilities.value(i);
    QString label = QStringLiteral("%1  %2").arg(QChar('A' + i)).arg(m_view.options[i].left(40));
    if (i == m_view.groundTruth) label += QStringLiteral("  ✓");
    ticker->addTick(y, label);
  }
  m_modelBars->setName(m_view.modelName.isEmpty() ? tr("model keyframes") : m_view.modelName);
  m_modelBars->setWidth(width);
  m_modelBars->setData(keys, values, true);
  m_whatIfBars->setWidth(width);
  m_whatIfBars->setData(whatIf ? whatIfKeys : QVector<double>{}, m_view.whatIfProbabilities, true);
  if (whatIf)
    m_whatIfBars->addToLegend();
  else
    m_whatIfBars->removeFromLegend();
  m_compareBars->setName(m_view.compareName);
  m_compareBars->setWidth(width);
  m_compareBars->setData(compare ? compareKeys : QVector<double>{}, m_view.compareProbabilities, true);
  if (compare)
    m_compareBars->addToLegend();
  else
    m_compareBars->removeFromLegend();
  m_plot->legend->setVisible(n > 0);
  m_plot->yAxis->setTicker(ticker);
  m_plot->yAxis->setRange(-0.6, std::max(0, n - 1) + 0.6);
  m_plot->replot();

  if (m_view.answer < 0) {
    m_answer->setText(n ? QString() : tr("No answer yet"));
  } else {
    QString text =
        tr("Answer: %1  %2").arg(QChar('A' + m_view.answer)).arg(m_view.options.value(m_view.answer));
    if (m_view.groundTruth >= 0)
      text += m_view.answer == m_view.groundTruth ? tr("  (right)") : tr("  (wrong)");
    if (m_view.compareAnswer >= 0) {
      text += QStringLiteral("\n") + tr("%1: %2  %3")
                                         .arg(m_view.compareName)
                                         .arg(QChar('A' + m_view.compareAnswer))
                                         .arg(m_view.options.value(m_view.compareAnswer));
      if (m_view.groundTruth >= 0)
        text += m_view.compareAnswer == m_view.groundTruth ? tr("  (right)") : tr("  (wrong)");
    }
    if (m_view.whatIfAnswer >= 0) {
      text += QStringLiteral("\n") + tr("With human keyframes: %1  %2")
                                         .arg(QChar('A' + m_view.whatIfAnswer))
                                         .arg(m_view.options.value(m_view.whatIfAnswer));
      if (m_view.groundTruth >= 0)
        text += m_view.whatIfAnswer == m_view.groundTruth ? tr("  (right)") : tr("  (wrong)");
    }
    m_answer->setText(text);
  }
  m_note->setText(m_view.note);
  m_note->setVisible(!m_view.note.isEmpty());

  QStringList lines;
  if (m_view.baselinesComputed) {
    auto letter = [](int a) { return a >= 0 ? QString(QChar('A' + a)) : QStringLiteral("–"); };
    auto verdict = [this](int a) {
      if (a < 0 || m_view.groundTruth < 0) return QString();
      return a == m_view.groundTruth ? tr(" (right)") : tr(" (wrong)");
    };
    lines << tr("BLIP-2 concat, k uniform frames: %1 (p = %2)%3")
                 .arg(letter(m_view.concatAnswer))
                 .arg(m_view.concatProbability, 0, 'f', 3)
                 .arg(verdict(m_view.concatAnswer));
    lines << tr("BLIP-2 voting over the sampled frames: %1%2")
                 .arg(letter(m_view.votingAnswer), verdict(m_view.votingAnswer));
    if (m_view.oracle >= 0)
      lines << tr("Oracle, any single frame right: %1").arg(m_view.oracle ? tr("yes") : tr("no"));
  } else if (m_view.baselinesRunning) {
    lines << tr("Computing the baselines…");
  }
  m_baselines->setText(lines.join('\n'));
  m_baselines->setVisible(!lines.isEmpty());
  m_baselinesButton->setVisible(m_view.answer >= 0 && !m_view.baselinesComputed);
  m_baselinesButton->setEnabled(!m_view.baselinesRunning);
}

QWidget* AnswerPanel::chart() const {
  return m_plot;
}

}  // namespace sevila::widgets
