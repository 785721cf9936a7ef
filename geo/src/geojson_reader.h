// Streaming reader for GeoJSON FeatureCollections, internal to annals_geo.
//
// A DOM costs one allocation per object member, which made a 100,000-place
// gazetteer take seconds to load. This reader drives the strict parser of
// geojson_parser.h instead and builds one feature at a time into a small
// arena tree (JTree) that is reused for the next feature; strings are views
// into the file text, so loading costs little more than lexing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/diagnostic.h"

namespace annals::detail {

struct JNode {
  enum class Type : std::uint8_t { Null, Bool, Int, Float, String, Array, Object };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  Type type = Type::Null;
  bool boolean = false;
  double number = 0.0;  // Int and Float both; Int also keeps `integer`
  std::int64_t integer = 0;
  // Views into the file text (or the reader's decoded strings), valid only
  // while on_feature runs for this tree.
  std::string_view text;                                    // String value
  std::string_view key;                                     // member name when the parent is an Object
  std::uint32_t first = kNone, last = kNone, next = kNone;  // children, as a linked list in the arena
  std::uint32_t size = 0;

  bool is_null() const { return type == Type::Null; }
  bool is_bool() const { return type == Type::Bool; }
  bool is_number() const { return type == Type::Int || type == Type::Float; }
  bool is_integer() const { return type == Type::Int; }
  bool is_string() const { return type == Type::String; }
  bool is_array() const { return type == Type::Array; }
  bool is_object() const { return type == Type::Object; }
};

// The nodes of one feature; index 0 is the feature itself.
class JTree {
 public:
  JNode& at(std::uint32_t i) { return nodes_[i]; }
  const JNode& at(std::uint32_t i) const { return nodes_[i]; }
  // Member `key` of object `obj`, or nullptr. Inline, with the first byte
  // checked before a memcmp: validation looks up some 30 members per feature.
  const JNode* find(const JNode& obj, std::string_view key) const {
    for (auto i = obj.first; i != JNode::kNone; i = nodes_[i].next) {
      const std::string_view k = nodes_[i].key;
      if (k.size() == key.size() && (k.empty() || k[0] == key[0]) && k == key) return &nodes_[i];
    }
    return nullptr;
  }
  JNode* find(const JNode& obj, std::string_view key) {
    return const_cast<JNode*>(static_cast<const JTree&>(*this).find(obj, key));
  }
  // Child i of an array (linear: arrays in a gazetteer feature are short,
  // and coordinate lists are walked with first/next instead).
  template <typename F>
  void for_each(const JNode& container, F&& f) {
    for (auto i = container.first; i != JNode::kNone; i = nodes_[i].next) f(nodes_[i]);
  }
  template <typename F>
  void for_each(const JNode& container, F&& f) const {
    for (auto i = container.first; i != JNode::kNone; i = nodes_[i].next) f(nodes_[i]);
  }
  // Short text of a value for messages: 0, -3, "abc", null, an object.
  std::string describe(const JNode& n) const;

 private:
  friend class FeatureCollectionHandler;
  std::vector<JNode> nodes_;
  std::size_t used_ = 0;
};

// Reads `text` as a FeatureCollection, calling on_feature(tree, index) for
// every element of "features" in order (the tree and the text views in it
// are reused afterwards).
// Throws DataError(display_path, line, message) when the text is not JSON,
// and DataError(display_path, "", message) when it is not a FeatureCollection.
void read_feature_collection(std::string_view text, const std::string& display_path,
                             const std::function<void(JTree&, std::size_t)>& on_feature);

}  // namespace annals::detail
