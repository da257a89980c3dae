// The agreement table: counts, percentages and kappa as given ("—" when undefined), sortable by kappa with
// undefined values last, the CSV copy, and the empty state.
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtTest>
#include <cmath>

#include "widgets/agreement_dialog.h"

using sevila::widgets::AgreementDialog;
using sevila::widgets::AgreementRow;

namespace {
QVector<AgreementRow> threePairs() {
  AgreementRow ab;
  ab.authorA = "alice";
  ab.authorB = "bob";
  ab.items = 3;
  ab.tp = 10, ab.fp = 2, ab.fn = 3, ab.tn = 85;
  ab.percentAgreement = 95.0;
  ab.kappa = 0.76744;
  AgreementRow ac;  // neither marked anything: kappa undefined
  ac.authorA = "alice";
  ac.authorB = "carol, PhD";
  ac.items = 1;
  ac.tn = 32;
  ac.percentAgreement = 100.0;
  AgreementRow bc;
  bc.authorA = "bob";
  bc.authorB = "carol, PhD";
  bc.items = 2;
  bc.tp = 1, bc.fp = 5, bc.fn = 4, bc.tn = 54;
  bc.percentAgreement = 85.9375;
  bc.kappa = 0.1136;
  return {ab, ac, bc};
}

QStringList column(const QTableView* table, int col) {
  QStringList out;
  for (int r = 0; r < table->model()->rowCount(); ++r) out << table->model()->index(r, col).data().toString();
  return out;
}
}  // namespace

class TestAgreementDialog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void initTestCase() { QLocale::setDefault(QLocale::c()); }

  void showsTheRowsAsGiven() {
    AgreementDialog dialog;
    QCOMPARE(dialog.objectName(), QString("agreementDialog"));
    QVector<AgreementRow> rows = threePairs();
    rows.removeLast();
    dialog.setRows(rows, "Project: demo.sevila · dataset nextqa");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* table = dialog.findChild<QTableView*>("agreementTable");
    QVERIFY(table && table->isVisible());
    QVERIFY(!dialog.findChild<QLabel*>("agreementEmpty")->isVisible());
    QCOMPARE(dialog.findChild<QLabel*>("agreementScope")->text(),
             QString("Project: demo.sevila · dataset nextqa"));
    const QAbstractItemModel* model = table->model();
    QCOMPARE(model->columnCount(), 10);
    QStringList headers;
    for (int c = 0; c < model->columnCount(); ++c) headers << model->headerData(c, Qt::Horizontal).toString();
    QCOMPARE(headers, QStringList({"Annotator A", "Annotator B", "Items", "Frames compared", "Both yes",
                                   "Only A", "Only B", "Both no", "Agreement (%)", "Cohen's κ"}));
    QCOMPARE(model->rowCount(), 2);
    QStringList first, second;
    for (int c = 0; c < 10; ++c) {
      first << model->index(0, c).data().toString();
      second << model->index(1, c).data().toString();
    }
    QCOMPARE(first, QStringList({"alice", "bob", "3", "100", "10", "2", "3", "85", "95.0", "0.77"}));
    QCOMPARE(second, QStringList({"alice", "carol, PhD", "1", "32", "0", "0", "0", "32", "100.0", "—"}));
    QVERIFY(model->index(0, AgreementDialog::Kappa).data(Qt::ToolTipRole).toString().contains("Substantial"));
    const QString help = dialog.findChild<QLabel*>("agreementHelp")->text();
    QVERIFY(help.contains("1 = perfect") && help.contains("0 = no better than chance"));
    QVERIFY(help.contains("<0.4 poor, 0.4–0.6 moderate, 0.6–0.8 substantial, >0.8 almost perfect"));
  }

  void sortsByKappaWithUndefinedLast() {
    AgreementDialog dialog;
    dialog.setRows(threePairs(), "Project: demo.sevila");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* table = dialog.findChild<QTableView*>("agreementTable");
    QCOMPARE(column(table, AgreementDialog::Kappa), QStringList({"0.77", "—", "0.11"}));  // the given order
    QHeaderView* header = table->horizontalHeader();
    const QPoint kappaHeader(header->sectionViewportPosition(AgreementDialog::Kappa) +
                                 header->sectionSize(AgreementDialog::Kappa) / 2,
                             header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, kappaHeader);
    QCOMPARE(header->sortIndicatorSection(), int(AgreementDialog::Kappa));
    const bool descending = header->sortIndicatorOrder() == Qt::DescendingOrder;
    const QStringList down = {"0.77", "0.11", "—"}, up = {"—", "0.11", "0.77"};
    QCOMPARE(column(table, AgreementDialog::Kappa), descending ? down : up);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, kappaHeader);
    QCOMPARE(column(table, AgreementDialog::Kappa), descending ? up : down);
    QCOMPARE(column(table, AgreementDialog::AuthorB).last(),
             descending ? QString("bob") : QString("carol, PhD"));

    dialog.setRows(threePairs(), "Project: demo.sevila");  // new rows keep the user's sort
    QCOMPARE(column(table, AgreementDialog::Kappa), descending ? up : down);
  }

  void copiesCsvInTheShownOrder() {
    AgreementDialog dialog;
    dialog.setRows(threePairs(), "Project: demo.sevila");
    const QString header =
        "Annotator A,Annotator B,Items,Frames compared,Both yes,Only A,Only B,Both no,Agreement (%),Cohen's "
        "kappa\n";
    QCOMPARE(dialog.csv(), header +
                               "alice,bob,3,100,10,2,3,85,95.00,0.7674\n"
                               "alice,\"carol, PhD\",1,32,0,0,0,32,100.00,\n"
                               "bob,\"carol, PhD\",2,64,1,5,4,54,85.94,0.1136\n");
    auto* table = dialog.findChild<QTableView*>("agreementTable");
    table->sortByColumn(AgreementDialog::Kappa, Qt::AscendingOrder);
    QCOMPARE(dialog.csv(), header +
                               "alice,\"carol, PhD\",1,32,0,0,0,32,100.00,\n"
                               "bob,\"carol, PhD\",2,64,1,5,4,54,85.94,0.1136\n"
                               "alice,bob,3,100,10,2,3,85,95.00,0.7674\n");
    auto* copy = dialog.findChild<QPushButton*>("copyAgreementCsv");
    QVERIFY(copy && copy->isEnabled());
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), dialog.csv());
  }

  void emptyStateWhenNoPairs() {
    AgreementDialog dialog;
    dialog.setRows({}, "Project: demo.sevila");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* empty = dialog.findChild<QLabel*>("agreementEmpty");
    QVERIFY(empty && empty->isVisible());
    QCOMPARE(empty->text(), QString("No two annotators labelled the same item yet."));
    QVERIFY(!dialog.findChild<QTableView*>("agreementTable")->isVisible());
    QVERIFY(!dialog.findChild<QPushButton*>("copyAgreementCsv")->isEnabled());

    dialog.setRows(threePairs(), "Project: demo.sevila");  // rows arrive: the table replaces the message
    QVERIFY(!empty->isVisible());
    QVERIFY(dialog.findChild<QTableView*>("agreementTable")->isVisible());
  }
};

QTEST_MAIN(TestAgreementDialog)
#include "test_agreement_dialog.moc"
