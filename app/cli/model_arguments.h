// The model options every model-using subcommand shares (--model, --sevila, --tokenizer, --flavour,
// --device, --dtype, --threads) and loading the model from them.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "arguments.h"

namespace sevila::nn {
class SevilaModel;
}

namespace sevila::cli {

// Keys taking a value, to merge into a command's own set.
const std::set<std::string>& modelArgumentKeys();
// One paragraph for a command's --help.
const char* modelArgumentsHelp();

// Loads the model named by the arguments (prints what it loads on stderr) and sets the thread count.
std::shared_ptr<const nn::SevilaModel> loadModelFromArguments(const Arguments& args);

}  // namespace sevila::cli
