package crm.journey.journeys;

/**
 * What a test send sent.
 *
 * @param messageId         "test:" + a random id; no send row, run, cap or statistic knows it
 * @param providerMessageId the provider's id for it (SendGrid X-Message-Id, Twilio sid), null when it has none
 * @param subject           the email's subject as sent ("[Test] ..."), null for other channels
 */
public record TestSendResult(String messageId, String stepId, String channel, String to, String provider,
                             String providerMessageId, String subject) {
}
