#include "action_registry.h"

#include <stdexcept>

#include <QAction>

namespace sevila::studio {

QAction* ActionRegistry::add(const QString& id, QAction* action, const QKeySequence& defaultShortcut) {
  if (id.isEmpty() || m_actions.contains(id))
    throw std::invalid_argument("action id \"" + id.toStdString() + "\" is empty or registered twice");
  action->setObjectName(id);
  action->setShortcut(defaultShortcut);
  showShortcutInToolTip(action);
  m_ids << id;
  m_actions.insert(id, action);
  m_defaults.insert(id, defaultShortcut);
  return action;
}

void ActionRegistry::showShortcutInToolTip(QAction* action) {
  const QString text = QString(action->text()).remove('&');
  if (text.isEmpty()) return;
  const QKeySequence key = action->shortcut();
  action->setToolTip(
      key.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
}

QAction* ActionRegistry::action(const QString& id) const {
  return m_actions.value(id);
}

void ActionRegistry::applyShortcuts(const QMap<QString, QString>& user) {
  for (const QString& id : m_ids) {
    const auto mine = user.find(id);
    m_actions[id]->setShortcut(mine == user.end() ? m_defaults[id] : QKeySequence(*mine));
    showShortcutInToolTip(m_actions[id]);
  }
}

QVector<widgets::ShortcutEntry> ActionRegistry::shortcutEntries() const {
  QVector<widgets::ShortcutEntry> entries;
  for (const QString& id : m_ids) {
    const QAction* a = m_actions[id];
    if (a->text().isEmpty()) continue;
    entries.push_back(
        widgets::ShortcutEntry{id, QString(a->text()).remove('&'), m_defaults[id], a->shortcut()});
  }
  return entries;
}

QStringList ActionRegistry::conflicts() const {
  QMap<QKeySequence, int> uses;
  for (const QString& id : m_ids)
    if (!m_actions[id]->shortcut().isEmpty()) ++uses[m_actions[id]->shortcut()];
  QStringList clashing;
  for (const QString& id : m_ids)
    if (uses.value(m_actions[id]->shortcut()) > 1) clashing << id;
  return clashing;
}

}  // namespace sevila::studio
