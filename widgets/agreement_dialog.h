// Annotator agreement: one row per pair of annotators who labelled the same items, with the frame counts
// (both marked, only one, neither), percent agreement and Cohen's kappa, plus a line on how to read kappa.
// It only renders the rows it is given (the studio computes them) and copies them as CSV.
#pragma once

#include <QDialog>
#include <QString>
#include <QVector>
#include <limits>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace sevila::widgets {

struct AgreementRow {
  QString authorA, authorB;
  qint64 items = 0;                                         // items both annotators labelled
  qint64 tp = 0, fp = 0, fn = 0, tn = 0;                    // frames: both yes, only A, only B, both no
  double kappa = std::numeric_limits<double>::quiet_NaN();  // Cohen's kappa; NaN: undefined
  double percentAgreement = std::numeric_limits<double>::quiet_NaN();  // 0..100; NaN: no frames
};

class AgreementDialog : public QDialog {
  Q_OBJECT
public:
  enum Column {
    AuthorA,
    AuthorB,
    Items,
    Frames,
    BothYes,
    OnlyA,
    OnlyB,
    BothNo,
    Agreement,
    Kappa,
    ColumnCount
  };

  explicit AgreementDialog(QWidget* parent = nullptr);

  // Shows `rows` (in this order until the user sorts) under `scope`, e.g. "Project: demo.sevila · dataset
  // nextqa"; no rows shows the empty-state message instead of the table.
  void setRows(const QVector<AgreementRow>& rows, const QString& scope);
  const QVector<AgreementRow>& rows() const { return m_rows; }

  // The table as CSV in the order shown: a header row, then one line per pair; numbers with a '.' decimal
  // point (agreement to 2 decimals, kappa to 4), an undefined value as an empty field, names quoted when
  // they need it (RFC 4180), lines ending in '\n'.
  QString csv() const;

public Q_SLOTS:
  void copyCsv();  // puts csv() on the clipboard

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void fill();

  QVector<AgreementRow> m_rows;
  QString m_scope;
  QLabel* m_scopeLabel;
  QTableView* m_table;
  QStandardItemModel* m_model;
  QLabel* m_empty;
  QLabel* m_help;
  QPushButton* m_copy;
};

}  // namespace sevila::widgets
