// The model options every model-using subcommand shares (--model, --sevila, --tokenizer, --flavour,
// --device, --dtype, --threads) and loading the model from them.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "arguments.h"
#include "option_set.h"

namespace sevila::nn {
class SevilaModel;
}

namespace sevila::cli {

// The shared model options, declared once; commands include() them.
const OptionSet& modelOptions();

// Loads the model named by the arguments (prints what it loads on stderr) and sets the thread count.
std::shared_ptr<const nn::SevilaModel> loadModelFromArguments(const Arguments& args);

}  // namespace sevila::cli
