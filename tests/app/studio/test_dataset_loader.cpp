// DatasetLoader: a dataset is read off the GUI thread, a newer request supersedes one in flight, and the
// label columns come from the project in one query.
#include <QTemporaryDir>
#include <QtTest>

#include "dataset_loader.h"
#include "project_store.h"

using sevila::studio::DatasetLoader;
using sevila::studio::DatasetSource;

namespace {
DatasetSource nextqa(const QString& csv) {
  DatasetSource s;
  s.dataset = "nextqa";
  s.annotations = csv;
  s.videos = QStringLiteral(SEVILA_TEST_DATA "/media");
  return s;
}
}  // namespace

class TestDatasetLoader : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void newerRequestSupersedesTheOneInFlight() {
    DatasetLoader loader;
    QSignalSpy loaded(&loader, &DatasetLoader::loaded);
    QSignalSpy failed(&loader, &DatasetLoader::failed);
    loader.load(nextqa(SEVILA_TEST_DATA "/datasets/nextqa/val_sample.csv"), {}, "ana");
    loader.load(nextqa(SEVILA_TEST_DATA "/cli/nextqa_3.csv"), {}, "ana");  // before the first finished
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QTest::qWait(200);
    QCOMPARE(loaded.count(), 1);  // the superseded load is never reported
    QVERIFY(failed.isEmpty());
    const auto load = loader.take();
    QCOMPARE(int(load.rows.size()), 3);
    QCOMPARE(load.session->source().annotations, QString(SEVILA_TEST_DATA "/cli/nextqa_3.csv"));
  }

  void labelColumnsComeFromTheProject() {
    QTemporaryDir dir;
    const QString project = dir.filePath("p.sevila");
    {
      sevila::studio::ProjectStore store(project);
      sevila::studio::ItemRecord item;
      item.dataset = "nextqa";
      item.qid = "CW_1002_2";
      sevila::studio::KeyframeLabel label;
      label.itemId = store.upsertItem(item);
      label.author = "ana";
      label.fps = 25;
      label.grid.frameIndices = {2, 6, 10};
      label.grid.timestamps = {0.08, 0.24, 0.4};
      label.keyframes = {1};
      store.putLabel(label);
      label.author = "ben";  // another author's label is not this author's column
      label.itemId = store.upsertItem([] {
        sevila::studio::ItemRecord other;
        other.dataset = "nextqa";
        other.qid = "TN_1003_3";
        return other;
      }());
      store.putLabel(label);
    }
    DatasetLoader loader;
    QSignalSpy loaded(&loader, &DatasetLoader::loaded);
    loader.load(nextqa(SEVILA_TEST_DATA "/cli/nextqa_3.csv"), project, "ana");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    const auto load = loader.take();
    QVERIFY(load.labelError.isEmpty());
    QStringList labelled;
    for (const auto& row : load.rows)
      if (row.labelled) labelled << row.qid;
    QCOMPARE(labelled, QStringList{"CW_1002_2"});
  }

  void aBadFileFailsWithItsName() {
    DatasetLoader loader;
    QSignalSpy failed(&loader, &DatasetLoader::failed);
    loader.load(nextqa(SEVILA_TEST_DATA "/media/README.md"), {}, "ana");
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY(failed.first().at(0).toString().contains("README.md"));
  }
};

QTEST_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
