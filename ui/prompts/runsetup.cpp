#include "runsetup.h"

#include "prompts/dataset.h"
#include "prompts/promptregistry.h"
#include "prompts/template.h"
#include "runsnapshot.h"

#include <algorithm>

namespace lb::ui {
eval::PromptVersionInput versionInput(const model::PromptVersion &v, const std::string &label)
{
    eval::PromptVersionInput in;
    in.id = v.id;
    in.number = v.number;
    in.label = label;
    for (const auto &m : v.messages)
        in.messages.push_back({m.role, m.content});
    in.model = v.model;
    in.paramsJson = v.params;
    return in;
}

std::vector<eval::DatasetItemInput> datasetInputs(const store::Db &db, std::int64_t datasetId)
{
    std::vector<eval::DatasetItemInput> out;
    prompts::DatasetItemCursor cursor(db, datasetId);
    while (auto item = cursor.next()) {
        const RunCase c = caseFromItem(*item);
        eval::DatasetItemInput in;
        in.id = item->id;
        in.role = item->role;
        for (const auto &[k, v] : c.variables)
            in.variables[k] = v;
        in.originalOutput = item->originalOutput;
        for (const auto &l : c.labels)
            if (l != "no failure")
                in.labels.push_back(l);
        in.rationales = c.rationales;
        out.push_back(std::move(in));
    }
    return out;
}

std::vector<eval::RunRecord> runsOfPrompt(store::Db &db, const std::string &prompt)
{
    const std::int64_t id = prompts::PromptRegistry(db).promptId(prompt).value_or(0);
    if (id == 0)
        return {};
    auto runs = eval::EvalStore(db).runs(id);
    std::sort(runs.begin(), runs.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    return runs;
}

Result<eval::EvalRunConfig> buildRunConfig(store::Db &db, const RunRequest &request)
{
    prompts::PromptRegistry registry(db);
    const auto a = registry.resolve(request.prompt, request.refA);
    const auto b = registry.resolve(request.prompt, request.refB);
    for (const auto &[ref, v] : {std::pair{request.refA, &a}, std::pair{request.refB, &b}})
        if (!*v)
            return Error{"Prompt “" + request.prompt + "” has no version or tag “" + ref +
                         "”: pick A and B from the version list."};
    prompts::DatasetStore datasets(db);
    const auto info = datasets.get(request.dataset);
    if (!info)
        return Error{"There is no dataset named “" + request.dataset + "”: create one under Datasets first."};
    if (info->size() == 0)
        return Error{"Dataset “" + request.dataset + "” has no cases: build one from labeled failures first."};
    if (request.evaluators.empty())
        return Error{"The run has no evaluators: add at least one check or judge."};

    eval::EvalRunConfig config;
    config.promptName = request.prompt;
    config.promptId = prompts::PromptRegistry(db).promptId(request.prompt).value_or(0);
    config.datasetId = info->id;
    config.datasetName = info->name;
    config.versionA = versionInput(*a, request.refA);
    config.versionB = versionInput(*b, request.refB);
    config.items = datasetInputs(db, info->id);
    config.sideA = {request.provider, request.model};
    config.sideB = {request.provider, request.model};
    config.evaluators = request.evaluators;
    config.judgeProvider = request.provider;
    config.judgeModel = !request.judgeModel.empty() ? request.judgeModel
                        : !request.model.empty()    ? request.model
                                                    : b->model;
    return config;
}

}  // namespace lb::ui
