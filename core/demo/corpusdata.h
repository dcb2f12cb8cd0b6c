#pragma once
// The raw text of the demo knowledge base: fictional products with their facts, and per product
// kind the help-center topics written as templates over those facts ({fact} slots).

#include <array>
#include <span>
#include <string_view>

namespace lb::demo {

enum class ProductKind { Saas, Hardware };

struct FactSpec {
    std::string_view name;
    std::string_view value;
};

struct ProductSpec {
    std::string_view slug;       // "orbitly": used in ids, tags and URLs
    std::string_view name;       // "Orbitly"
    ProductKind kind;
    std::string_view assistant;  // the support assistant's persona name
    std::span<const FactSpec> facts;
};

// A question with two phrasings and an answer grounded in the topic's core paragraph.
struct QaSpec {
    std::array<std::string_view, 2> questions;
    std::string_view answer;
};

struct TopicSpec {
    std::string_view slug;  // "refunds"
    double popularity;      // relative share of questions about this topic
    std::array<std::string_view, 3> titles;
    std::string_view core;  // in every article of the topic; holds every fact the answers use
    std::array<std::string_view, 3> extras;
    std::array<QaSpec, 3> qas;
};

// Articles that answer nothing a customer asks (release notes, company news): retrieval noise.
struct FillerSpec {
    std::string_view title;
    std::string_view body;
};

// Explicit wrong values for facts without digits (numbers are perturbed instead).
struct AlternativeSpec {
    std::string_view fact;
    std::array<std::string_view, 3> values;
};

std::span<const ProductSpec> productSpecs();
std::span<const TopicSpec> topicSpecs(ProductKind kind);
std::span<const FillerSpec> fillerSpecs();
std::span<const AlternativeSpec> alternativeSpecs();

}  // namespace lb::demo
