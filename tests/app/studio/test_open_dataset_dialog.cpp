// Open Dataset starts from the source opened last and gives back what the user chose.
#include <QtTest>

#include "open_dataset_dialog.h"

class TestOpenDatasetDialog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void startsFromAGivenSource() {
    sevila::studio::OpenDatasetDialog dialog;
    const sevila::studio::DatasetSource last{
        "vlep", QStringLiteral(SEVILA_TEST_DATA "/datasets/nextqa/val_sample.csv"),
        QStringLiteral(SEVILA_TEST_DATA "/media"), "/runs/results.jsonl"};
    dialog.setSource(last);
    const auto back = dialog.source();
    QCOMPARE(back.dataset, QString("vlep"));
    QCOMPARE(back.annotations, last.annotations);
    QCOMPARE(back.videos, last.videos);
    QCOMPARE(back.results, last.results);
    // An unknown kind keeps the list's choice; the paths still come back.
    dialog.setSource({"no-such-kind", "/a.csv", "/v", ""});
    QVERIFY(dialog.source().dataset == "vlep");
    QCOMPARE(dialog.source().annotations, QString("/a.csv"));
  }
};

QTEST_MAIN(TestOpenDatasetDialog)
#include "test_open_dataset_dialog.moc"
