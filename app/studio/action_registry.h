// The studio's actions, each registered once under a stable id (also its objectName): menus show them,
// the shortcut editor lists them, the user's shortcuts apply to them, and tests trigger them by id.
#pragma once

#include <QKeySequence>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include "widgets/shortcut_editor.h"

class QAction;

namespace sevila::studio {

class ActionRegistry {
public:
  // Registers `action` under `id` with its default shortcut, and sets both on it. Throws
  // std::invalid_argument when the id is empty or already taken: ids name settings, so they must be unique.
  QAction* add(const QString& id, QAction* action, const QKeySequence& defaultShortcut = {});

  QAction* action(const QString& id) const;         // null for an unknown id
  const QStringList& ids() const { return m_ids; }  // in registration order
  QKeySequence defaultShortcut(const QString& id) const { return m_defaults.value(id); }

  // Each action gets the user's shortcut where one is given (an empty one removes it), else its default.
  // Ids of actions that no longer exist are ignored. Tooltips name the shortcut ("Play / Pause (Space)").
  void applyShortcuts(const QMap<QString, QString>& user);

  // One entry per action with text, for the shortcut editor.
  QVector<widgets::ShortcutEntry> shortcutEntries() const;

  // Ids whose current shortcut is also another action's, in registration order.
  QStringList conflicts() const;

private:
  static void showShortcutInToolTip(QAction* action);

  QStringList m_ids;
  QMap<QString, QAction*> m_actions;
  QMap<QString, QKeySequence> m_defaults;
};

}  // namespace sevila::studio
