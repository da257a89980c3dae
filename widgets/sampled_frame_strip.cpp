#include "widgets/sampled_frame_strip.h"

#include <QAbstractListModel>
#include <QEvent>
#include <QHash>
#include <QKeyEvent>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSet>
#include <QStringList>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

#include "widgets/plot_style.h"

namespace sevila::widgets {
namespace {
constexpr QSize kPicture(128, 72);
constexpr int kPad = 4;         // around each sample, inside its highlight
constexpr int kBarGap = 3;      // picture to score bar
constexpr int kBar = 4;         // the score bar's height
constexpr int kCaptionGap = 2;  // score bar to caption
constexpr int kSpacing = 2;     // between samples

// The grey shown until a sample's picture arrives; in the dark theme a step lighter than the background.
QColor placeholderColor(const QPalette& palette) {
  const bool dark = palette.color(QPalette::Window).lightness() < 128;
  return palette.color(dark ? QPalette::Midlight : QPalette::Mid);
}

int itemHeight(const QFontMetrics& fm) {
  return kPad + kPicture.height() + kBarGap + kBar + kCaptionGap + 2 * fm.height() + kPad;
}
}  // namespace

// The samples of the run and their pictures (by frame index, so a re-run on the same video keeps them).
class SampledFrameModel : public QAbstractListModel {
public:
  using QAbstractListModel::QAbstractListModel;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override {
    return parent.isValid() ? 0 : int(m_frames.size());
  }

  QVariant data(const QModelIndex& index, int role) const override {
    if (!index.isValid() || index.row() >= m_frames.size()) return {};
    switch (role) {
      case Qt::DisplayRole:
        return caption(index.row());
      case Qt::ToolTipRole:
        return toolTip(index.row());
      case Qt::AccessibleTextRole:
        return QString(toolTip(index.row())).replace('\n', QStringLiteral(", "));
      default:
        return {};
    }
  }

  void setFrames(const QVector<SampledFrame>& frames) {
    beginResetModel();
    m_frames = frames;
    m_rowOfPosition.clear();
    QSet<int> sampled;
    for (int row = 0; row < m_frames.size(); ++row) {
      m_rowOfPosition.insert(m_frames[row].position, row);
      sampled.insert(m_frames[row].frameIndex);
    }
    for (auto it = m_pictures.begin(); it != m_pictures.end();)
      it = sampled.contains(it.key()) ? std::next(it) : m_pictures.erase(it);
    m_low = m_high = 0;
    bool first = true;
    for (const auto& f : m_frames) {
      if (!std::isfinite(f.score)) continue;
      m_low = first ? f.score : std::min(m_low, f.score);
      m_high = first ? f.score : std::max(m_high, f.score);
      first = false;
    }
    endResetModel();
  }

  void setHumanKeyframes(const QVector<int>& positions) {
    const QSet<int> marked(positions.begin(), positions.end());
    for (int row = 0; row < m_frames.size(); ++row) {
      const bool human = marked.contains(m_frames[row].position);
      if (m_frames[row].humanKeyframe == human) continue;
      m_frames[row].humanKeyframe = human;
      Q_EMIT dataChanged(index(row), index(row));
    }
  }

  // Returns whether some sample shows `frameIndex`.
  bool setPicture(int frameIndex, const QPixmap& picture) {
    bool found = false;
    for (int row = 0; row < m_frames.size(); ++row) {
      if (m_frames[row].frameIndex != frameIndex) continue;
      if (!found) m_pictures.insert(frameIndex, picture);
      found = true;
      Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole});
    }
    return found;
  }

  void clear() {
    beginResetModel();
    m_frames.clear();
    m_rowOfPosition.clear();
    m_pictures.clear();
    m_low = m_high = 0;
    endResetModel();
  }

  // Texts are made on demand: after a language change, repainting is enough.
  void refreshAll() {
    if (!m_frames.isEmpty()) Q_EMIT dataChanged(index(0), index(int(m_frames.size()) - 1));
  }

  int rowOf(int position) const { return m_rowOfPosition.value(position, -1); }
  const SampledFrame& frameAt(int row) const { return m_frames[row]; }
  QPixmap pictureAt(int row) const { return m_pictures.value(m_frames[row].frameIndex); }
  bool hasPicture(int row) const { return m_pictures.contains(m_frames[row].frameIndex); }
  // The score between the run's lowest (0) and highest (1); all equal: 1.
  double scoreFraction(int row) const {
    const double s = m_frames[row].score;
    if (!std::isfinite(s)) return 0;
    return m_high > m_low ? std::clamp((s - m_low) / (m_high - m_low), 0.0, 1.0) : 1.0;
  }

  QString caption(int row) const {
    const SampledFrame& f = m_frames[row];
    return SampledFrameStrip::tr("%1 · %2 s\nP(yes) %3")
        .arg(f.position + 1)
        .arg(f.seconds, 0, 'f', 1)
        .arg(f.score, 0, 'f', 2);
  }

private:
  QString toolTip(int row) const {
    const SampledFrame& f = m_frames[row];
    QStringList lines;
    lines << SampledFrameStrip::tr("Sample %1 of %2 · frame %3 · %4 s")
                 .arg(f.position + 1)
                 .arg(m_frames.size())
                 .arg(f.frameIndex)
                 .arg(f.seconds, 0, 'f', 2);
    lines << SampledFrameStrip::tr("P(yes | yes, no) %1").arg(f.score, 0, 'f', 4);
    if (f.modelKeyframe) lines << SampledFrameStrip::tr("model keyframe");
    if (f.humanKeyframe) lines << SampledFrameStrip::tr("human keyframe");
    if (f.correct == 1) lines << SampledFrameStrip::tr("single frame answers right");
    if (f.correct == 0) lines << SampledFrameStrip::tr("single frame answers wrong");
    lines << SampledFrameStrip::tr(
        "Click: go to this sample · Double-click or M: mark/unmark as a human keyframe");
    return lines.join('\n');
  }

  QVector<SampledFrame> m_frames;
  QHash<int, int> m_rowOfPosition;
  QHash<int, QPixmap> m_pictures;  // by frame index, already scaled to the thumbnail
  double m_low = 0, m_high = 0;
};

namespace {

// Paints one sample: picture (grey until it arrives), keyframe frames and badges, oracle mark, score bar
// and caption. Colours come from the palette and plot_style, as on the timeline.
class SampleDelegate : public QStyledItemDelegate {
public:
  SampleDelegate(const SampledFrameModel* model, QObject* parent)
      : QStyledItemDelegate(parent), m_model(model) {}

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override {
    return {kPicture.width() + 2 * kPad, itemHeight(option.fontMetrics)};
  }

  void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    if (!index.isValid() || index.row() >= m_model->rowCount()) return;
    const int row = index.row();
    const SampledFrame& f = m_model->frameAt(row);
    const QPalette& pal = option.palette;
    const PlotColors c = plotColors(pal);
    const bool selected = option.state & QStyle::State_Selected;
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    const QRect r = option.rect;
    if (selected) {
      p->fillRect(r, pal.color(QPalette::Highlight));
    } else if (option.state & QStyle::State_MouseOver) {
      QColor hover = pal.color(QPalette::Highlight);
      hover.setAlpha(60);
      p->fillRect(r, hover);
    }

    const QRect pic(r.left() + kPad, r.top() + kPad, kPicture.width(), kPicture.height());
    p->fillRect(pic, placeholderColor(pal));
    const QPixmap picture = m_model->pictureAt(row);
    if (!picture.isNull()) {
      const QSize s = picture.deviceIndependentSize().toSize();
      p->drawPixmap(
          QRect(pic.topLeft() + QPoint((pic.width() - s.width()) / 2, (pic.height() - s.height()) / 2), s),
          picture);
    }

    // Model: an outer frame and a triangle; human: an inner frame and a diamond (the timeline's shapes).
    const QRectF picF(pic);
    if (f.modelKeyframe) {
      p->setPen(QPen(c.modelKeyframe, 3));
      p->setBrush(Qt::NoBrush);
      p->drawRect(picF.adjusted(1.5, 1.5, -1.5, -1.5));
    }
    if (f.humanKeyframe) {
      p->setPen(QPen(c.humanKeyframe, 3));
      p->setBrush(Qt::NoBrush);
      p->drawRect(picF.adjusted(5.5, 5.5, -5.5, -5.5));
    }
    const QPen outline(QColor(0, 0, 0, 160), 1);
    double badgeRight = picF.right() - 6;
    if (f.humanKeyframe) {
      const QPointF m(badgeRight - 6, picF.top() + 14);
      QPainterPath diamond;
      diamond.moveTo(m + QPointF(0, -6));
      diamond.lineTo(m + QPointF(6, 0));
      diamond.lineTo(m + QPointF(0, 6));
      diamond.lineTo(m + QPointF(-6, 0));
      diamond.closeSubpath();
      p->setPen(outline);
      p->setBrush(c.humanKeyframe);
      p->drawPath(diamond);
      badgeRight -= 15;
    }
    if (f.modelKeyframe) {
      const QPointF m(badgeRight - 6, picF.top() + 14);
      QPainterPath triangle;
      triangle.moveTo(m + QPointF(0, -6));
      triangle.lineTo(m + QPointF(6, 5));
      triangle.lineTo(m + QPointF(-6, 5));
      triangle.closeSubpath();
      p->setPen(outline);
      p->setBrush(c.modelKeyframe);
      p->drawPath(triangle);
    }
    // The oracle: a square in the bottom-right corner, as on the timeline's strip.
    if (f.correct == 0 || f.correct == 1) {
      p->setPen(outline);
      p->setBrush(f.correct == 1 ? c.right : c.wrong);
      p->drawRect(QRectF(picF.right() - 18, picF.bottom() - 18, 10, 10));
    }

    // The score relative to the run's lowest..highest.
    const QRect track(pic.left(), pic.bottom() + 1 + kBarGap, pic.width(), kBar);
    p->fillRect(track, c.grid);
    const int filled = int(std::lround(m_model->scoreFraction(row) * track.width()));
    if (filled > 0) p->fillRect(QRect(track.topLeft(), QSize(filled, kBar)), c.curve);

    const QRect text(r.left() + 1, track.bottom() + 1 + kCaptionGap, r.width() - 2,
                     2 * option.fontMetrics.height());
    p->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    p->setFont(option.font);
    const QStringList lines = m_model->caption(row).split('\n');
    for (int i = 0; i < lines.size() && i < 2; ++i) {
      const QRect line(text.left(), text.top() + i * option.fontMetrics.height(), text.width(),
                       option.fontMetrics.height());
      p->drawText(line, Qt::AlignHCenter | Qt::AlignVCenter,
                  option.fontMetrics.elidedText(lines[i], Qt::ElideRight, line.width()));
    }
    p->restore();
  }

private:
  const SampledFrameModel* m_model;
};

// The row of samples. Every change of the current sample made by the user (click, keys) is reported
// once through onSelect; changes made by the program (following playback) are not.
class SampleListView : public QListView {
public:
  explicit SampleListView(QWidget* parent) : QListView(parent) {}

  std::function<void(int row)> onSelect;
  std::function<void(int row)> onMark;
  QString emptyText;

  void connectSelection() {
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
      if (m_silent || !current.isValid()) return;
      selectionModel()->select(current, QItemSelectionModel::ClearAndSelect);
      if (onSelect) onSelect(current.row());
    });
  }

  // Makes `row` current without reporting it (-1: none). `reveal`: a sample that is not wholly in view
  // is scrolled to the middle, so its neighbours show on both sides; otherwise the row keeps still.
  void makeCurrent(int row, bool reveal = true) {
    const QScopedValueRollback<bool> silent(m_silent, true);
    if (row < 0) {
      selectionModel()->clear();
      return;
    }
    const QModelIndex index = model()->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    if (!reveal)
      scrollTo(index, QAbstractItemView::EnsureVisible);
    else if (!viewport()->rect().contains(visualRect(index)))
      scrollTo(index, QAbstractItemView::PositionAtCenter);
  }

protected:
  bool event(QEvent* event) override {
    // The keys the strip answers win over the window's shortcuts (M, Left, Right) while it has focus.
    if (event->type() == QEvent::ShortcutOverride && ownKey(static_cast<QKeyEvent*>(event))) {
      event->accept();
      return true;
    }
    return QListView::event(event);
  }

  void keyPressEvent(QKeyEvent* event) override {
    if (!ownKey(event)) {
      QListView::keyPressEvent(event);
      return;
    }
    event->accept();
    const int rows = model()->rowCount();
    const int current = currentIndex().isValid() ? currentIndex().row() : -1;
    if (event->key() == Qt::Key_M) {
      if (current >= 0 && onMark) onMark(current);
      return;
    }
    if (rows == 0) return;
    int target = current;
    switch (event->key()) {
      case Qt::Key_Left:
        target = current < 0 ? 0 : std::max(0, current - 1);
        break;
      case Qt::Key_Right:
        target = current < 0 ? 0 : std::min(rows - 1, current + 1);
        break;
      case Qt::Key_Home:
        target = 0;
        break;
      case Qt::Key_End:
        target = rows - 1;
        break;
      default:
        break;
    }
    if (target == current) return;
    makeCurrent(target);
    if (onSelect) onSelect(target);
  }

  // Qt makes the first sample current when the row gets the keyboard; here none stays none, and
  // nothing is reported.
  void focusInEvent(QFocusEvent* event) override {
    const bool none = !currentIndex().isValid();
    const QScopedValueRollback<bool> silent(m_silent, true);
    QListView::focusInEvent(event);
    if (none && currentIndex().isValid()) selectionModel()->clear();
  }

  void mousePressEvent(QMouseEvent* event) override {
    if (event->button() != Qt::LeftButton) return;  // nothing here for the other buttons
    const QModelIndex index = indexAt(event->position().toPoint());
    {
      const QScopedValueRollback<bool> silent(m_silent, true);
      QListView::mousePressEvent(event);
    }
    if (!index.isValid()) return;
    // A click always reports, even on the current sample: the playhead may sit between samples.
    makeCurrent(index.row(), false);
    if (onSelect) onSelect(index.row());
  }

  void mouseDoubleClickEvent(QMouseEvent* event) override {
    if (event->button() != Qt::LeftButton) return;
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid()) return;
    if (currentIndex() != index) {
      makeCurrent(index.row(), false);
      if (onSelect) onSelect(index.row());
    }
    if (onMark) onMark(index.row());
  }

  void keyboardSearch(const QString&) override {}  // letters are the window's shortcuts, not a search

  void paintEvent(QPaintEvent* event) override {
    if (model() && model()->rowCount() == 0 && !emptyText.isEmpty()) {
      QPainter p(viewport());
      p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
      p.drawText(viewport()->rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, emptyText);
      return;
    }
    QListView::paintEvent(event);
  }

private:
  static bool ownKey(const QKeyEvent* event) {
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier) return false;
    switch (event->key()) {
      case Qt::Key_M:
      case Qt::Key_Left:
      case Qt::Key_Right:
      case Qt::Key_Home:
      case Qt::Key_End:
        return true;
      default:
        return false;
    }
  }

  bool m_silent = false;
};

SampleListView* listOf(QListView* view) {
  return static_cast<SampleListView*>(view);
}

}  // namespace

SampledFrameStrip::SampledFrameStrip(QWidget* parent)
    : QWidget(parent), m_model(new SampledFrameModel(this)), m_view(new SampleListView(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view);
  m_view->setObjectName("sampledFrames");
  m_view->setModel(m_model);
  m_view->setItemDelegate(new SampleDelegate(m_model, m_view));
  m_view->setViewMode(QListView::ListMode);
  m_view->setFlow(QListView::LeftToRight);
  m_view->setWrapping(false);         // one row; QListView then turns the mouse wheel sideways
  m_view->setUniformItemSizes(true);  // only the first sample is measured: cheap for n = 256
  m_view->setSpacing(kSpacing);
  m_view->setMovement(QListView::Static);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setDragEnabled(false);
  m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);  // the height never jumps
  m_view->setMouseTracking(true);
  m_view->viewport()->setAttribute(Qt::WA_Hover);  // the sample under the mouse is tinted
  m_view->setAutoScroll(false);  // the strip scrolls to the current sample itself (makeCurrent)
  setFocusProxy(m_view);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

  auto* list = listOf(m_view);
  list->connectSelection();
  list->onSelect = [this](int row) { Q_EMIT sampleSelected(m_model->frameAt(row).position); };
  list->onMark = [this](int row) { Q_EMIT markRequested(m_model->frameAt(row).position); };
  retranslate();
  updateHeight();
}

SampledFrameStrip::~SampledFrameStrip() = default;

void SampledFrameStrip::retranslate() {
  auto* list = listOf(m_view);
  list->emptyText = tr("The sampled frames of a run appear here: run a question");
  m_view->setAccessibleName(tr("Sampled frames"));
  m_view->setToolTip(tr("Click: go to this sample · Double-click or M: mark/unmark as a human keyframe"));
  m_model->refreshAll();
  m_view->viewport()->update();
}

// Exactly one row of samples and the scroll bar.
void SampledFrameStrip::updateHeight() {
  const int scrollBar = m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
  m_view->setFixedHeight(itemHeight(m_view->fontMetrics()) + 2 * kSpacing + scrollBar +
                         2 * m_view->frameWidth());
}

void SampledFrameStrip::changeEvent(QEvent* event) {
  switch (event->type()) {
    case QEvent::LanguageChange:
      retranslate();
      break;
    case QEvent::FontChange:
    case QEvent::StyleChange:
      updateHeight();
      m_view->doItemsLayout();
      break;
    case QEvent::PaletteChange:
      m_view->viewport()->update();
      break;
    default:
      break;
  }
  QWidget::changeEvent(event);
}

void SampledFrameStrip::setFrames(const QVector<SampledFrame>& frames) {
  const int current = currentPosition();
  m_model->setFrames(frames);
  listOf(m_view)->makeCurrent(m_model->rowOf(current));
}

void SampledFrameStrip::setHumanKeyframes(const QVector<int>& positions) {
  m_model->setHumanKeyframes(positions);
}

void SampledFrameStrip::setThumbnail(int frameIndex, const QImage& image) {
  if (image.isNull()) return;
  const qreal dpr = std::max<qreal>(1, m_view->devicePixelRatioF());
  QPixmap picture =
      QPixmap::fromImage(image.scaled(kPicture * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  picture.setDevicePixelRatio(dpr);
  m_model->setPicture(frameIndex, picture);
}

void SampledFrameStrip::clear() {
  m_model->clear();
}

int SampledFrameStrip::count() const {
  return m_model->rowCount();
}

int SampledFrameStrip::currentPosition() const {
  const QModelIndex index = m_view->currentIndex();
  return index.isValid() && index.row() < m_model->rowCount() ? m_model->frameAt(index.row()).position : -1;
}

void SampledFrameStrip::setCurrentPosition(int position) {
  const int row = m_model->rowOf(position);
  const QModelIndex current = m_view->currentIndex();
  if ((current.isValid() ? current.row() : -1) == row) return;  // no scrolling back while unchanged
  listOf(m_view)->makeCurrent(row);
}

SampledFrame SampledFrameStrip::frame(int position) const {
  const int row = m_model->rowOf(position);
  if (row < 0) {
    SampledFrame none;
    none.position = -1;
    return none;
  }
  return m_model->frameAt(row);
}

bool SampledFrameStrip::isHumanKeyframe(int position) const {
  const int row = m_model->rowOf(position);
  return row >= 0 && m_model->frameAt(row).humanKeyframe;
}

bool SampledFrameStrip::isModelKeyframe(int position) const {
  const int row = m_model->rowOf(position);
  return row >= 0 && m_model->frameAt(row).modelKeyframe;
}

bool SampledFrameStrip::hasThumbnail(int position) const {
  const int row = m_model->rowOf(position);
  return row >= 0 && m_model->hasPicture(row);
}

QString SampledFrameStrip::caption(int position) const {
  const int row = m_model->rowOf(position);
  return row >= 0 ? m_model->caption(row) : QString();
}

QListView* SampledFrameStrip::view() const {
  return m_view;
}

}  // namespace sevila::widgets
