package crm.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one JSON mapping of the message contracts, used by every producer and consumer.
 * Unknown fields are ignored so a newer producer never breaks an older consumer; instants are ISO-8601 strings;
 * decimals stay exact (money).
 */
public final class Json {
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** Applies the contract mapping to a mapper (for example the one a framework created). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                // After JavaTimeModule, so its Instant handling is the fallback (InstantText).
                .registerModule(InstantText.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // A document with anything after its value is not the document: refuse it rather than read half.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@link #write} as UTF-8 bytes, without the string in between (what a Kafka producer sends). */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a message; a malformed one throws {@link IllegalArgumentException} so consumers can dead-letter it. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

}
