#include "run_session.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <QCryptographicHash>
#include <QUndoStack>

#include "commands/set_keyframes_command.h"
#include "commands/set_review_command.h"
#include "commands/set_windows_command.h"
#include "commands/set_label_note_command.h"
#include "commands/set_label_state_command.h"
#include "commands/set_unsaved_keyframes_command.h"
#include "commands/toggle_keyframe_command.h"
#include "project_store.h"

namespace sevila::studio {

namespace {
constexpr RunSession::Changes kEverything =
    RunSession::Result | RunSession::Human | RunSession::WhatIf | RunSession::Baselines | RunSession::Label;

// Questions typed in the studio get a stable qid from their video, text and options.
std::string studioQid(const std::string& video, const engine::ChainResult& r) {
  std::string key = video + "\n" + r.question;
  for (const auto& o : r.options) key += "\n" + o;
  return "studio_" + QCryptographicHash::hash(QByteArray::fromStdString(key), QCryptographicHash::Sha1)
                         .toHex()
                         .left(16)
                         .toStdString();
}

QVector<int> sortedUnique(QVector<int> positions) {
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}
}  // namespace

RunSession::RunSession(std::string author, QObject* parent)
    : QObject(parent), m_author(std::move(author)), m_undo(new QUndoStack(this)) {}

RunSession::~RunSession() = default;

void RunSession::setAuthor(const std::string& author) {
  if (author.empty() || author == m_author) return;
  m_author = author;
  m_shownAuthor.clear();
  m_undo->clear();
  if (m_result && m_store) m_human = humanFromLabel();
  Q_EMIT changed(kEverything);
}

void RunSession::setStore(ProjectStore* store) {
  if (m_store) disconnect(m_store, nullptr, this, nullptr);
  m_store = store;
  m_undo->clear();  // the edits on the stack belong to the previous project
  if (m_store) {
    connect(m_store, &ProjectStore::labelChanged, this, [this](qint64 itemId, const QString& author) {
      if (itemId == m_itemId && author.toStdString() == shownAuthor()) reloadLabels();
    });
    connect(m_store, &ProjectStore::writeFailed, this, &RunSession::saveFailed);
  }
  if (!m_result) return;
  record();
  if (m_store) m_human = humanFromLabel();
  Q_EMIT changed(kEverything);
}

void RunSession::showRun(engine::ChainResult result, const QString& video) {
  m_result = std::move(result);
  m_video = video;
  ++m_generation;
  m_human.clear();
  m_whatIf.reset();
  m_whatIfFrames.clear();
  record();
  m_human = humanFromLabel();
  Q_EMIT changed(kEverything);
}

bool RunSession::showStoredRun(qint64 runId) {
  if (!m_store || m_itemId <= 0) return false;
  const auto item = m_store->item(m_itemId);
  if (!item) return false;
  for (const RunRecord& run : m_store->runs(m_itemId)) {
    if (run.id != runId) continue;
    engine::ChainResult r = m_result ? *m_result : engine::ChainResult{};
    // The item and its video stay; the scores, keyframes, answer and provenance are the stored run's.
    r.qid = item->qid;
    r.question = item->question;
    r.options = item->options;
    r.groundTruth = item->answer;
    r.questionType = item->type;
    r.frames.clear();
    for (const RunFrame& f : run.frames)
      r.frames.push_back(engine::FrameScore{f.frameIndex, f.seconds, f.yesLogit, f.yesProb, f.yesNoProb});
    r.keyframes = run.keyframes;
    r.answer = engine::OptionScores{};
    r.answer.probabilities = run.optionProbabilities;
    r.answer.answer = run.answer;
    r.concat.reset();
    r.frameAnswers.clear();
    r.voting.reset();
    r.oracle.reset();
    r.model = run.model;
    r.checkpoint = run.checkpoint;
    r.device = run.device;
    r.precision = run.precision;
    r.warnings.clear();
    showRun(std::move(r), m_video);
    return true;
  }
  return false;
}

std::vector<RunRecord> RunSession::itemRuns() const {
  if (!m_store || m_itemId <= 0) return {};
  try {
    return m_store->runs(m_itemId);
  } catch (const std::exception&) {
    return {};
  }
}

void RunSession::clear() {
  m_result.reset();
  m_video.clear();
  ++m_generation;
  m_itemId = m_runId = 0;
  m_human.clear();
  m_whatIf.reset();
  m_whatIfFrames.clear();
  Q_EMIT changed(kEverything);
}

// Records the shown run (its video, item and scores) in the project and reads the author's label there.
// One transaction: one commit instead of three.
void RunSession::record() {
  m_itemId = m_runId = 0;
  if (!m_store || !m_result) return;
  const engine::ChainResult& r = *m_result;
  int64_t itemId = 0, runId = 0;
  try {
    m_store->transaction([&] {
      VideoRecord video;
      video.path = m_video.toStdString();
      video.frameCount = r.frameCount;
      video.fps = r.fps;
      ItemRecord item;
      item.videoId = m_store->upsertVideo(video);
      item.dataset = r.dataset.empty() ? "studio" : r.dataset;
      item.qid = r.qid.empty() ? studioQid(video.path, r) : r.qid;
      item.question = r.question;
      item.options = r.options;
      item.answer = r.groundTruth;
      item.type = r.questionType;
      itemId = m_store->upsertItem(item);
      // A run shown again (a dataset item reopened, a run picked from the history) is the same run: it is
      // recorded once.
      RunRecord record = runRecordFrom(r, itemId);
      for (const RunRecord& stored : m_store->runs(itemId)) {
        record.id = stored.id;
        record.createdAt = stored.createdAt;
        if (record == stored) {
          runId = stored.id;
          return;
        }
      }
      record.id = 0;
      record.createdAt.clear();
      runId = m_store->addRun(record);
    });
    m_itemId = itemId;
    m_runId = runId;
  } catch (const std::exception& e) {
    Q_EMIT saveFailed(tr("Could not save the run: %1").arg(QString::fromUtf8(e.what())));
  }
}

QVector<int> RunSession::humanFromLabel() const {
  // Labels live on a sampling grid; show those that fall on this run's grid (by absolute frame index).
  QVector<int> human;
  if (const auto l = label())
    for (int p : l->keyframes) {
      const int64_t frame = l->grid.frameIndices.at(size_t(p));
      for (int i = 0; i < int(m_result->frames.size()); ++i)
        if (m_result->frames[size_t(i)].frameIndex == frame) human << i;
    }
  return sortedUnique(human);
}

std::optional<KeyframeLabel> RunSession::label() const {
  if (!m_store || m_itemId <= 0) return std::nullopt;
  return m_store->label(m_itemId, shownAuthor());
}

void RunSession::setShownAuthor(const std::string& author) {
  const std::string shown = author == m_author ? std::string() : author;
  if (shown == m_shownAuthor) return;
  m_shownAuthor = shown;
  if (m_result)
    reloadLabels();
  else
    Q_EMIT changed(Label);
}

QStringList RunSession::itemAuthors() const {
  QStringList authors{QString::fromStdString(m_author)};
  if (m_store && m_itemId > 0) {
    try {
      for (const KeyframeLabel& l : m_store->labels(m_itemId)) authors << QString::fromStdString(l.author);
    } catch (const std::exception&) {
      // The list shows the annotator only; the label itself reports what is wrong when read.
    }
  }
  if (!m_shownAuthor.empty()) authors << QString::fromStdString(m_shownAuthor);
  authors.sort();
  authors.removeDuplicates();
  return authors;
}

std::optional<LabelTarget> RunSession::labelTarget() const {
  if (!m_store || !m_result || m_runId <= 0) return std::nullopt;
  for (const auto& run : m_store->runs(m_itemId))
    if (run.id == m_runId) return labelTargetFor(run, m_author, m_result->fps);
  return std::nullopt;
}

int RunSession::nearestPosition(double seconds) const {
  if (!m_result || m_result->frames.empty()) return -1;
  const auto& frames = m_result->frames;
  int best = 0;
  for (int i = 1; i < int(frames.size()); ++i)
    if (std::abs(frames[size_t(i)].seconds - seconds) < std::abs(frames[size_t(best)].seconds - seconds))
      best = i;
  return best;
}

int RunSession::neighbourKeyframe(double seconds, bool forward) const {
  if (!m_result) return -1;
  QVector<int> keyframes(m_result->keyframes.begin(), m_result->keyframes.end());
  keyframes += m_human;
  const double epsilon = m_result->fps > 0 ? 0.5 / m_result->fps : 1e-3;  // the frame on screen is not "next"
  int best = -1;
  for (int p : keyframes) {
    if (p < 0 || p >= int(m_result->frames.size())) continue;
    const double t = m_result->frames[size_t(p)].seconds;
    const bool onTheWay = forward ? t > seconds + epsilon : t < seconds - epsilon;
    if (!onTheWay) continue;
    if (best < 0 ||
        (forward ? t < m_result->frames[size_t(best)].seconds : t > m_result->frames[size_t(best)].seconds))
      best = p;
  }
  return best;
}

QVector<qint64> RunSession::humanFrames() const {
  QVector<qint64> frames;
  if (m_result)
    for (int p : m_human) frames << m_result->frames.at(size_t(p)).frameIndex;
  return frames;
}

void RunSession::reloadLabels() {
  if (!m_result) return;
  const bool whatIfBefore = whatIf().has_value();
  const QVector<int> human = humanFromLabel();
  Changes what = Label;
  if (human != m_human) what |= Human;
  m_human = human;
  if (whatIf().has_value() != whatIfBefore) what |= WhatIf;
  Q_EMIT changed(what);
}

void RunSession::setHuman(QVector<int> positions) {
  positions = sortedUnique(std::move(positions));
  if (positions == m_human) return;
  const bool whatIfBefore = whatIf().has_value();
  m_human = positions;
  Changes what = Human;
  if (whatIf().has_value() != whatIfBefore) what |= WhatIf;
  Q_EMIT changed(what);
}

bool RunSession::editAllowed() {
  if (!m_result) return false;
  if (!showsOwnLabel()) {
    Q_EMIT editRefused(tr("This is %1's label: you can review it, not edit it. Choose your own name above "
                          "the keyframes to edit yours.")
                           .arg(QString::fromStdString(shownAuthor())));
    return false;
  }
  if (m_lockReason.isEmpty()) return true;
  Q_EMIT editRefused(m_lockReason);
  return false;
}

void RunSession::pushUnsaved(const QVector<int>& positions, const QString& text) {
  const int generation = m_generation;
  m_undo->push(new SetUnsavedKeyframesCommand(m_human, sortedUnique(positions), text,
                                              [this, generation](const QVector<int>& p) {
                                                if (generation != m_generation) return false;
                                                setHuman(p);
                                                return true;
                                              }));
}

void RunSession::toggleKeyframe(int position) {
  if (!m_result || position < 0 || position >= int(m_result->frames.size()) || !editAllowed()) return;
  if (const auto target = labelTarget()) {
    // Committed to the project at once; the store's labelChanged brings the new keyframes back here.
    m_undo->push(new ToggleKeyframeCommand(*m_store, *target, position));
    return;
  }
  QVector<int> positions = m_human;
  if (positions.contains(position))
    positions.removeAll(position);
  else
    positions << position;
  pushUnsaved(positions, tr("Toggle keyframe %1 (frame %2)")
                             .arg(position + 1)
                             .arg(m_result->frames[size_t(position)].frameIndex));
}

void RunSession::setKeyframes(const QVector<int>& positions, const QString& text) {
  if (!editAllowed()) return;
  for (int p : positions)
    if (p < 0 || p >= int(m_result->frames.size())) return;
  if (const auto target = labelTarget()) {
    m_undo->push(new SetKeyframesCommand(*m_store, *target,
                                         std::vector<int>(positions.begin(), positions.end()), text));
    return;
  }
  pushUnsaved(positions, text);
}

void RunSession::acceptModelKeyframes() {
  if (!m_result) return;
  setKeyframes(QVector<int>(m_result->keyframes.begin(), m_result->keyframes.end()),
               tr("Accept the model's keyframes"));
}

void RunSession::clearKeyframes() {
  setKeyframes({}, tr("Clear human keyframes"));
}

void RunSession::setUnsure(bool unsure) {
  if (!editAllowed()) return;
  if (const auto target = labelTarget())
    m_undo->push(
        new SetLabelStateCommand(*m_store, *target, unsure ? LabelState::Unsure : LabelState::Confirmed));
}

void RunSession::setNote(const QString& note) {
  if (!editAllowed()) return;
  if (const auto target = labelTarget())
    m_undo->push(new SetLabelNoteCommand(*m_store, *target, note.toStdString()));
}

void RunSession::addWindow(double start, double end) {
  if (!editAllowed()) return;
  const auto target = labelTarget();
  if (!target) {
    Q_EMIT editRefused(tr("Relevant windows are kept in a project: open or create one first"));
    return;
  }
  m_undo->push(
      new SetWindowsCommand(*m_store, *target, TimeWindow{std::min(start, end), std::max(start, end)}));
}

void RunSession::removeWindow(int index) {
  if (!editAllowed()) return;
  if (const auto target = labelTarget()) m_undo->push(new SetWindowsCommand(*m_store, *target, index));
}

QVector<QPair<double, double>> RunSession::windows() const {
  QVector<QPair<double, double>> out;
  const auto l = label();
  if (!l) return out;
  std::vector<TimeWindow> windows = l->windows;
  if (windows.empty() && !l->keyframes.empty() && l->fps > 0) {
    try {
      windows = data::relevantWindows(l->grid, l->fps, l->keyframes);
    } catch (const std::exception&) {
      windows.clear();  // a label the store accepted always has windows; nothing to draw otherwise
    }
  }
  for (const TimeWindow& w : windows) out << qMakePair(w.start, w.end);
  return out;
}

void RunSession::setReview(int state) {
  if (!m_store || m_itemId <= 0 || showsOwnLabel() || editsLocked()) return;
  const ReviewState review = state == 1   ? ReviewState::Accepted
                             : state == 2 ? ReviewState::Rejected
                                          : ReviewState::None;
  m_undo->push(new SetReviewCommand(*m_store, m_itemId, shownAuthor(), review, m_author));
}

void RunSession::setWhatIf(const engine::OptionScores& scores, const QVector<qint64>& frames) {
  m_whatIf = scores;
  m_whatIfFrames = frames;
  Q_EMIT changed(WhatIf);
}

std::optional<engine::OptionScores> RunSession::whatIf() const {
  if (m_whatIf && !m_human.isEmpty() && humanFrames() == m_whatIfFrames) return m_whatIf;
  return std::nullopt;
}

bool RunSession::addBaselines(const engine::ChainResult& r) {
  m_baselinesRunning = false;
  // Only for the run still shown: same video, same question, same grid.
  const bool same = m_result && (r.video == m_video.toStdString() || r.video == m_result->video) &&
                    r.question == m_result->question && r.frames.size() == m_result->frames.size();
  if (same) {
    m_result->frameAnswers = r.frameAnswers;
    m_result->voting = r.voting;
    m_result->oracle = r.oracle;
    m_result->concat = r.concat;
    const auto seconds = r.stageSeconds.find("baselines");
    m_result->stageSeconds["baselines"] = seconds == r.stageSeconds.end() ? 0 : seconds->second;
  }
  Q_EMIT changed(Baselines);
  return same;
}

void RunSession::setBaselinesRunning(bool running) {
  if (running == m_baselinesRunning) return;
  m_baselinesRunning = running;
  Q_EMIT changed(Baselines);
}

}  // namespace sevila::studio
