// A command's options, declared once: flag, value name, help and default. Parsing (Arguments), the
// command's --help (which prints every default) and other front ends (the studio's initial values) all
// read the same declaration; defaults come from the engine's option structs, not from literals here.
#pragma once

#include <string>
#include <vector>

#include "arguments.h"

namespace sevila::cli {

struct OptionSpec {
  std::string flag;          // "--frames"
  std::string valueName;     // "N"; empty for a flag without a value
  std::string help;          // may hold '\n' for continuation lines
  std::string defaultValue;  // printed as "(default X)"; empty: none
  std::string group;         // the --help section it is listed under
};

class OptionSet {
public:
  // `usage`: the synopsis after "Usage: "; `description`: the paragraph under it.
  OptionSet(std::string usage, std::string description);

  // Following value() / flag() calls are listed under this heading.
  OptionSet& group(const std::string& name);
  OptionSet& value(const std::string& flag, const std::string& valueName, const std::string& help,
                   const std::string& defaultValue = {});
  OptionSet& flag(const std::string& flag, const std::string& help);
  // Adds another set's options (e.g. the shared model options) under their own groups.
  OptionSet& include(const OptionSet& other);

  // Parses the words; --help is always accepted. Unknown options are an error (Arguments).
  Arguments parse(const std::vector<std::string>& words) const;
  std::string help() const;
  const std::vector<OptionSpec>& options() const { return m_options; }
  // The declared default of `flag` ("" when none or unknown).
  std::string defaultOf(const std::string& flag) const;

private:
  std::string m_usage;
  std::string m_description;
  std::string m_group;
  std::vector<OptionSpec> m_options;
};

}  // namespace sevila::cli
