package crm.ingest.webhooks;

/**
 * The 200 answer of a webhook endpoint.
 *
 * @param published     how many events of the delivery are new and now on the broker (0 for a replay, a ping, or a
 *                      topic the suite does not use)
 * @param deadLettered  true when the delivery could not be mapped and was kept on the dead-letter topic instead
 */
public record WebhookAccepted(boolean success, int published, boolean deadLettered) {
    public static WebhookAccepted of(int published) {
        return new WebhookAccepted(true, published, false);
    }

    public static WebhookAccepted keptAsDeadLetter() {
        return new WebhookAccepted(true, 0, true);
    }
}
