#include <QtTest>
#include <cmath>

#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_summary.h"
#include "widgets/dataset_table_model.h"

using sevila::widgets::AccuracyCount;
using sevila::widgets::DatasetFilterModel;
using sevila::widgets::DatasetRow;
using sevila::widgets::DatasetSummary;
using sevila::widgets::DatasetTableModel;
using sevila::widgets::summarize;

namespace {

DatasetRow row(const char* qid, int answer, int truth, double confidence) {
  DatasetRow r;
  r.qid = QString::fromLatin1(qid);
  r.type = r.qid.left(2);
  r.question = QStringLiteral("question of ") + r.qid;
  r.modelAnswer = answer;
  r.groundTruth = truth;
  r.confidence = confidence;
  r.hasRun = answer >= 0;
  return r;
}

// Ten items; the comment says what each contributes (bin = histogram bin of 10).
std::vector<DatasetRow> rows() {
  return {
      row("CW_1_0", 1, 1, 1.0),    // right, confidence exactly 1: the last bin (9)
      row("CW_1_1", 2, 2, 0.95),   // right, bin 9
      row("CW_1_2", 0, 3, 0.3),    // wrong, bin 3 (0.3 * 10 is not below 3)
      row("TN_2_0", 4, 4, 0.0),    // right, bin 0
      row("TN_2_1", 1, 0, 0.7),    // wrong, bin 7
      row("TN_2_2", 0, 1, 0.1),    // wrong, bin 1
      row("DO_3_0", 2, -1, 0.55),  // ground truth unknown: not answered, "unknown" in bin 5
      row("DO_3_1", -1, 2, -1),    // no run: not answered, in no bin
      row("TC_4_0", 3, 1, 0.999),  // wrong, bin 9
      row("CH_5_0", 0, 0, 0.2),    // right, bin 2
  };
}

QVector<int> bins(std::initializer_list<std::pair<int, int>> nonZero, int n = 10) {
  QVector<int> v(n, 0);
  for (auto [bin, count] : nonZero) v[bin] = count;
  return v;
}

struct Models {
  DatasetTableModel table;
  DatasetFilterModel filter;
  Models() {
    filter.setSourceModel(&table);
    table.setRows(rows());
  }
};

}  // namespace

class TestDatasetSummary : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void percent() {
    QCOMPARE(AccuracyCount{}.percent(), 0.0);
    QCOMPARE((AccuracyCount{46, 75}.percent()), 100.0 * 46 / 75);
    QCOMPARE((AccuracyCount{3, 3}.percent()), 100.0);
  }

  void everyRow() {
    Models m;
    const DatasetSummary s = summarize(m.filter);
    QCOMPARE(s.items, 10);
    QCOMPARE(s.all.right, 4);
    QCOMPARE(s.all.answered, 8);
    QCOMPARE(s.all.percent(), 50.0);
    // Every type present, DO with nothing answered.
    QCOMPARE(s.byType.keys(), (QStringList{"CH", "CW", "DO", "TC", "TN"}));
    QCOMPARE(s.byType["CW"], (AccuracyCount{2, 3}));
    QCOMPARE(s.byType["TN"], (AccuracyCount{1, 3}));
    QCOMPARE(s.byType["DO"], (AccuracyCount{0, 0}));
    QCOMPARE(s.byType["TC"], (AccuracyCount{0, 1}));
    QCOMPARE(s.byType["CH"], (AccuracyCount{1, 1}));
    QCOMPARE(s.confidenceRight, bins({{0, 1}, {2, 1}, {9, 2}}));
    QCOMPARE(s.confidenceWrong, bins({{1, 1}, {3, 1}, {7, 1}, {9, 1}}));
    QCOMPARE(s.confidenceUnknown, bins({{5, 1}}));
  }

  void onlyFilteredRowsCount() {
    Models m;
    m.filter.setWrongOnly(true);
    DatasetSummary s = summarize(m.filter);
    QCOMPARE(s.items, 4);
    QCOMPARE(s.all, (AccuracyCount{0, 4}));
    QCOMPARE(s.byType.keys(), (QStringList{"CW", "TC", "TN"}));
    QCOMPARE(s.byType["TN"], (AccuracyCount{0, 2}));
    QCOMPARE(s.confidenceRight, bins({}));
    QCOMPARE(s.confidenceWrong, bins({{1, 1}, {3, 1}, {7, 1}, {9, 1}}));

    m.filter.setWrongOnly(false);
    m.filter.setSearchText("tn_2");
    s = summarize(m.filter);
    QCOMPARE(s.items, 3);
    QCOMPARE(s.all, (AccuracyCount{1, 3}));
    QCOMPARE(s.byType.keys(), QStringList{"TN"});

    // The top bar's range takes 1.0 as well as 0.95 and 0.999.
    m.filter.setSearchText(QString());
    m.filter.setConfidenceRange(0.9, 1.0);
    s = summarize(m.filter);
    QCOMPARE(s.items, 3);
    QCOMPARE(s.all, (AccuracyCount{2, 3}));
    QCOMPARE(s.confidenceRight, bins({{9, 2}}));
    QCOMPARE(s.confidenceWrong, bins({{9, 1}}));
  }

  void otherBinCounts() {
    Models m;
    const DatasetSummary s = summarize(m.filter, 5);
    QCOMPARE(s.confidenceRight, bins({{0, 1}, {1, 1}, {4, 2}}, 5));          // 0.0; 0.2; 1.0, 0.95
    QCOMPARE(s.confidenceWrong, bins({{0, 1}, {1, 1}, {3, 1}, {4, 1}}, 5));  // 0.1; 0.3; 0.7; 0.999
    QCOMPARE(s.confidenceUnknown, bins({{2, 1}}, 5));
  }

  void emptyModel() {
    DatasetTableModel table;
    DatasetFilterModel filter;
    filter.setSourceModel(&table);
    const DatasetSummary s = summarize(filter);
    QCOMPARE(s.items, 0);
    QCOMPARE(s.all, AccuracyCount{});
    QVERIFY(s.byType.isEmpty());
    QCOMPARE(s.confidenceRight, bins({}));
  }

  // A bar's filter range holds exactly the values the histogram puts in that bar, including values
  // where confidence * bins rounds onto a boundary.
  void binsAgreeWithTheFilterRange() {
    for (int n : {3, 7, 10, 20}) {
      QVector<double> values;
      for (int k = 0; k <= 1000; ++k) {
        const double c = k / 1000.0;
        values << c << std::nextafter(c, 0.0) << std::nextafter(c, 1.0);
      }
      for (int b = 0; b <= n; ++b) {
        const double edge = double(b) / n;
        values << edge << std::nextafter(edge, 0.0) << std::nextafter(edge, 1.0);
      }
      for (double c : values) {
        if (c < 0 || c > 1) continue;
        const int bin = sevila::widgets::confidenceBin(c, n);
        QVERIFY(bin >= 0 && bin < n);
        for (int b = 0; b < n; ++b) {
          const bool in = DatasetFilterModel::confidenceInRange(c, sevila::widgets::confidenceBinLow(b, n),
                                                                sevila::widgets::confidenceBinHigh(b, n));
          if (in != (b == bin))
            QFAIL(qPrintable(QString("confidence %1, %2 bins: histogram bin %3, range of bin %4 %5")
                                 .arg(c, 0, 'g', 17)
                                 .arg(n)
                                 .arg(bin)
                                 .arg(b)
                                 .arg(in ? "holds it" : "does not hold it")));
        }
      }
    }
  }
};

QTEST_MAIN(TestDatasetSummary)
#include "test_dataset_summary.moc"
