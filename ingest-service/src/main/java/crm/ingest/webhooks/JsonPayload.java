package crm.ingest.webhooks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import crm.events.Json;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Reads a verified delivery's body: exact decimals and integers, as the contract mapping does. */
public final class JsonPayload {
    private static final ObjectReader READER = Json.MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPayload() {
    }

    /** The body as a JSON object, or empty when it is not one. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> object(byte[] body) {
        return parse(body).filter(Map.class::isInstance).map(m -> (Map<String, Object>) m);
    }

    /** The parsed body (maps, lists, strings, numbers, booleans), or empty when it is not JSON. */
    public static Optional<Object> parse(byte[] body) {
        if (body == null || body.length == 0) return Optional.empty();
        try {
            return Optional.ofNullable(READER.readValue(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
