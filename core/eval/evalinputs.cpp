#include "evalinputs.h"

#include "prompts/promptregistry.h"
#include "prompts/template.h"

#include <nlohmann/json.hpp>

namespace lb::eval {

PromptVersionInput versionInput(const model::PromptVersion &v, const std::string &label)
{
    PromptVersionInput in;
    in.id = v.id;
    in.number = v.number;
    in.label = label;
    for (const auto &m : v.messages)
        in.messages.push_back({m.role, m.content});
    in.model = v.model;
    in.paramsJson = v.params.empty() ? std::string("{}") : v.params;
    return in;
}

DatasetItemInput datasetItemInput(const prompts::DatasetItem &item)
{
    DatasetItemInput in;
    in.id = item.id;
    in.role = item.role;
    in.variables = prompts::valuesFromJson(item.variablesJson);
    in.originalOutput = item.originalOutput;
    const auto labels = nlohmann::json::parse(item.labelsJson, nullptr, false);
    if (labels.is_array()) {
        for (const auto &l : labels) {
            if (!l.is_object())
                continue;
            if (auto cats = l.find("categories"); cats != l.end() && cats->is_array())
                for (const auto &c : *cats)
                    if (c.is_string() && std::find(in.labels.begin(), in.labels.end(), c.get<std::string>()) == in.labels.end())
                        in.labels.push_back(c.get<std::string>());
            if (auto r = l.find("rationale"); r != l.end() && r->is_string() && !r->get<std::string>().empty())
                in.rationales.push_back(r->get<std::string>());
        }
    }
    return in;
}

std::vector<DatasetItemInput> datasetItems(const store::Db &db, std::int64_t datasetId)
{
    std::vector<DatasetItemInput> out;
    prompts::DatasetItemCursor cursor(db, datasetId);
    while (auto item = cursor.next())
        out.push_back(datasetItemInput(*item));
    return out;
}

Result<EvalRunConfig> loadRunInputs(store::Db &db, const std::string &prompt, const std::string &a, const std::string &b,
                                    const std::string &dataset)
{
    prompts::PromptRegistry registry(db);
    if (!registry.exists(prompt))
        return Error{"The workspace has no prompt \"" + prompt + "\". 'loopbench prompts list' shows the prompts.", {}, 0, -1};
    EvalRunConfig c;
    c.promptName = prompt;
    for (const auto &[ref, out] : {std::pair{&a, &c.versionA}, std::pair{&b, &c.versionB}}) {
        const auto v = registry.resolve(prompt, *ref);
        if (!v)
            return Error{"Prompt \"" + prompt + "\" has no version or tag \"" + *ref + "\".", {}, 0, -1};
        *out = versionInput(*v, *ref);
    }
    auto st = db.prepare("SELECT prompt_id FROM prompt_versions WHERE id = ?");
    st.bind(1, c.versionA.id);
    if (st.step())
        c.promptId = st.columnInt(0);
    const prompts::DatasetStore datasets(db);
    const auto info = datasets.get(std::string_view(dataset));
    if (!info)
        return Error{"The workspace has no dataset \"" + dataset + "\". Create one with 'loopbench dataset create'.", {}, 0, -1};
    c.datasetId = info->id;
    c.datasetName = info->name;
    c.items = datasetItems(db, info->id);
    if (c.items.empty())
        return Error{"Dataset \"" + dataset + "\" has no items to evaluate.", {}, 0, -1};
    return c;
}

}  // namespace lb::eval
