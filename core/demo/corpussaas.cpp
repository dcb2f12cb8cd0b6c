// Help-center topics of the software products (Orbitly, Ledgerline), as templates over their facts.
#include "corpusdata.h"

namespace lb::demo {

namespace {

constexpr TopicSpec kSaasTopics[] = {
    {"plans", 1.2,
     {"Plans and pricing", "Comparing {product} plans", "Which plan is right for my team?"},
     "{product} is available on three plans. {plan_entry} costs {price_entry} and includes {entry_limit}. "
     "{plan_mid} costs {price_mid} and adds {mid_features}. {plan_top} costs {price_top} and adds "
     "{top_features}. Paying annually instead of monthly saves {annual_discount} on every paid plan. "
     "Prices exclude VAT and sales tax, which are added at checkout based on your billing address.",
     {"You can switch plans at any time from Settings > Billing. Upgrades take effect immediately and you "
      "are charged a prorated amount for the rest of the billing period. Downgrades take effect at the start "
      "of the next billing period; features that are not part of the new plan become read-only rather than "
      "being deleted, so nothing is lost if you upgrade again later.",
      "Annual invoices are issued on the day you subscribe and can be paid by card or by bank transfer. "
      "If you need a purchase order number or a different legal entity on the invoice, add it under "
      "Settings > Billing > Invoice details before the invoice is issued; invoices that were already issued "
      "cannot be changed, but our billing team can issue a credit note and a corrected invoice.",
      "Registered non-profit organizations and accredited schools can apply for a discount. Send proof of "
      "status to {support_email} from the email address of the account owner. Approved discounts apply from "
      "the next invoice and are reviewed every twelve months."},
     {{{{"How much does {product} cost?", "what are the prices of the {product} plans"},
        "{product} has three plans: {plan_entry} ({price_entry}, {entry_limit}), {plan_mid} ({price_mid}) and "
        "{plan_top} ({price_top}). Paying annually saves {annual_discount}, and taxes are added at checkout."},
       {{"What's the difference between {plan_mid} and {plan_top}?",
         "Is {plan_top} worth it compared to {plan_mid}?"},
        "{plan_mid} costs {price_mid} and gives you {mid_features}. {plan_top} costs {price_top} and adds "
        "{top_features} on top of that."},
       {{"What do I get on the {plan_entry} plan?", "Is there a cheap or free plan for {product}?"},
        "The {plan_entry} plan costs {price_entry} and includes {entry_limit}. If you outgrow it, {plan_mid} "
        "costs {price_mid}."}}}},
    {"refunds", 1.6,
     {"Refund policy", "Requesting a refund", "Refunds for subscriptions"},
     "We offer a full refund on {refund_scope} if you ask within {refund_days} of the payment. Refunds are "
     "issued to the original payment method and usually arrive within {refund_processing}, depending on your "
     "bank. Monthly renewals after that are not refundable, but you can cancel at any time and keep access "
     "{cancel_access}. To request a refund, write to {support_email} from the account owner's address and "
     "include the invoice number.",
     {"Refunds are not available for add-ons that were already used, such as extra storage that held data, "
      "or for accounts closed for violating the terms of service. Partial refunds for unused seats are not "
      "issued; instead, reduce the number of seats and the change applies at the next renewal.",
      "If you were charged twice or charged after cancelling, you do not need to wait for the refund window: "
      "contact billing with the invoice numbers and we will reverse the duplicate charge. Chargebacks filed "
      "with your bank pause the account until the dispute is resolved, so please talk to us first.",
      "Refunds in a currency other than the one you paid in are not possible. If your card has expired or "
      "been replaced, the bank normally forwards the refund to the new card; otherwise we can refund by bank "
      "transfer after verifying the account owner."},
     {{{{"What's your refund policy?", "can i get a refund for {product}"},
        "You can get a full refund on {refund_scope} if you ask within {refund_days} of the payment. The "
        "money goes back to your original payment method within {refund_processing}."},
       {{"I forgot to cancel and got charged for {product}. Can I get my money back?",
         "How long do I have to ask for a refund?"},
        "Refunds are available on {refund_scope} within {refund_days} of the payment; just email "
        "{support_email} with your invoice number. Later renewals are not refundable, but you keep access "
        "{cancel_access} after cancelling."},
       {{"How long does a refund take to arrive?", "When will I see my refund?"},
        "Once approved, refunds go back to the original payment method and usually arrive within "
        "{refund_processing}, depending on your bank."}}}},
    {"cancellation", 1.0,
     {"Cancelling your subscription", "What happens when I cancel?", "Closing a paid workspace"},
     "You can cancel your subscription at any time under Settings > Billing > Cancel subscription. Only the "
     "account owner can cancel. After cancelling you keep full access {cancel_access}; then the account "
     "switches to read-only. Your data is kept for {data_keep} after the subscription ends so that you can "
     "reactivate or export it, and is then permanently deleted.",
     {"Before you cancel, consider pausing instead: a paused subscription costs nothing for up to three "
      "months, keeps every setting, and resumes automatically. Pausing is available once per year on "
      "monthly plans.",
      "Cancelling does not delete your user account or remove you from other workspaces you were invited "
      "to. If you want your personal data deleted as well, follow the account deletion steps after the "
      "subscription has ended.",
      "If the cancel button is missing, you are probably not the account owner. The owner is shown under "
      "Settings > Members; they can cancel or transfer ownership to you."},
     {{{{"How do I cancel my {product} subscription?", "how to cancel"},
        "Go to Settings > Billing > Cancel subscription (only the account owner can do this). You keep full "
        "access {cancel_access}, and your data stays available for {data_keep} afterwards."},
       {{"What happens to my data if I cancel?", "If I cancel, will my data be deleted right away?"},
        "No. After the subscription ends your data is kept for {data_keep}, so you can reactivate or export "
        "it; after that it is permanently deleted."},
       {{"If I cancel today do I lose access immediately?", "Does cancelling stop access straight away?"},
        "No, you keep full access {cancel_access}. After that the account becomes read-only and your data "
        "is kept for {data_keep}."}}}},
    {"security", 1.1,
     {"Password resets and two-factor authentication", "Keeping your account secure", "Locked out of your account"},
     "To reset your password, click \"Forgot password\" on the sign-in page; the reset link we email you is "
     "valid for {reset_minutes}. After {lockout_attempts} in a row the account is locked for "
     "{lockout_minutes}. Two-factor authentication supports {twofa_methods}. Two-factor authentication is "
     "{twofa_policy}.",
     {"If you lose access to your second factor, use one of the recovery codes you saved when you set up "
      "two-factor authentication. Each code works once. Without recovery codes, our support team must "
      "verify your identity, which can take up to three business days.",
      "We never ask for your password by email, chat or phone. If you receive a message that asks for it, "
      "forward it to our security team and do not click any links in it.",
      "Active sessions are listed under Profile > Security. Signing out of all sessions also revokes "
      "remember-me cookies on every device, but it does not revoke API tokens; rotate those separately."},
     {{{{"How do I reset my password?", "password reset link not working"},
        "Click \"Forgot password\" on the sign-in page and follow the link we email you. The link is valid "
        "for {reset_minutes}, so request a new one if it has expired."},
       {{"I'm locked out of my account, what now?", "Why is my account locked?"},
        "Accounts are locked for {lockout_minutes} after {lockout_attempts} in a row. Wait until the lock "
        "expires, then reset your password if you are unsure of it."},
       {{"Which two-factor methods do you support?", "Can I use SMS for 2FA?"},
        "Two-factor authentication supports {twofa_methods}. It is {twofa_policy}."}}}},
    {"deletion", 0.6,
     {"Deleting your account", "Permanently removing your data", "Account deletion and your privacy"},
     "You can delete your account under Profile > Privacy > Delete account. Deletion is scheduled, not "
     "immediate: you have {deletion_days} to change your mind by signing in again, after which all personal "
     "data is permanently erased from our systems. {deletion_exception}",
     {"If you are the owner of a workspace with other members, transfer ownership first; otherwise the "
      "delete button is disabled. Deleting your account does not cancel a subscription that another owner "
      "pays for.",
      "Backups are encrypted and rotated automatically, so deleted data disappears from backups as they "
      "expire. We cannot restore an account after the deletion has completed.",
      "Under the GDPR you can also request a copy of your personal data before deleting the account. The "
      "export is prepared within a few hours and sent to your email address."},
     {{{{"How do I delete my {product} account?", "delete my account please"},
        "Go to Profile > Privacy > Delete account. You then have {deletion_days} to change your mind before "
        "your personal data is permanently erased."},
       {{"Is account deletion immediate?", "Can I undo deleting my account?"},
        "Deletion is scheduled: you can cancel it within {deletion_days} by signing in again. After that the "
        "data is erased and cannot be restored."},
       {{"Will everything be deleted if I close my account?", "What data do you keep after I delete my account?"},
        "Your personal data is erased {deletion_days} after you request deletion. {deletion_exception}"}}}},
    {"api_limits", 1.3,
     {"API rate limits", "Handling 429 Too Many Requests", "API quotas and throttling"},
     "The {product} API allows {rate_limit}, with short bursts of up to {burst_limit}. In addition there is a "
     "daily quota of {daily_quota}. Every response carries the {limit_header} header with the number of "
     "requests left in the current window. When you exceed a limit the API answers 429 Too Many Requests "
     "with a Retry-After header in seconds; wait that long before retrying.",
     {"Use exponential backoff with jitter for retries, and never retry more often than the Retry-After "
      "header allows: clients that keep retrying during a throttle window are blocked for longer.",
      "Bulk endpoints count as a single request but accept up to 100 records, so batching writes is the "
      "easiest way to stay under the limit. Webhooks are the better choice than polling for changes.",
      "Quota usage is shown per token under Settings > API. If your integration needs higher limits, "
      "contact {support_email} with your expected request volume and a description of the use case."},
     {{{{"What are the API rate limits?", "how many requests per minute can I make to the {product} API"},
        "The API allows {rate_limit}, with bursts of up to {burst_limit}, and a daily quota of "
        "{daily_quota}."},
       {{"Why am I getting 429 errors from the API?", "api returns 429 too many requests, what do i do"},
        "A 429 means you exceeded a limit ({rate_limit}, bursts up to {burst_limit}). Wait for the number of "
        "seconds in the Retry-After header before retrying, and watch the {limit_header} header."},
       {{"Is there a daily limit on API calls?", "What's the API quota per day?"},
        "Yes, besides {rate_limit} there is a daily quota of {daily_quota}."}}}},
    {"api_keys", 0.8,
     {"API tokens", "Creating and rotating API keys", "Authenticating with the API"},
     "API requests are authenticated with a token in the Authorization header. Tokens start with "
     "{key_prefix} and are created under Settings > API. Each token expires after {key_expiry} and you can "
     "have at most {max_keys}. A token is shown only once when it is created; store it in a secret manager "
     "and never commit it to source control.",
     {"To rotate a token without downtime, create the new token, deploy it, and only then revoke the old "
      "one. Revoking takes effect within one minute on every region.",
      "If a token was exposed, revoke it immediately under Settings > API. Leaked tokens found by public "
      "code scanners are revoked automatically and the owner gets an email.",
      "Tokens inherit the permissions of the user who created them. For integrations, create a dedicated "
      "service user with only the permissions the integration needs."},
     {{{{"How do I get an API key?", "where do i create api tokens"},
        "Create a token under Settings > API. It starts with {key_prefix}, is shown only once, and expires "
        "after {key_expiry}."},
       {{"Do API tokens expire?", "How long is an API key valid?"},
        "Yes, each token expires after {key_expiry}. Create a replacement before then and revoke the old "
        "token once the new one is deployed."},
       {{"How many API keys can I have?", "Is there a limit on the number of API tokens?"},
        "You can have at most {max_keys}. Each starts with {key_prefix} and expires after {key_expiry}."}}}},
    {"export", 0.7,
     {"Exporting your data", "Data export formats", "Moving your data out of {product}"},
     "You can export your data under Settings > Data > Export in {export_formats}. A single export covers up "
     "to {export_limit}; larger accounts are split into several files automatically. When the export is "
     "ready we email a download link that stays valid for {export_link_days}.",
     {"Exports include attachments as a separate archive. Comments, history and custom fields are included; "
      "integrations and automation rules are not, because they reference credentials that we never export.",
      "Only admins can export the whole account. Members can export the items they have access to from the "
      "list view using the \"Export visible rows\" option.",
      "Scheduled exports run every night and store the file in a connected cloud drive. They are useful for "
      "compliance archives but count towards the same size limit as manual exports."},
     {{{{"How can I export my data?", "export all my data from {product}"},
        "Go to Settings > Data > Export. Exports are available in {export_formats}, and the download link we "
        "email you is valid for {export_link_days}."},
       {{"Which formats can I export to?", "can i export to csv"},
        "Exports are available in {export_formats}. A single export covers up to {export_limit}."},
       {{"My export link doesn't work anymore", "How long is the export download link valid?"},
        "Export download links are valid for {export_link_days}. If yours has expired, start a new export "
        "under Settings > Data > Export."}}}},
    {"sso", 0.5,
     {"Single sign-on (SAML)", "Setting up SSO", "SSO and user provisioning"},
     "Single sign-on with SAML 2.0 is available on {sso_plans}. Supported identity providers are "
     "{sso_providers}. {scim_note} Once SSO is enforced, members sign in through your identity provider and "
     "password sign-in is disabled for everyone except the account owner, who keeps a fallback login.",
     {"To set up SSO, open Settings > Security > Single sign-on, download our SAML metadata, create an "
      "application in your identity provider, and upload its metadata. Test with a second admin before you "
      "enforce SSO for everyone.",
      "Users who sign in through SSO for the first time are created automatically with the default role. "
      "Removing a user in the identity provider blocks sign-in immediately but keeps their content.",
      "If your identity provider certificate expires, sign-in fails for everyone except the owner. Upload "
      "the renewed certificate before the expiry date to avoid an outage."},
     {{{{"Do you support SSO?", "Which plan do I need for single sign-on?"},
        "Yes, SAML single sign-on is available on {sso_plans}, with {sso_providers} as supported identity "
        "providers."},
       {{"Can I use Okta with {product}?", "which identity providers work with your SSO"},
        "Supported identity providers are {sso_providers}; SSO is available on {sso_plans}."},
       {{"Do you support SCIM provisioning?", "Can users be provisioned automatically?"},
        "{scim_note} SSO itself is available on {sso_plans}."}}}},
    {"support", 0.9,
     {"Contacting support", "Support hours and response times", "Getting help"},
     "You can reach the {product} support team by {support_channels} at {support_email}. Support is staffed "
     "{support_hours}. We reply within {response_time}. For outages, check {status_url} first: incidents "
     "are posted there within minutes and you can subscribe to updates.",
     {"When you write to us, include your account email, the browser or app version, and the exact error "
      "message. Screenshots help, but please never send passwords or full card numbers.",
      "Feature requests are collected on our public roadmap. Votes and comments there are read by the "
      "product team every week.",
      "Our help center at {help_url} has step-by-step guides for the most common questions and is updated "
      "with every release."},
     {{{{"How can I contact support?", "is there a support email"},
        "Write to {support_email}; you can also reach us by {support_channels}. Support is available "
        "{support_hours}."},
       {{"What are your support hours?", "Is support available on weekends?"},
        "Support is staffed {support_hours}, and we reply within {response_time}."},
       {{"How fast do you respond to tickets?", "what's the response time for support"},
        "We reply within {response_time}. During outages, check {status_url} for updates."}}}},
    {"webhooks", 0.5,
     {"Webhooks", "Receiving events with webhooks", "Webhook retries and signatures"},
     "Webhooks send an HTTP POST to your endpoint for every subscribed event. Your endpoint must answer with "
     "a 2xx status within {webhook_timeout}; otherwise the delivery counts as failed and is retried "
     "{webhook_retries}. Every request is signed with HMAC-SHA256 in the {signature_header} header, computed "
     "over the raw request body with your endpoint's signing secret.",
     {"Deliveries can arrive out of order and, rarely, more than once. Use the event id to deduplicate and "
      "the event timestamp to order them.",
      "After all retries fail, the endpoint is disabled and the account admins get an email. Re-enable it "
      "under Settings > Webhooks once it is healthy; missed events can be replayed from the delivery log.",
      "For local development, use a tunnel to expose your endpoint, and rotate the signing secret before "
      "going to production."},
     {{{{"How do webhook retries work?", "what happens if my webhook endpoint is down"},
        "A delivery fails when your endpoint does not answer 2xx within {webhook_timeout}; it is then "
        "retried {webhook_retries}."},
       {{"How do I verify webhook signatures?", "which header has the webhook signature"},
        "Each request is signed with HMAC-SHA256 in the {signature_header} header, computed over the raw "
        "body with your signing secret."},
       {{"What's the webhook timeout?", "How long does my endpoint have to respond to a webhook?"},
        "Your endpoint must answer with a 2xx status within {webhook_timeout}, otherwise the delivery is "
        "retried {webhook_retries}."}}}},
};

}  // namespace

std::span<const TopicSpec> saasTopicSpecs() { return kSaasTopics; }

}  // namespace lb::demo
