#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

#include "widgets/label_details.h"

using sevila::widgets::LabelDetails;
using sevila::widgets::LabelDetailsView;

class TestLabelDetails : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void editsNeedALabelAndAreEmittedOnce() {
    LabelDetails d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* state = d.findChild<QComboBox*>("labelState");
    auto* note = d.findChild<QLineEdit*>("labelNote");
    QVERIFY(state && note);
    QVERIFY(!state->isEnabled() && !note->isEnabled());  // nothing to annotate before a run

    LabelDetailsView v;
    v.editable = true;
    v.author = "ana";
    d.setView(v);
    QVERIFY(!note->isEnabled());  // keyframes first: a label exists once one is toggled
    QVERIFY(d.findChild<QLabel*>()->text().contains("ana: no label yet"));

    v.exists = true;
    v.updated = "2026-11-26T10:15:42.123Z";
    v.note = "first";
    d.setView(v);
    QVERIFY(note->isEnabled() && state->isEnabled());
    QCOMPARE(note->text(), QString("first"));
    QVERIFY(d.findChild<QLabel*>()->text().contains("2026-11-26 10:15"));

    QSignalSpy noted(&d, &LabelDetails::noteEdited);
    QSignalSpy unsure(&d, &LabelDetails::unsureChanged);
    note->setText("second");
    Q_EMIT note->editingFinished();
    QCOMPARE(noted.count(), 1);
    QCOMPARE(noted.first().at(0).toString(), QString("second"));
    v.note = "second";
    d.setView(v);
    Q_EMIT note->editingFinished();  // unchanged text: no new edit
    QCOMPARE(noted.count(), 1);

    Q_EMIT state->activated(1);
    QCOMPARE(unsure.count(), 1);
    QCOMPARE(unsure.first().at(0).toBool(), true);
    Q_EMIT state->activated(0);  // already confirmed in the view: no edit
    QCOMPARE(unsure.count(), 1);
    v.unsure = true;
    d.setView(v);
    QCOMPARE(state->currentIndex(), 1);
    QCOMPARE(unsure.count(), 1);  // showing the state is not an edit
  }
};

QTEST_MAIN(TestLabelDetails)
#include "test_label_details.moc"
