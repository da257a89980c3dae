// Open Model checks what a run needs before loading: the folder, the checkpoint and the tokenizer. On a
// problem it stays open, marks the field and says why.
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

#include "open_model_dialog.h"

using sevila::studio::ModelRequest;
using sevila::studio::ModelRequestProblem;
using sevila::studio::OpenModelDialog;

namespace {
const QString kTiny = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a");  // config.json, no spiece.model
const QString kTokenizer = QStringLiteral(SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model");
}  // namespace

class TestOpenModelDialog : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void requestsAreCheckedFieldByField() {
    using Field = ModelRequestProblem::Field;
    ModelRequest r;
    QVERIFY(checkModelRequest(r)->field == Field::Directory);
    r.directory = QStringLiteral(SEVILA_TEST_DATA "/media");  // a folder, not a model
    QVERIFY(checkModelRequest(r)->field == Field::Directory);
    QVERIFY(checkModelRequest(r)->message.contains("config.json"));
    r.directory = kTiny;
    QVERIFY(checkModelRequest(r)->field == Field::Tokenizer);
    QVERIFY(checkModelRequest(r)->message.contains("spiece.model"));
    r.tokenizer = kTiny + "/missing.model";
    QVERIFY(checkModelRequest(r)->field == Field::Tokenizer);
    r.tokenizer = kTokenizer;
    QVERIFY(!checkModelRequest(r));
    r.checkpoint = kTiny + "/missing.pth";
    QVERIFY(checkModelRequest(r)->field == Field::Checkpoint);
    r.checkpoint = kTiny + "/sevila.pth";
    QVERIFY(!checkModelRequest(r));
  }

  void staysOpenWithTheFieldMarked() {
    OpenModelDialog dialog;
    QVERIFY(dialog.minimumWidth() >= 600);  // room for paths
    ModelRequest r;
    r.directory = kTiny;
    r.precision = "bf16";
    dialog.setRequest(r);
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.problem().contains("spiece.model"));
    QVERIFY(dialog.markedField());
    QVERIFY(dialog.markedField()->placeholderText().contains("spiece.model"));
    // Typing clears the mark; a complete request is accepted and comes back whole.
    QTest::keyClicks(dialog.markedField(), kTokenizer);
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(!dialog.markedField());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ModelRequest back = dialog.request();
    QCOMPARE(back.directory, kTiny);
    QCOMPARE(back.tokenizer, kTokenizer);
    QCOMPARE(back.precision, QString("bf16"));
  }
};

QTEST_MAIN(TestOpenModelDialog)
#include "test_open_model_dialog.moc"
