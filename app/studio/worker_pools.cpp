#include "worker_pools.h"

#include <QThreadPool>

namespace sevila::studio {
namespace {
QThreadPool& pool(int threads, const char* name) {
  auto* p = new QThreadPool;  // leaked on purpose: jobs may still finish while statics are destroyed
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

}  // namespace sevila::studio
