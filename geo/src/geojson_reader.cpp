#include "geojson_reader.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

namespace annals::detail {

JNode* JTree::find(const JNode& obj, std::string_view key) {
  for (auto i = obj.first; i != JNode::kNone; i = nodes_[i].next)
    if (nodes_[i].key == key) return &nodes_[i];
  return nullptr;
}

const JNode* JTree::find(const JNode& obj, std::string_view key) const {
  for (auto i = obj.first; i != JNode::kNone; i = nodes_[i].next)
    if (nodes_[i].key == key) return &nodes_[i];
  return nullptr;
}

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
    case JNode::Type::String:
      return "\"" + n.text + "\"";
    case JNode::Type::Array:
      return "an array";
    case JNode::Type::Object:
      return "an object";
  }
  return "?";
}

namespace {

using json = nlohmann::json;

// "[json.exception.parse_error.101] parse error at line 3, column 7: syntax
// error ..." -> "invalid JSON at column 7: syntax error ..." (the line goes
// into the diagnostic's `where`).
std::string parse_error_message(const std::string& what) {
  std::string column;
  if (auto c = what.find("column "); c != std::string::npos) {
    auto end = what.find(':', c);
    if (end != std::string::npos) column = what.substr(c, end - c);
  }
  auto colon = what.find("parse error");
  if (colon != std::string::npos) colon = what.find(": ", colon);
  std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
  std::string out = "invalid JSON";
  if (!column.empty()) out += " at " + column;
  out += ": ";
  out += detail;
  return out;
}

std::size_t line_of_offset(std::string_view text, std::size_t byte) {
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

}  // namespace

// SAX events -> one feature tree at a time. Depth counts open containers:
// the root object is depth 1, "features" depth 2, each feature depth 3.
class FeatureCollectionHandler : public nlohmann::json_sax<json> {
 public:
  FeatureCollectionHandler(JTree& tree, const std::function<void(JTree&, std::size_t)>& on_feature)
      : tree_(tree), on_feature_(on_feature) {}

  bool null() override { return scalar(JNode::Type::Null); }
  bool boolean(bool v) override {
    if (JNode* n = value(JNode::Type::Bool)) n->boolean = v;
    return finish_scalar();
  }
  bool number_integer(number_integer_t v) override {
    if (JNode* n = value(JNode::Type::Int)) {
      n->integer = v;
      n->number = static_cast<double>(v);
    }
    return finish_scalar();
  }
  bool number_unsigned(number_unsigned_t v) override {
    const bool fits = v <= static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max());
    if (JNode* n = value(fits ? JNode::Type::Int : JNode::Type::Float)) {
      n->integer = fits ? static_cast<std::int64_t>(v) : 0;
      n->number = static_cast<double>(v);
    }
    return finish_scalar();
  }
  bool number_float(number_float_t v, const string_t&) override {
    if (JNode* n = value(JNode::Type::Float)) n->number = v;
    return finish_scalar();
  }
  bool string(string_t& v) override {
    if (JNode* n = value(JNode::Type::String))
      n->text = std::move(v);
    else if (depth_ == 1 && root_key_ == "type")
      root_type_ = v;
    return finish_scalar();
  }
  bool binary(binary_t&) override { return scalar(JNode::Type::Null); }
  bool key(string_t& k) override {
    if (building_)
      pending_key_ = std::move(k);
    else if (depth_ == 1)
      root_key_ = std::move(k);
    return true;
  }
  bool start_object(std::size_t) override { return open(JNode::Type::Object); }
  bool start_array(std::size_t) override { return open(JNode::Type::Array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error_position_ = position;
    error_message_ = ex.what();
    return false;
  }

  bool root_is_object = false;
  bool saw_features = false;
  std::string root_type_;
  std::size_t error_position_ = 0;
  std::string error_message_;

 private:
  // A feature starts at any value directly inside the "features" array.
  bool at_feature_level() const { return in_features_ && !building_ && depth_ == 2; }

  void begin_feature() {
    tree_.used_ = 0;
    stack_.clear();
    pending_key_.clear();
    building_ = true;
  }
  void end_feature() {
    building_ = false;
    on_feature_(tree_, index_++);
  }

  std::uint32_t new_node(JNode::Type type) {
    const auto i = static_cast<std::uint32_t>(tree_.used_++);
    if (i == tree_.nodes_.size()) tree_.nodes_.emplace_back();
    JNode& n = tree_.nodes_[i];
    n.type = type;
    n.boolean = false;
    n.number = 0.0;
    n.integer = 0;
    n.text.clear();
    n.key.clear();
    n.first = n.last = n.next = JNode::kNone;
    n.size = 0;
    if (!stack_.empty()) {
      JNode& parent = tree_.nodes_[stack_.back()];
      if (parent.type == JNode::Type::Object) n.key = std::move(pending_key_);
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
  bool finish_scalar() {
    if (building_ && stack_.empty()) end_feature();  // a feature that is a bare scalar
    return true;
  }
  bool scalar(JNode::Type type) {
    value(type);
    return finish_scalar();
  }

  bool open(JNode::Type type) {
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
    return true;
  }

  bool close() {
    if (building_) {
      stack_.pop_back();
      if (stack_.empty()) end_feature();
    } else if (depth_ == 2 && in_features_) {
      in_features_ = false;
    }
    --depth_;
    return true;
  }

  JTree& tree_;
  const std::function<void(JTree&, std::size_t)>& on_feature_;
  std::vector<std::uint32_t> stack_;
  std::string pending_key_;
  std::string root_key_;
  int depth_ = 0;
  bool in_features_ = false;
  bool building_ = false;
  std::size_t index_ = 0;
};

void read_feature_collection(std::string_view text, const std::string& display_path,
                             const std::function<void(JTree&, std::size_t)>& on_feature) {
  JTree tree;
  FeatureCollectionHandler handler(tree, on_feature);
  if (!json::sax_parse(text.begin(), text.end(), &handler))
    throw DataError(display_path, std::to_string(line_of_offset(text, handler.error_position_)),
                    parse_error_message(handler.error_message_));
  if (!handler.root_is_object || handler.root_type_ != "FeatureCollection")
    throw DataError(display_path, "",
                    "not a GeoJSON FeatureCollection (top-level \"type\" must be \"FeatureCollection\")");
  if (!handler.saw_features) throw DataError(display_path, "", "FeatureCollection has no \"features\" array");
}

}  // namespace annals::detail
