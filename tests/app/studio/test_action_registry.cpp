// Actions by id: registered once, found by id, the user's shortcuts applied, clashes found.
#include <stdexcept>

#include <QAction>
#include <QtTest>

#include "action_registry.h"

using sevila::studio::ActionRegistry;

class TestActionRegistry : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void registersOnceAndAppliesTheUsersShortcuts() {
    QObject owner;
    ActionRegistry registry;
    QAction* play =
        registry.add("actionPlayPause", new QAction("&Play / Pause", &owner), QKeySequence(Qt::Key_Space));
    QAction* mark = registry.add("actionToggleKeyframe", new QAction("&Toggle Keyframe", &owner),
                                 QKeySequence(Qt::Key_M));
    registry.add("actionSeparatorLike", new QAction(&owner));  // no text: not offered in the editor
    QCOMPARE(play->objectName(), QString("actionPlayPause"));
    QCOMPARE(play->shortcut(), QKeySequence(Qt::Key_Space));
    QCOMPARE(registry.action("actionToggleKeyframe"), mark);
    QCOMPARE(registry.action("actionMissing"), static_cast<QAction*>(nullptr));
    QCOMPARE(registry.ids(), (QStringList{"actionPlayPause", "actionToggleKeyframe", "actionSeparatorLike"}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.add("actionPlayPause", new QAction(&owner)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.add("", new QAction(&owner)));

    // The user's choice wins, an empty one removes the shortcut, unknown ids are ignored.
    registry.applyShortcuts({{"actionPlayPause", "P"}, {"actionToggleKeyframe", ""}, {"actionGone", "X"}});
    QCOMPARE(play->shortcut(), QKeySequence(Qt::Key_P));
    QVERIFY(mark->shortcut().isEmpty());
    // Tooltips name the key in force.
    QCOMPARE(play->toolTip(), QString("Play / Pause (P)"));
    QCOMPARE(mark->toolTip(), QString("Toggle Keyframe"));
    QCOMPARE(registry.defaultShortcut("actionPlayPause"), QKeySequence(Qt::Key_Space));
    // Without a user entry the default comes back.
    registry.applyShortcuts({});
    QCOMPARE(play->shortcut(), QKeySequence(Qt::Key_Space));
    QCOMPARE(mark->shortcut(), QKeySequence(Qt::Key_M));

    const auto entries = registry.shortcutEntries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].id, QString("actionPlayPause"));
    QCOMPARE(entries[0].description, QString("Play / Pause"));
    QCOMPARE(entries[1].defaultSequence, QKeySequence(Qt::Key_M));
  }

  void findsClashingShortcuts() {
    QObject owner;
    ActionRegistry registry;
    registry.add("a", new QAction("A", &owner), QKeySequence(Qt::Key_M));
    registry.add("b", new QAction("B", &owner), QKeySequence(Qt::Key_N));
    registry.add("c", new QAction("C", &owner));
    QVERIFY(registry.conflicts().isEmpty());
    registry.applyShortcuts({{"c", "M"}});
    QCOMPARE(registry.conflicts(), (QStringList{"a", "c"}));
  }
};

QTEST_MAIN(TestActionRegistry)
#include "test_action_registry.moc"
