// A widget's child by object name, for tests that press the buttons a user would.
#pragma once

#include <QObject>
#include <QString>

namespace sevila::testing {

template <typename T>
T* child(QObject& parent, const char* name) {
  return parent.findChild<T*>(QLatin1String(name));
}

}  // namespace sevila::testing
