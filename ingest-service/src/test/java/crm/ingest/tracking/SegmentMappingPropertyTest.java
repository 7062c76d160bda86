package crm.ingest.tracking;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Json;
import crm.ingest.RandomCases;
import crm.web.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static crm.ingest.RandomCases.anyChars;
import static crm.ingest.RandomCases.bytes;
import static crm.ingest.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The pure tracking rules under random and mutated input (the generators of {@link TrackingRobustnessTest}, over
 * seeded {@link Random}s, see {@link RandomCases}): they answer accepted or rejected-with-a-field, never throw, and
 * whatever they accept can be published. 4,000 cases in all.
 */
class SegmentMappingPropertyTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00Z");
    private static final long BASE_SEED = 0x6D617070696E67L;

    record MessageCase(Object message, EventType type) {
    }

    record DecodeCase(byte[] body, String encoding) {
    }

    @Test
    void a_message_is_accepted_or_rejected_naming_a_field_never_thrown() {
        RandomCases.check("message mapping", BASE_SEED, 2000,
                r -> new MessageCase(r.nextBoolean() ? TrackingRobustnessTest.mutatedMessage(r)
                        : TrackingRobustnessTest.jsonValue(r, 3), oneOf(r, EventType.values())),
                c -> "type " + c.type() + ", message " + RandomCases.abbreviate(String.valueOf(c.message()), 1000),
                c -> {
                    if (!(c.message() instanceof Map<?, ?> m)) return;
                    @SuppressWarnings("unchecked")
                    SegmentMapping.Outcome outcome = SegmentMapping.map(c.type(), (Map<String, Object>) m, "ws",
                            RECEIVED, () -> "id");

                    if (outcome instanceof SegmentMapping.Rejected r) {
                        assertThat(r.field()).isNotBlank();
                        assertThat(r.reason()).isNotBlank();
                    } else {
                        CustomerEvent e = ((SegmentMapping.Accepted) outcome).event();
                        assertThat(e.identities().userId() != null || e.identities().anonymousId() != null).isTrue();
                        assertThat(e.id().length()).isLessThanOrEqualTo(SegmentMapping.MESSAGE_ID_MAX_LENGTH);
                        assertThatCode(() -> Json.write(e)).doesNotThrowAnyException();
                    }
                });
    }

    @Test
    void a_batch_is_accepted_or_rejected_naming_a_field_never_thrown() {
        RandomCases.check("batch mapping", BASE_SEED + 1, 1000, TrackingRobustnessTest::mutatedBatch,
                body -> RandomCases.abbreviate(String.valueOf(body), 1000),
                body -> {
                    if (!(body instanceof Map<?, ?> m)) return;
                    @SuppressWarnings("unchecked")
                    SegmentBatch.Outcome outcome = SegmentBatch.map((Map<String, Object>) m, "ws", RECEIVED, () -> "id",
                            new SegmentBatch.Limits(2500, 32768));

                    if (outcome instanceof SegmentBatch.Rejected r) {
                        assertThat(r.field()).matches("batch.*|context|integrations|sentAt");
                    } else {
                        assertThat(((SegmentBatch.Accepted) outcome).events())
                                .allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo("ws"));
                    }
                });
    }

    @Test
    void any_bytes_with_any_encoding_decode_or_give_a_4xx_problem() {
        RandomCases.check("body decoding", BASE_SEED + 2, 1000,
                r -> new DecodeCase(body(r), encoding(r)),
                c -> "encoding \"" + c.encoding() + "\", body " + Arrays.toString(
                        c.body().length > 300 ? Arrays.copyOf(c.body(), 300) : c.body())
                        + (c.body().length > 300 ? "... (" + c.body().length + " bytes)" : ""),
                c -> {
                    try {
                        assertThat(RequestBodies.decode(c.body(), c.encoding(), 32768, "message").length)
                                .isLessThanOrEqualTo(32768);
                    } catch (ProblemException e) {
                        assertThat(e.toResponse().getStatus()).isBetween(400, 499);
                    }
                });
    }

    /** Random bytes; sometimes a real (or cut) gzip or deflate stream, some of them inflating past the limit. */
    private static byte[] body(Random r) {
        return switch (RandomCases.weighted(r, 8, 1, 1)) {
            case 0 -> bytes(r, 255);
            case 1 -> {
                byte[] plain = r.nextBoolean() ? bytes(r, 255) : new byte[32768 + r.nextInt(3) - 1 + r.nextInt(40_000)];
                byte[] packed = compress(plain, r.nextBoolean());
                yield r.nextBoolean() ? packed : Arrays.copyOf(packed, r.nextInt(packed.length + 1));
            }
            default -> new byte[0];
        };
    }

    private static String encoding(Random r) {
        return r.nextBoolean() ? oneOf(r, "gzip", "deflate", "identity", "", "GZIP", "br") : anyChars(r, 20);
    }

    private static byte[] compress(byte[] plain, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = gzip ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
