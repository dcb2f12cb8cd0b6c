#pragma once
// Provider settings: API flavor, base URL, model, judge model, concurrency and where the API key comes
// from (an environment variable or a keychain entry, by name; a key typed here goes to the keychain,
// never to the workspace), plus the workspace's price table (USD per million tokens, by model).

#include "providersettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace lb::ui {

class PromptsService;

class ProviderDialog : public QDialog {
    Q_OBJECT
public:
    ProviderDialog(PromptsService *service, QWidget *parent = nullptr);

    ProviderSettings settings() const;
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QTableWidget *priceTable() const { return m_prices; }

    void accept() override;

private:
    void loadPrices();
    void storeKey();

    PromptsService *m_service = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_judgeModel = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QComboBox *m_keySource = nullptr;
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyValue = nullptr;
    QLabel *m_keyStatus = nullptr;
    QTableWidget *m_prices = nullptr;
    QLabel *m_priceStatus = nullptr;
    bool m_pricesLoaded = false;
};

}  // namespace lb::ui
