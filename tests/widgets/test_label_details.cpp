#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QtTest>

#include "widgets/label_details.h"

using sevila::widgets::LabelDetails;
using sevila::widgets::LabelDetailsView;

namespace {
// bob's existing label on the item, shown to alice, who may review it.
LabelDetailsView bobsLabelForAlice() {
  LabelDetailsView v;
  v.editable = true;
  v.exists = true;
  v.author = "alice";
  v.authors = {"alice", "bob"};
  v.shownAuthor = "bob";
  v.updated = "2026-11-26T10:15:42Z";
  v.note = "bob's note";
  v.canReview = true;
  return v;
}
}  // namespace

class TestLabelDetails : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void initTestCase() {
    // Review times are shown in local time: a fixed zone nine hours east of UTC makes the text exact.
    qputenv("TZ", "JST-9");
  }

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
    QCOMPARE(unsure.count(), 1);                                    // showing the state is not an edit
    QVERIFY(!d.findChild<QComboBox*>("labelAuthor")->isVisible());  // one annotator: nothing to choose
  }

  void theAuthorSelectorListsAuthorsAndEmitsOnlyAChoice() {
    LabelDetails d;
    QSignalSpy chosen(&d, &LabelDetails::shownAuthorChanged);
    LabelDetailsView v = bobsLabelForAlice();
    v.authors = {"alice", "bob", "carol"};
    d.setView(v);
    d.setView(v);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* authors = d.findChild<QComboBox*>("labelAuthor");
    QVERIFY(authors && authors->isVisible());
    QCOMPARE(authors->count(), 3);
    QCOMPARE(authors->itemText(0), QString("alice (you)"));
    QCOMPARE(authors->itemText(1), QString("bob"));
    QCOMPARE(authors->itemText(2), QString("carol"));
    QCOMPARE(authors->currentIndex(), 1);
    QCOMPARE(d.findChild<QLabel*>("labelWho")->text(), QString("updated 2026-11-26 10:15"));
    QCOMPARE(chosen.count(), 0);  // showing a view is not a choice

    authors->setFocus();
    QTest::keyClick(authors, Qt::Key_Down);  // carol
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().at(0).toString(), QString("carol"));
    QCOMPARE(authors->currentIndex(), 1);  // the view decides: still bob until the owner shows carol's
    QTest::keyClick(authors, Qt::Key_Up);
    QCOMPARE(chosen.count(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QString("alice"));

    v.shownAuthor = "alice";  // the owner answers: alice's own label, not written yet
    v.exists = false;
    v.canReview = false;
    d.setView(v);
    QCOMPARE(authors->currentIndex(), 0);
    QCOMPARE(d.findChild<QLabel*>("labelWho")->text(), QString("no label yet"));
    QTest::keyClick(authors, Qt::Key_Up);  // already the first: no choice made
    QCOMPARE(chosen.count(), 2);
  }

  void anotherAuthorsLabelIsReadOnly() {
    LabelDetails d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* state = d.findChild<QComboBox*>("labelState");
    auto* note = d.findChild<QLineEdit*>("labelNote");
    QSignalSpy noted(&d, &LabelDetails::noteEdited);
    QSignalSpy unsure(&d, &LabelDetails::unsureChanged);
    d.setView(bobsLabelForAlice());
    QCOMPARE(note->text(), QString("bob's note"));
    QVERIFY(!state->isEnabled());
    QVERIFY(note->isEnabled() && note->isReadOnly());  // readable and copyable, not editable
    QVERIFY(note->toolTip().contains("bob's label"));
    QVERIFY(state->toolTip().contains("bob's label"));
    note->setFocus();
    QTest::keyClicks(note, "mine");
    QCOMPARE(note->text(), QString("bob's note"));
    Q_EMIT note->editingFinished();
    Q_EMIT state->activated(1);
    QCOMPARE(noted.count(), 0);
    QCOMPARE(unsure.count(), 0);

    LabelDetailsView own = bobsLabelForAlice();
    own.shownAuthor = "alice";
    own.note = "alice's note";
    own.canReview = false;
    d.setView(own);
    QVERIFY(state->isEnabled() && !note->isReadOnly());
    QCOMPARE(note->text(), QString("alice's note"));  // another label: its note, though the field has focus
    QVERIFY(!note->toolTip().contains("bob"));
    note->selectAll();
    QTest::keyClicks(note, "mine");
    Q_EMIT note->editingFinished();
    QCOMPARE(noted.count(), 1);
    QCOMPARE(noted.first().at(0).toString(), QString("mine"));
  }

  void reviewButtonsNeedCanReviewAndToggle() {
    LabelDetails d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    auto* accept = d.findChild<QToolButton*>("reviewAccept");
    auto* reject = d.findChild<QToolButton*>("reviewReject");
    QVERIFY(accept && reject);
    QSignalSpy requested(&d, &LabelDetails::reviewRequested);
    LabelDetailsView v = bobsLabelForAlice();
    v.canReview = false;  // e.g. alice has no name set
    d.setView(v);
    QVERIFY(!accept->isEnabled() && !reject->isEnabled());
    QTest::mouseClick(accept, Qt::LeftButton);
    QCOMPARE(requested.count(), 0);

    v.canReview = true;
    d.setView(v);
    QVERIFY(accept->isEnabled() && reject->isEnabled());
    QTest::mouseClick(accept, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(0).toInt(), 1);
    QVERIFY(!accept->isChecked());  // the view decides: nothing accepted until the owner says so
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.last().at(0).toInt(), 2);

    v.review = 1;
    v.reviewer = "alice";
    v.reviewed = "2026-12-05T10:00:00Z";
    d.setView(v);
    QVERIFY(accept->isChecked() && !reject->isChecked());
    QTest::mouseClick(accept, Qt::LeftButton);  // accepted already: withdraw
    QCOMPARE(requested.count(), 3);
    QCOMPARE(requested.last().at(0).toInt(), 0);
    QVERIFY(accept->isChecked());
    QTest::mouseClick(reject, Qt::LeftButton);  // accepted: reject instead
    QCOMPARE(requested.last().at(0).toInt(), 2);

    v.review = 2;
    d.setView(v);
    QVERIFY(!accept->isChecked() && reject->isChecked());
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(requested.count(), 5);
    QCOMPARE(requested.last().at(0).toInt(), 0);

    LabelDetailsView own = v;  // alice's own label: reviewed by someone else, not reviewable by her
    own.shownAuthor = "alice";
    own.canReview = false;
    d.setView(own);
    QVERIFY(!accept->isEnabled() && !reject->isEnabled());
    QVERIFY(reject->isChecked());  // the review still shows
  }

  void reviewStatusTexts() {
    LabelDetails d;
    auto* status = d.findChild<QLabel*>("reviewStatus");
    QVERIFY(status);
    LabelDetailsView v = bobsLabelForAlice();
    d.setView(v);
    QCOMPARE(status->text(), QString("Not reviewed"));
    QVERIFY(!status->font().bold());

    v.review = 1;
    v.reviewer = "alice";
    v.reviewed = "2026-12-05T10:00:00Z";
    d.setView(v);
    QCOMPARE(status->text(), QString("✓ Accepted by alice · 2026-12-05 19:00"));  // UTC+9
    QVERIFY(status->font().bold());
    const QColor accepted = status->palette().color(QPalette::WindowText);

    v.review = 2;
    v.reviewed = "2026-12-05T20:30:59.900Z";
    d.setView(v);
    QCOMPARE(status->text(), QString("✗ Rejected by alice · 2026-12-06 05:30"));
    const QColor rejected = status->palette().color(QPalette::WindowText);
    QVERIFY(accepted.green() > accepted.red() && rejected.red() > rejected.green());

    QPalette dark;  // the dark theme: the same meaning in lighter tones
    dark.setColor(QPalette::Window, QColor(40, 40, 40));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    d.setPalette(dark);
    QVERIFY(status->palette().color(QPalette::WindowText).lightness() > 128);
    QVERIFY(status->palette().color(QPalette::WindowText).red() > 200);

    v.reviewer.clear();
    v.reviewed.clear();
    d.setView(v);
    QCOMPARE(status->text(), QString("✗ Rejected"));
    v.exists = false;  // nothing to review
    d.setView(v);
    QCOMPARE(status->text(), QString());
    QCOMPARE(LabelDetails::reviewText(LabelDetailsView{}), QString());
  }

  void staysOneCompactRow() {
    LabelDetails d;
    LabelDetailsView v = bobsLabelForAlice();
    v.review = 1;
    v.reviewer = "alice";
    v.reviewed = "2026-12-05T10:00:00Z";
    d.setView(v);
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY2(d.sizeHint().height() <= 40, qPrintable(QString::number(d.sizeHint().height())));
    QVERIFY2(d.minimumSizeHint().width() < 1366 - 40,
             qPrintable(QString::number(d.minimumSizeHint().width())));  // fits the dock on a 1366 px screen
    const int y = d.findChild<QWidget*>("labelAuthor")->geometry().center().y();
    for (const char* name : {"labelState", "labelNote", "reviewStatus", "reviewAccept", "reviewReject"})
      QVERIFY2(qAbs(d.findChild<QWidget*>(name)->geometry().center().y() - y) <= 2, name);  // one row
    QVERIFY(d.findChild<QWidget*>("reviewReject")->geometry().left() >
            d.findChild<QWidget*>("labelNote")->geometry().right());  // review controls at the end
  }
};

QTEST_MAIN(TestLabelDetails)
#include "test_label_details.moc"
