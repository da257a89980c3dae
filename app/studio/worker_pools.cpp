#include "worker_pools.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace sevila::studio {
namespace {
QThreadPool& pool(int threads, const char* name) {
  // A child of the application: its destructor waits for the jobs before the libraries they use are torn
  // down (a job still decoding at exit would otherwise run into destroyed statics).
  auto* p = new QThreadPool(QCoreApplication::instance());
  p->setMaxThreadCount(threads);
  p->setObjectName(QString::fromLatin1(name));
  return *p;
}
}  // namespace

QThreadPool& modelPool() {
  static QThreadPool& p = pool(1, "sevila-model");
  return p;
}

QThreadPool& mediaPool() {
  static QThreadPool& p = pool(2, "sevila-media");
  return p;
}

QThreadPool& trainingPool() {
  static QThreadPool& p = pool(1, "sevila-training");
  return p;
}

}  // namespace sevila::studio
