// Named taps on intermediate activations, so parity tests and `sevila model dump` can reach them
// (the pattern of llama.cpp's cb(cur, "attn_norm", il)). A forward pass calls trace("layer.3", x) at
// fixed names equal to the keys of the golden files (vision.embeddings, vision.layer.i,
// qformer.layer.i, t5.encoder.layer.i, ...). With no tap set a call does nothing and costs nothing.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include <ATen/core/Tensor.h>

namespace sevila::nn {

class ForwardTrace {
public:
  using Tap = std::function<void(const std::string& name, const at::Tensor& value)>;

  ForwardTrace() = default;
  explicit ForwardTrace(Tap tap, std::string prefix = {})
      : m_tap(std::make_shared<Tap>(std::move(tap))), m_prefix(std::move(prefix)) {}

  // A trace that stores a detached copy of every tapped tensor in `out` under prefix + name.
  static ForwardTrace intoMap(std::map<std::string, at::Tensor>& out, std::string prefix = {}) {
    std::map<std::string, at::Tensor>* target = &out;
    return ForwardTrace([target](const std::string& name,
                                 const at::Tensor& value) { (*target)[name] = value.detach().clone(); },
                        std::move(prefix));
  }

  bool active() const { return m_tap != nullptr; }

  // Reports `value` under prefix + name; a no-op without a tap.
  void operator()(const std::string& name, const at::Tensor& value) const {
    if (m_tap) (*m_tap)(m_prefix + name, value);
  }

  // The same tap with `more` appended to the prefix: a sub-network reports "layer.0" and its owner
  // decides that it is "vision.layer.0" or "blip2.qformer.layer.0".
  ForwardTrace scoped(const std::string& more) const {
    ForwardTrace t;
    t.m_tap = m_tap;
    t.m_prefix = m_prefix + more;
    return t;
  }

  const std::string& prefix() const { return m_prefix; }

private:
  std::shared_ptr<Tap> m_tap;
  std::string m_prefix;
};

}  // namespace sevila::nn
