// Minimal argument reader for subcommands: `--key value`, `--key=value`, flags, repeated keys and
// positionals. Unknown keys are an error, so a typo never silently changes a run.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sevila::cli {

class Arguments {
public:
  // `valued` lists the keys that take a value (e.g. "--model"), `flags` those that do not.
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& flags);

  bool flag(const std::string& key) const;
  std::optional<std::string> value(const std::string& key) const;
  std::string value(const std::string& key, const std::string& fallback) const;
  // Throws sevila::Error when the key is absent.
  std::string require(const std::string& key) const;
  std::vector<std::string> values(const std::string& key) const;
  int intValue(const std::string& key, int fallback) const;
  double doubleValue(const std::string& key, double fallback) const;
  const std::vector<std::string>& positionals() const { return m_positionals; }

private:
  std::map<std::string, std::vector<std::string>> m_values;
  std::set<std::string> m_flags;
  std::vector<std::string> m_positionals;
};

}  // namespace sevila::cli
