#include "providerdialog.h"

#include "eval/prices.h"
#include "promptsservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace lb::ui {

ProviderDialog::ProviderDialog(PromptsService *service, QWidget *parent) : QDialog(parent), m_service(service)
{
    setWindowTitle(tr("Provider settings"));
    const ProviderSettings s = ProviderSettings::load();

    auto *provider = new QWidget;
    m_kind = new QComboBox;
    m_kind->addItem(tr("OpenAI-compatible (OpenAI, Azure, vLLM, llama.cpp, Ollama)"), QStringLiteral("openai"));
    m_kind->addItem(tr("Anthropic Messages API"), QStringLiteral("anthropic"));
    m_kind->setCurrentIndex(s.kind == eval::ProviderConfig::Kind::Anthropic ? 1 : 0);
    m_baseUrl = new QLineEdit(s.baseUrl);
    m_baseUrl->setPlaceholderText(QStringLiteral("https://api.openai.com/v1"));
    m_model = new QLineEdit(s.model);
    m_model->setPlaceholderText(tr("empty: each version's own model"));
    m_judgeModel = new QLineEdit(s.judgeModel);
    m_judgeModel->setPlaceholderText(tr("empty: the run's model"));
    m_concurrency = new QSpinBox;
    m_concurrency->setRange(1, 64);
    m_concurrency->setValue(s.concurrency);
    m_keySource = new QComboBox;
    m_keySource->addItem(tr("Environment variable"), QStringLiteral("env"));
    m_keySource->addItem(tr("OS keychain entry"), QStringLiteral("keychain"));
    m_keySource->addItem(tr("No key (local server)"), QStringLiteral("none"));
    m_keySource->setCurrentIndex(s.keySource == ProviderSettings::KeySource::Keychain ? 1
                                 : s.keySource == ProviderSettings::KeySource::None   ? 2
                                                                                      : 0);
    m_keyName = new QLineEdit(s.keyName);
    m_keyValue = new QLineEdit;
    m_keyValue->setEchoMode(QLineEdit::Password);
    m_keyValue->setPlaceholderText(tr("paste a key to store it in the keychain entry above"));
    auto *storeButton = new QPushButton(tr("Store in keychain"));
    m_keyStatus = new QLabel(tr("The key itself is never written to the workspace, an export or a log."));
    m_keyStatus->setWordWrap(true);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyValue, 1);
    keyRow->addWidget(storeButton);

    auto *form = new QFormLayout(provider);
    form->addRow(tr("API"), m_kind);
    form->addRow(tr("Base URL"), m_baseUrl);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Judge model"), m_judgeModel);
    form->addRow(tr("Concurrency"), m_concurrency);
    form->addRow(tr("API key from"), m_keySource);
    form->addRow(tr("Variable / entry"), m_keyName);
    form->addRow(tr("Key"), keyRow);
    form->addRow(QString(), m_keyStatus);
    connect(storeButton, &QPushButton::clicked, this, &ProviderDialog::storeKey);
    auto updateKeyRow = [this, storeButton] {
        const bool keychain = m_keySource->currentData().toString() == QLatin1String("keychain");
        m_keyValue->setEnabled(keychain);
        storeButton->setEnabled(keychain);
        m_keyName->setEnabled(m_keySource->currentData().toString() != QLatin1String("none"));
    };
    connect(m_keySource, &QComboBox::currentIndexChanged, this, updateKeyRow);
    updateKeyRow();

    auto *prices = new QWidget;
    m_prices = new QTableWidget(0, 3);
    m_prices->setHorizontalHeaderLabels({tr("Model"), tr("Input USD / 1M tokens"), tr("Output USD / 1M tokens")});
    m_prices->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_prices->verticalHeader()->hide();
    auto *addPrice = new QPushButton(tr("Add model"));
    auto *removePrice = new QPushButton(tr("Remove"));
    m_priceStatus = new QLabel(tr("Loading the price table…"));
    m_priceStatus->setWordWrap(true);
    auto *priceButtons = new QHBoxLayout;
    priceButtons->addWidget(addPrice);
    priceButtons->addWidget(removePrice);
    priceButtons->addStretch(1);
    auto *priceLayout = new QVBoxLayout(prices);
    priceLayout->addWidget(m_prices, 1);
    priceLayout->addLayout(priceButtons);
    priceLayout->addWidget(m_priceStatus);
    connect(addPrice, &QPushButton::clicked, this, [this] {
        const int row = m_prices->rowCount();
        m_prices->insertRow(row);
        m_prices->setItem(row, 0, new QTableWidgetItem);
        m_prices->setItem(row, 1, new QTableWidgetItem(QStringLiteral("0")));
        m_prices->setItem(row, 2, new QTableWidgetItem(QStringLiteral("0")));
        m_prices->editItem(m_prices->item(row, 0));
    });
    connect(removePrice, &QPushButton::clicked, this, [this] {
        if (m_prices->currentRow() >= 0)
            m_prices->removeRow(m_prices->currentRow());
    });

    auto *tabs = new QTabWidget;
    tabs->addTab(provider, tr("Provider"));
    tabs->addTab(prices, tr("Prices"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProviderDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProviderDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(640, 440);
    loadPrices();
}

ProviderSettings ProviderDialog::settings() const
{
    ProviderSettings s;
    s.kind = m_kind->currentData().toString() == QLatin1String("anthropic") ? eval::ProviderConfig::Kind::Anthropic
                                                                            : eval::ProviderConfig::Kind::OpenAICompatible;
    s.baseUrl = m_baseUrl->text().trimmed();
    s.model = m_model->text().trimmed();
    s.judgeModel = m_judgeModel->text().trimmed();
    s.concurrency = m_concurrency->value();
    const QString source = m_keySource->currentData().toString();
    s.keySource = source == QLatin1String("keychain") ? ProviderSettings::KeySource::Keychain
                  : source == QLatin1String("none")   ? ProviderSettings::KeySource::None
                                                      : ProviderSettings::KeySource::Environment;
    s.keyName = m_keyName->text().trimmed();
    return s;
}

void ProviderDialog::loadPrices()
{
    if (!m_service->isOpen()) {
        m_priceStatus->setText(tr("Open a workspace to edit its price table."));
        return;
    }
    m_service->call<std::map<std::string, eval::ModelPrice>>(
        [](store::Db &db) { return eval::PriceTable::load(db).prices(); },
        [this](std::map<std::string, eval::ModelPrice> prices) {
            m_prices->setRowCount(0);
            for (const auto &[model, price] : prices) {
                const int row = m_prices->rowCount();
                m_prices->insertRow(row);
                m_prices->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(model)));
                m_prices->setItem(row, 1, new QTableWidgetItem(QString::number(price.inputPerMillion)));
                m_prices->setItem(row, 2, new QTableWidgetItem(QString::number(price.outputPerMillion)));
            }
            m_pricesLoaded = true;
            m_priceStatus->setText(tr("Prices are kept in the workspace; models not listed cost nothing."));
        });
}

void ProviderDialog::storeKey()
{
    const QString entry = m_keyName->text().trimmed();
    if (entry.isEmpty() || m_keyValue->text().isEmpty()) {
        m_keyStatus->setText(tr("Name the keychain entry and paste the key first."));
        return;
    }
    m_keyStatus->setText(tr("Storing…"));
    storeKeychainEntry(entry, m_keyValue->text(), this, [this, entry](const QString &error) {
        m_keyValue->clear();
        m_keyStatus->setText(error.isEmpty() ? tr("Stored in the keychain entry “%1”.").arg(entry)
                                             : tr("The keychain refused the key: %1").arg(error));
    });
}

void ProviderDialog::accept()
{
    const ProviderSettings s = settings();
    if (s.baseUrl.isEmpty() || !QUrl(s.baseUrl).isValid()) {
        m_keyStatus->setText(tr("The base URL is empty or not a URL: give the API's address, such as "
                                "https://api.openai.com/v1."));
        return;
    }
    if (s.keySource != ProviderSettings::KeySource::None && s.keyName.isEmpty()) {
        m_keyStatus->setText(tr("Name the environment variable or keychain entry that holds the key."));
        return;
    }
    eval::PriceTable table;
    for (int row = 0; row < m_prices->rowCount(); ++row) {
        const QString model = m_prices->item(row, 0) ? m_prices->item(row, 0)->text().trimmed() : QString();
        if (model.isEmpty())
            continue;
        bool okIn = false, okOut = false;
        const double in = m_prices->item(row, 1) ? m_prices->item(row, 1)->text().toDouble(&okIn) : 0;
        const double out = m_prices->item(row, 2) ? m_prices->item(row, 2)->text().toDouble(&okOut) : 0;
        if (!okIn || !okOut || in < 0 || out < 0) {
            m_priceStatus->setText(tr("Row %1 (%2): prices must be numbers of dollars per million tokens, "
                                      "such as 2.5.").arg(row + 1).arg(model));
            return;
        }
        table.set(model.toStdString(), {in, out});
    }
    s.save();
    if (m_pricesLoaded && m_service->isOpen())
        m_service->call<int>([table](store::Db &db) { table.save(db); return 0; }, [](int) {});
    QDialog::accept();
}

}  // namespace lb::ui
