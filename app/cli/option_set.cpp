#include "option_set.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace sevila::cli {

OptionSet::OptionSet(std::string usage, std::string description)
    : m_usage(std::move(usage)), m_description(std::move(description)) {}

OptionSet& OptionSet::group(const std::string& name) {
  m_group = name;
  return *this;
}

OptionSet& OptionSet::value(const std::string& flag, const std::string& valueName, const std::string& help,
                            const std::string& defaultValue) {
  m_options.push_back({flag, valueName, help, defaultValue, m_group});
  return *this;
}

OptionSet& OptionSet::flag(const std::string& flag, const std::string& help) {
  m_options.push_back({flag, "", help, "", m_group});
  return *this;
}

OptionSet& OptionSet::include(const OptionSet& other) {
  m_options.insert(m_options.end(), other.m_options.begin(), other.m_options.end());
  return *this;
}

Arguments OptionSet::parse(const std::vector<std::string>& words) const {
  std::set<std::string> valued, flags = {"--help"};
  for (const auto& o : m_options) (o.valueName.empty() ? flags : valued).insert(o.flag);
  return Arguments(words, valued, flags);
}

std::string OptionSet::defaultOf(const std::string& flag) const {
  for (const auto& o : m_options)
    if (o.flag == flag) return o.defaultValue;
  return {};
}

std::string OptionSet::help() const {
  std::ostringstream out;
  out << "Usage: " << m_usage << "\n\n";
  if (!m_description.empty()) out << m_description << "\n\n";
  // Groups in the order they first appear.
  std::vector<std::string> groups;
  for (const auto& o : m_options)
    if (std::find(groups.begin(), groups.end(), o.group) == groups.end()) groups.push_back(o.group);
  for (const auto& g : groups) {
    if (!g.empty()) out << g << ":\n";
    for (const auto& o : m_options) {
      if (o.group != g) continue;
      std::string left = "  " + o.flag + (o.valueName.empty() ? "" : " " + o.valueName);
      std::string text = o.help + (o.defaultValue.empty() ? "" : " (default " + o.defaultValue + ")");
      if (left.size() < 21)
        left.resize(21, ' ');
      else
        left += "\n" + std::string(21, ' ');
      std::string indented;
      for (char c : text)
        indented += c == '\n' ? std::string("\n") + std::string(21, ' ') : std::string(1, c);
      out << left << indented << "\n";
    }
  }
  return out.str();
}

}  // namespace sevila::cli
