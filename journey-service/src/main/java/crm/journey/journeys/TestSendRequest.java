package crm.journey.journeys;

import java.util.Map;

/**
 * The body of {@code POST /v1/journeys/{id}/test-send}.
 *
 * @param step      the id of the send step whose message is sent
 * @param to        where to: an email address, an E.164 phone number (SMS, WhatsApp), a URL (webhook; optional)
 * @param traits    sample traits the template sees (over the profile's, when {@code profileId} is given)
 * @param event     sample trigger event properties the template sees as {@code event} (checkout_url, ...)
 * @param profileId a profile of the workspace whose traits the template sees
 */
public record TestSendRequest(String step, String to, Map<String, Object> traits, Map<String, Object> event, String profileId) {
    public TestSendRequest {
        traits = traits == null ? Map.of() : traits;
        event = event == null ? Map.of() : event;
    }
}
