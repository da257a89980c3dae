#include "arguments.h"

#include "core/error.h"

namespace sevila::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string word = args[i];
    if (word.size() < 2 || word.rfind("--", 0) != 0) {
      m_positionals.push_back(word);
      continue;
    }
    std::optional<std::string> inlineValue;
    if (auto eq = word.find('='); eq != std::string::npos) {
      inlineValue = word.substr(eq + 1);
      word = word.substr(0, eq);
    }
    if (flags.count(word)) {
      if (inlineValue) throw Error(word, "takes no value");
      m_flags.insert(word);
    } else if (valued.count(word)) {
      if (inlineValue) {
        m_values[word].push_back(*inlineValue);
      } else {
        if (i + 1 >= args.size()) throw Error(word, "needs a value");
        m_values[word].push_back(args[++i]);
      }
    } else {
      throw Error(word, "unknown option", "see --help");
    }
  }
}

bool Arguments::flag(const std::string& key) const {
  return m_flags.count(key) > 0;
}

std::optional<std::string> Arguments::value(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end()) return std::nullopt;
  return it->second.back();
}

std::string Arguments::value(const std::string& key, const std::string& fallback) const {
  return value(key).value_or(fallback);
}

std::string Arguments::require(const std::string& key) const {
  auto v = value(key);
  if (!v) throw Error(key, "is required", "see --help");
  return *v;
}

std::vector<std::string> Arguments::values(const std::string& key) const {
  auto it = m_values.find(key);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

int Arguments::intValue(const std::string& key, int fallback) const {
  auto v = value(key);
  if (!v) return fallback;
  try {
    size_t used = 0;
    int n = std::stoi(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return n;
  } catch (const std::exception&) {
    throw Error(key + " " + *v, "expected an integer");
  }
}

double Arguments::doubleValue(const std::string& key, double fallback) const {
  auto v = value(key);
  if (!v) return fallback;
  try {
    size_t used = 0;
    double x = std::stod(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return x;
  } catch (const std::exception&) {
    throw Error(key + " " + *v, "expected a number");
  }
}

}  // namespace sevila::cli
