#include "geojson_reader.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "annals/geo/utf8.h"
#include "geojson_parser.h"

namespace annals::detail {

std::string JTree::describe(const JNode& n) const {
  switch (n.type) {
    case JNode::Type::Null:
      return "null";
    case JNode::Type::Bool:
      return n.boolean ? "true" : "false";
    case JNode::Type::Int:
      return std::to_string(n.integer);
    case JNode::Type::Float: {
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n.number);
      return ec == std::errc() ? std::string(buf, end) : "a number";
    }
    case JNode::Type::String: {
      std::string out = "\"";
      out.append(n.text);
      out += '"';
      return out;
    }
    case JNode::Type::Array:
      return "an array";
    case JNode::Type::Object:
      return "an object";
  }
  return "?";
}

// Parser events -> one feature tree at a time. Depth counts open containers:
// the root object is depth 1, "features" depth 2, each feature depth 3.
class FeatureCollectionHandler {
 public:
  FeatureCollectionHandler(JTree& tree, DecodedStrings& decoded,
                           const std::function<void(JTree&, std::size_t)>& on_feature)
      : tree_(tree), decoded_(decoded), on_feature_(on_feature) {}

  void null() { scalar(JNode::Type::Null); }
  void boolean(bool v) {
    if (JNode* n = value(JNode::Type::Bool)) n->boolean = v;
    finish_scalar();
  }
  void integer(std::int64_t v) {
    if (JNode* n = value(JNode::Type::Int)) {
      n->integer = v;
      n->number = static_cast<double>(v);
    }
    finish_scalar();
  }
  void floating(double v) {
    if (JNode* n = value(JNode::Type::Float)) n->number = v;
    finish_scalar();
  }
  void string(std::string_view v) {
    if (JNode* n = value(JNode::Type::String))
      n->text = v;
    else if (depth_ == 1 && root_key_ == "type")
      root_type_ = v;
    finish_scalar();
  }
  void key(std::string_view k) {
    if (building_)
      pending_key_ = k;
    else if (depth_ == 1)
      root_key_ = k;
  }
  void start_object() { open(JNode::Type::Object); }
  void start_array() { open(JNode::Type::Array); }
  void end_object() { close(); }
  void end_array() { close(); }

  bool root_is_object = false;
  bool saw_features = false;
  std::string root_type_;

 private:
  // A feature starts at any value directly inside the "features" array.
  bool at_feature_level() const { return in_features_ && !building_ && depth_ == 2; }

  void begin_feature() {
    tree_.used_ = 0;
    stack_.clear();
    pending_key_ = {};
    building_ = true;
  }
  void end_feature() {
    building_ = false;
    on_feature_(tree_, index_++);
    decoded_.clear();  // nothing refers to this feature's strings any more
  }

  std::uint32_t new_node(JNode::Type type) {
    const auto i = static_cast<std::uint32_t>(tree_.used_++);
    if (i == tree_.nodes_.size()) tree_.nodes_.emplace_back();
    JNode& n = tree_.nodes_[i];
    n = JNode{};
    n.type = type;
    if (!stack_.empty()) {
      JNode& parent = tree_.nodes_[stack_.back()];
      if (parent.type == JNode::Type::Object) n.key = pending_key_;
      if (parent.last == JNode::kNone)
        parent.first = i;
      else
        tree_.nodes_[parent.last].next = i;
      parent.last = i;
      ++parent.size;
    }
    return i;
  }

  // The node for a scalar value inside a feature, or nullptr outside one.
  JNode* value(JNode::Type type) {
    if (at_feature_level()) begin_feature();
    if (!building_) return nullptr;
    return &tree_.nodes_[new_node(type)];
  }
  void finish_scalar() {
    if (building_ && stack_.empty()) end_feature();  // a feature that is a bare scalar
  }
  void scalar(JNode::Type type) {
    value(type);
    finish_scalar();
  }

  void open(JNode::Type type) {
    if (at_feature_level()) begin_feature();
    ++depth_;
    if (building_) {
      stack_.push_back(new_node(type));
    } else if (depth_ == 1) {
      root_is_object = type == JNode::Type::Object;
    } else if (depth_ == 2 && type == JNode::Type::Array && root_key_ == "features") {
      in_features_ = true;
      saw_features = true;
    }
  }

  void close() {
    if (building_) {
      stack_.pop_back();
      if (stack_.empty()) end_feature();
    } else if (depth_ == 2 && in_features_) {
      in_features_ = false;
    }
    --depth_;
  }

  JTree& tree_;
  DecodedStrings& decoded_;
  const std::function<void(JTree&, std::size_t)>& on_feature_;
  std::vector<std::uint32_t> stack_;
  std::string_view pending_key_;
  // Copied: outside a feature the decoded strings may be cleared under it.
  std::string root_key_;
  int depth_ = 0;
  bool in_features_ = false;
  bool building_ = false;
  std::size_t index_ = 0;
};

void read_feature_collection(std::string_view text, const std::string& display_path,
                             const std::function<void(JTree&, std::size_t)>& on_feature) {
  JTree tree;
  DecodedStrings decoded;
  FeatureCollectionHandler handler(tree, decoded, on_feature);
  try {
    parse_json(text, decoded, handler);
  } catch (const JsonSyntaxError& e) {
    // A byte sequence that is not UTF-8, in a string or between tokens, is
    // reported as every loader reports it. The scan runs only on this error
    // path: the parser already validates strings as it goes.
    if (const auto bad = first_invalid_utf8(text); bad && *bad <= e.offset) require_utf8(text, display_path);
    const TextPosition at = text_position(text, e.offset);
    throw DataError(display_path, std::to_string(at.line),
                    "invalid JSON at column " + std::to_string(at.column) + ": " + e.message);
  }
  if (!handler.root_is_object || handler.root_type_ != "FeatureCollection")
    throw DataError(display_path, "",
                    "not a GeoJSON FeatureCollection (top-level \"type\" must be \"FeatureCollection\")");
  if (!handler.saw_features) throw DataError(display_path, "", "FeatureCollection has no \"features\" array");
}

}  // namespace annals::detail
