package crm.ingest.webhooks;

/**
 * The 200 answer of a webhook endpoint.
 *
 * @param published how many events of the delivery are new and now on the broker (0 for a replay, a ping, or a topic
 *                  the suite does not use)
 */
public record WebhookAccepted(boolean success, int published) {
    public static WebhookAccepted of(int published) {
        return new WebhookAccepted(true, published);
    }
}
