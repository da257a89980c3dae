#include "dataset_session.h"

#include "data/dataset_reader.h"
#include "engine/dataset_run.h"
#include "engine/forward_chain.h"
#include "engine/results_file.h"

namespace sevila::studio {

DatasetSession DatasetSession::load(const DatasetSource& source) {
  DatasetSession s;
  s.m_source = source;
  auto read = data::readDataset(source.dataset.toStdString(), source.annotations.toStdString());
  s.m_items = std::move(read.items);
  s.m_skipped = static_cast<int>(read.skipped.size());
  if (!source.results.isEmpty())
    for (auto& r : engine::readResults(source.results.toStdString()).results)
      s.m_results[r.qid] = std::move(r);
  return s;
}

const data::DatasetItem* DatasetSession::item(const std::string& qid) const {
  for (const auto& i : m_items)
    if (i.qid == qid) return &i;
  return nullptr;
}

const engine::ChainResult* DatasetSession::result(const std::string& qid) const {
  auto it = m_results.find(qid);
  return it == m_results.end() ? nullptr : &it->second;
}

QString DatasetSession::videoPath(const data::DatasetItem& item) const {
  return QString::fromStdString(engine::findVideo(m_source.videos.toStdString(), item.video));
}

std::vector<widgets::DatasetRow> DatasetSession::rows() const {
  std::vector<widgets::DatasetRow> rows;
  rows.reserve(m_items.size());
  for (const auto& item : m_items) rows.push_back(rowOf(item, result(item.qid)));
  return rows;
}

widgets::DatasetRow rowOf(const data::DatasetItem& item, const engine::ChainResult* result) {
  widgets::DatasetRow row;
  row.qid = QString::fromStdString(item.qid);
  row.type = QString::fromStdString(item.type);
  row.question = QString::fromStdString(engine::questionFor(item).question);
  row.videoId = QString::fromStdString(item.video);
  row.groundTruth = item.answer.value_or(-1);
  if (result) {
    row.hasRun = true;
    row.modelAnswer = result->answer.answer;
    if (row.modelAnswer >= 0 && row.modelAnswer < static_cast<int>(result->answer.probabilities.size()))
      row.confidence = result->answer.probabilities[static_cast<size_t>(row.modelAnswer)];
  }
  return row;
}

}  // namespace sevila::studio
