#include "widgets/agreement_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace sevila::widgets {

namespace {
constexpr int kSortRole = Qt::UserRole;
constexpr int kRowRole = Qt::UserRole + 1;  // the row's index in rows(), on the first column

QString csvField(const QString& s) {
  if (!s.contains(',') && !s.contains('"') && !s.contains('\n') && !s.contains('\r')) return s;
  return '"' + QString(s).replace('"', QStringLiteral("\"\"")) + '"';
}

QString csvNumber(double v, int decimals) {
  return std::isnan(v) ? QString() : QString::number(v, 'f', decimals);
}
}  // namespace

AgreementDialog::AgreementDialog(QWidget* parent)
    : QDialog(parent),
      m_scopeLabel(new QLabel(this)),
      m_table(new QTableView(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_empty(new QLabel(this)),
      m_help(new QLabel(this)),
      m_copy(nullptr) {
  setObjectName("agreementDialog");
  resize(860, 360);
  m_scopeLabel->setObjectName("agreementScope");
  m_scopeLabel->setTextFormat(Qt::PlainText);
  m_table->setObjectName("agreementTable");
  m_model->setSortRole(kSortRole);
  m_table->setModel(m_model);
  m_table->setSortingEnabled(true);
  m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // the given order until sorted
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->setAlternatingRowColors(true);
  m_empty->setObjectName("agreementEmpty");
  m_empty->setAlignment(Qt::AlignCenter);
  m_empty->setWordWrap(true);
  m_help->setObjectName("agreementHelp");
  m_help->setTextFormat(Qt::PlainText);
  m_help->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_scopeLabel);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_empty, 1);
  layout->addWidget(m_help);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  m_copy = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
  m_copy->setObjectName("copyAgreementCsv");
  connect(m_copy, &QPushButton::clicked, this, &AgreementDialog::copyCsv);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  retranslate();
}

void AgreementDialog::retranslate() {
  setWindowTitle(tr("Annotator Agreement"));
  m_model->setHorizontalHeaderLabels({tr("Annotator A"), tr("Annotator B"), tr("Items"),
                                      tr("Frames compared"), tr("Both yes"), tr("Only A"), tr("Only B"),
                                      tr("Both no"), tr("Agreement (%)"), tr("Cohen's κ")});
  m_empty->setText(tr("No two annotators labelled the same item yet."));
  m_help->setText(tr(
      "Frames compared: the sampled frames of the items both annotators labelled; “Both yes” are frames both "
      "marked as keyframes, “Only A” frames only A marked. Cohen's κ is the agreement corrected for chance: "
      "1 = perfect, 0 = no better than chance, below 0 = worse. Landis & Koch: <0.4 poor, 0.4–0.6 moderate, "
      "0.6–0.8 substantial, >0.8 almost perfect."));
  m_copy->setText(tr("&Copy as CSV"));
  fill();
}

void AgreementDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void AgreementDialog::setRows(const QVector<AgreementRow>& rows, const QString& scope) {
  m_rows = rows;
  m_scope = scope;
  fill();
}

void AgreementDialog::fill() {
  m_scopeLabel->setText(m_scope);
  m_scopeLabel->setVisible(!m_scope.isEmpty());
  m_model->removeRows(0, m_model->rowCount());
  const QLocale locale;
  for (int r = 0; r < m_rows.size(); ++r) {
    const AgreementRow& row = m_rows[r];
    auto text = [](const QString& s) {
      auto* item = new QStandardItem(s);
      item->setData(s.toLower(), kSortRole);
      return item;
    };
    auto count = [&locale](qint64 n) {
      auto* item = new QStandardItem(locale.toString(n));
      item->setData(n, kSortRole);
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      return item;
    };
    // Undefined values sort below every number.
    auto real = [&locale](double v, int decimals) {
      const bool nan = std::isnan(v);
      auto* item = new QStandardItem(nan ? QStringLiteral("—") : locale.toString(v, 'f', decimals));
      item->setData(nan ? -std::numeric_limits<double>::infinity() : v, kSortRole);
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      return item;
    };
    QList<QStandardItem*> items = {text(row.authorA),
                                   text(row.authorB),
                                   count(row.items),
                                   count(row.tp + row.fp + row.fn + row.tn),
                                   count(row.tp),
                                   count(row.fp),
                                   count(row.fn),
                                   count(row.tn),
                                   real(row.percentAgreement, 1),
                                   real(row.kappa, 2)};
    items[AuthorA]->setData(r, kRowRole);
    QString band;
    if (std::isnan(row.kappa))
      band = tr("Undefined: too few frames, or one annotator marked all or none of them");
    else if (row.kappa < 0.4)
      band = tr("Poor agreement (Landis & Koch)");
    else if (row.kappa < 0.6)
      band = tr("Moderate agreement (Landis & Koch)");
    else if (row.kappa < 0.8)
      band = tr("Substantial agreement (Landis & Koch)");
    else
      band = tr("Almost perfect agreement (Landis & Koch)");
    items[Kappa]->setToolTip(band);
    m_model->appendRow(items);
  }
  const QHeaderView* header = m_table->horizontalHeader();
  if (header->sortIndicatorSection() >= 0 && header->sortIndicatorSection() < ColumnCount)
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
  m_table->resizeColumnsToContents();
  m_table->setVisible(!m_rows.isEmpty());
  m_empty->setVisible(m_rows.isEmpty());
  m_copy->setEnabled(!m_rows.isEmpty());
}

QString AgreementDialog::csv() const {
  QString out = QStringLiteral(
      "Annotator A,Annotator B,Items,Frames compared,Both yes,Only A,Only B,Both no,Agreement (%),Cohen's "
      "kappa\n");
  for (int r = 0; r < m_model->rowCount(); ++r) {
    const AgreementRow& row = m_rows[m_model->item(r, AuthorA)->data(kRowRole).toInt()];
    const QStringList fields = {csvField(row.authorA),
                                csvField(row.authorB),
                                QString::number(row.items),
                                QString::number(row.tp + row.fp + row.fn + row.tn),
                                QString::number(row.tp),
                                QString::number(row.fp),
                                QString::number(row.fn),
                                QString::number(row.tn),
                                csvNumber(row.percentAgreement, 2),
                                csvNumber(row.kappa, 4)};
    out += fields.join(',') + '\n';
  }
  return out;
}

void AgreementDialog::copyCsv() {
  QApplication::clipboard()->setText(csv());
}

}  // namespace sevila::widgets
