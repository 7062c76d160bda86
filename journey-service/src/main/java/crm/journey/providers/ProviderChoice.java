package crm.journey.providers;

/**
 * The provider a workspace sends a channel's messages through.
 *
 * @param url the webhook channel's target URL; null for the other channels
 */
public record ProviderChoice(String channel, String provider, String url) {
}
