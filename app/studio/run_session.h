// The shown run, without widgets: its result, the annotator's human keyframes on its grid, the "what if"
// answer from them, and where label edits go in the project. Every label edit is an undoable command on
// the session's stack, with a project (committed at once) or without one (kept in memory). Views listen to
// changed() and redraw from the session; they never edit it directly.
#pragma once

#include <optional>
#include <string>

#include <QFlags>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QString>
#include <QVector>

#include "commands/label_command.h"  // LabelTarget
#include "engine/chain_result.h"
#include "project_store.h"  // KeyframeLabel

class QUndoStack;

namespace sevila::studio {

class RunSession : public QObject {
  Q_OBJECT
public:
  enum Change {
    Result = 0x1,     // another run (or none) is shown
    Human = 0x2,      // the human keyframes changed
    WhatIf = 0x4,     // the answer from the human keyframes came or went
    Baselines = 0x8,  // baselines were added, or are being computed
    Label = 0x10,     // the label's state or note changed
  };
  Q_DECLARE_FLAGS(Changes, Change)

  explicit RunSession(std::string author, QObject* parent = nullptr);
  ~RunSession() override;

  const std::string& author() const { return m_author; }
  // Whose label is shown: the annotator's own (editable), or another author's (read-only, reviewable).
  const std::string& shownAuthor() const { return m_shownAuthor.empty() ? m_author : m_shownAuthor; }
  bool showsOwnLabel() const { return shownAuthor() == m_author; }
  void setShownAuthor(const std::string& author);
  // The authors with a label on the shown item, and the annotator; sorted.
  QStringList itemAuthors() const;
  // Another annotator takes over: the human keyframes and label shown become theirs; the undo history (the
  // previous annotator's edits) is cleared.
  void setAuthor(const std::string& author);
  QUndoStack* undoStack() const { return m_undo; }

  // The project that keeps runs and labels (not owned; null: none). The shown run is recorded in it,
  // and the undo history, which belongs to the previous project, is cleared.
  void setStore(ProjectStore* store);
  ProjectStore* store() const { return m_store; }

  // Shows `result`, a run on `video` (a fresh one or a stored one): recorded in the project, with the
  // author's human keyframes from there.
  void showRun(engine::ChainResult result, const QString& video);
  // Shows a run stored in the project (the run history), on its item's question and video. False when
  // there is no such run.
  bool showStoredRun(qint64 runId);
  // The shown item's runs in the project, oldest first (empty without a project or a stored run).
  std::vector<RunRecord> itemRuns() const;
  void clear();

  const std::optional<engine::ChainResult>& result() const { return m_result; }
  bool hasRun() const { return m_result.has_value(); }
  const QString& video() const { return m_video; }
  qint64 itemId() const { return m_itemId; }
  qint64 runId() const { return m_runId; }
  const QVector<int>& humanKeyframes() const { return m_human; }
  // The shown author's label on the shown item in the project, if any.
  std::optional<KeyframeLabel> label() const;
  // Where a label edit goes: the shown run's item and grid in the project (none without a stored run).
  std::optional<LabelTarget> labelTarget() const;
  // The sampled position nearest `seconds` (-1 without a run).
  int nearestPosition(double seconds) const;
  // The next keyframe (the model's or the human's) after `seconds`, or the previous one before it: its
  // position, -1 when there is none that way.
  int neighbourKeyframe(double seconds, bool forward) const;
  // The absolute frame indices of the human keyframes, in time order.
  QVector<qint64> humanFrames() const;

  // Label edits, each one undoable. Refused (editRefused) while edits are locked.
  void toggleKeyframe(int position);
  void setKeyframes(const QVector<int>& positions, const QString& text);
  void acceptModelKeyframes();
  void clearKeyframes();
  void setUnsure(bool unsure);        // needs a project
  void setNote(const QString& note);  // needs a project
  // Relevant windows (seconds) on the annotator's label: add one (merged with those it touches; the
  // keyframes become the sampled frames the windows cover) or remove one by index. Need a project.
  void addWindow(double start, double end);
  void removeWindow(int index);
  // The shown label's relevant windows: those drawn, else the ones its keyframes imply.
  QVector<QPair<double, double>> windows() const;
  // The annotator reviews the shown (another author's) label: 0 clears, 1 accepts, 2 rejects.
  void setReview(int state);
  // While labels are imported into the project, edits wait: `reason` says why (empty unlocks).
  void lockEdits(const QString& reason) { m_lockReason = reason; }
  bool editsLocked() const { return !m_lockReason.isEmpty(); }

  // The Answerer's answer on `frames` (absolute indices). Shown while the human keyframes are those frames:
  // an edit (or its undo) hides it, a redo back to the same frames shows it again.
  void setWhatIf(const engine::OptionScores& scores, const QVector<qint64>& frames);
  std::optional<engine::OptionScores> whatIf() const;

  // Baselines for the run still shown (same video, question and grid); others are ignored (false).
  bool addBaselines(const engine::ChainResult& withBaselines);
  void setBaselinesRunning(bool running);
  bool baselinesRunning() const { return m_baselinesRunning; }

  // Reads the human keyframes from the project again (after an import, or another writer).
  void reloadLabels();

Q_SIGNALS:
  void changed(sevila::studio::RunSession::Changes what);
  void editRefused(const QString& why);
  void saveFailed(const QString& message);

private:
  void record();
  QVector<int> humanFromLabel() const;
  void setHuman(QVector<int> positions);
  bool editAllowed();
  void pushUnsaved(const QVector<int>& positions, const QString& text);

  std::string m_author;
  std::string m_shownAuthor;  // empty: the annotator's own
  QUndoStack* m_undo;
  ProjectStore* m_store = nullptr;
  std::optional<engine::ChainResult> m_result;
  QString m_video;
  qint64 m_itemId = 0;
  qint64 m_runId = 0;
  int m_generation = 0;  // counts shown runs: an unsaved edit belongs to the run it was made on
  QVector<int> m_human;
  std::optional<engine::OptionScores> m_whatIf;
  QVector<qint64> m_whatIfFrames;
  bool m_baselinesRunning = false;
  QString m_lockReason;
};

}  // namespace sevila::studio

Q_DECLARE_OPERATORS_FOR_FLAGS(sevila::studio::RunSession::Changes)
